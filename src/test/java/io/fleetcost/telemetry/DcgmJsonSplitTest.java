package io.fleetcost.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prometheus-JSON file read in parts (cut between series) gives exactly what it gives read whole:
 * the same samples, the same quarantined values at the same positions, with GPUs whose metrics fall
 * in different parts merged.
 */
class DcgmJsonSplitTest {
  @TempDir Path dir;

  private static final String[] METRICS = {
    "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE"
  };

  /**
   * 6 GPUs × 3 metrics × 20 values, series sorted by metric as Prometheus sorts them; two bad
   * values.
   */
  private Path file() throws IOException {
    StringBuilder json =
        new StringBuilder(
            "\uFEFF{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[\n");
    boolean first = true;
    for (String metric : METRICS) {
      for (int gpu = 0; gpu < 6; gpu++) {
        if (!first) {
          json.append(",\n");
        }
        first = false;
        json.append(
            String.format(
                Locale.ROOT,
                "{\"metric\":{\"__name__\":\"%s\",\"gpu\":\"%d\",\"UUID\":\"GPU-%d\",\"Hostname\":\"node-%d\"%s},\"values\":[",
                metric,
                gpu % 8,
                gpu,
                gpu / 2,
                metric.endsWith("UTIL")
                    ? ",\"pod\":\"train-" + gpu + "\",\"namespace\":\"ml\""
                    : ""));
        for (int step = 0; step < 20; step++) {
          String value;
          if (metric.endsWith("UTIL") && gpu == 4 && step == 7) {
            value = "\"140\"";
          } else if (metric.endsWith("USED") && gpu == 1 && step == 3) {
            value = "\"NaN\"";
          } else {
            value =
                "\""
                    + (metric.endsWith("UTIL") ? (gpu * 7 + step) % 100 : 1000 + gpu * 10 + step)
                    + "\"";
          }
          json.append(step == 0 ? "" : ",")
              .append("[")
              .append(1_793_491_200L + step * 900L)
              .append(",")
              .append(value)
              .append("]");
        }
        json.append("]}");
      }
    }
    json.append("\n]}}\n");
    return Files.writeString(dir.resolve("dcgm.json"), json.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void aFileCutIntoPartsBetweenSeriesReadsAsTheWholeFile() throws IOException {
    Path file = file();
    TelemetryFileTask task =
        new TelemetryFileTask(
            file.toString(), "dcgm.json", TelemetryFormat.DCGM_JSON, "c1", "UTC", null, null);
    Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();

    DcgmJsonIndex.FileIndex whole = DcgmJsonIndex.index(task, conf, Long.MAX_VALUE);
    DcgmJsonIndex.FileIndex cut = DcgmJsonIndex.index(task, conf, 600);
    assertThat(whole.splits()).hasSize(1);
    assertThat(cut.splits().size())
        .as("~600-byte parts of a %d-byte file", Files.size(file))
        .isGreaterThan(5);
    assertThat(cut.values()).isEqualTo(whole.values()).isEqualTo(3 * 6 * 20);
    assertThat(cut.gpus()).hasSize(6);

    List<String> wholeRows = read(List.of(task), Long.MAX_VALUE);
    List<String> cutRows = read(List.of(task), 600);
    assertThat(cutRows).isEqualTo(wholeRows);
    // 6 GPUs × 20 times, every metric of a GPU in one row although its series are in different
    // parts
    assertThat(wholeRows.stream().filter(r -> r.startsWith("S|"))).hasSize(120);
    assertThat(wholeRows.stream().filter(r -> r.startsWith("S|") && r.contains("|null|")))
        .hasSize(2);
    // positions count every value of every series from 1: GPU-4's util is the 5th series, step 7
    // the 8th value
    assertThat(wholeRows.stream().filter(r -> r.startsWith("Q|")))
        .containsExactlyInAnyOrder(
            "Q|" + (4 * 20 + 8) + "|out_of_range:gpu_util",
            "Q|" + (6 * 20 + 20 + 4) + "|not_a_number:fb_used_mib");
  }

  private static List<String> read(List<TelemetryFileTask> tasks, long splitBytes) {
    DcgmJsonRead.Decoded decoded =
        DcgmJsonRead.decode(
            SharedSpark.session(),
            tasks,
            splitBytes,
            SharedSpark.session().sparkContext().longAccumulator());
    List<String> rows = new ArrayList<>();
    for (Row row : DcgmJsonRead.samples(decoded).collectAsList()) {
      rows.add(
          "S|"
              + row.getAs("gpu_uuid")
              + "|"
              + row.getAs("sample_time")
              + "|"
              + row.getAs("pod")
              + "|"
              + row.getAs("gpu_util")
              + "|"
              + row.getAs("fb_used_mib")
              + "|"
              + row.getAs("fb_total_mib")
              + "|"
              + row.getAs(GpuSamples.LABEL_SET));
    }
    for (Row row : DcgmJsonRead.quarantine(decoded).collectAsList()) {
      rows.add(
          "Q|"
              + row.getAs(GpuSampleColumns.SOURCE_LINE)
              + "|"
              + row.getAs(GpuSamples.QUARANTINE_REASON));
    }
    rows.sort(null);
    return rows;
  }
}
