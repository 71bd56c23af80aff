package io.fleetcost.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.TestPaths;
import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.pipeline.OutputDirectory;
import io.fleetcost.pipeline.TelemetryIngestJob;
import io.fleetcost.pipeline.TelemetryIngestResult;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryIngestTest {
  @TempDir Path dir;

  record Ingested(TelemetryIngestResult result, Path samples, Path quarantine, Path labelSets) {}

  private Ingested ingest(TelemetryInput... inputs) {
    Path out = dir.resolve("out-" + System.nanoTime());
    try (ProgressReporter progress = new ProgressReporter(Duration.ofSeconds(30));
        OutputDirectory output =
            new OutputDirectory(
                SharedSpark.session().sparkContext().hadoopConfiguration(),
                out.toString(),
                "test")) {
      TelemetryIngestResult result =
          new TelemetryIngestJob(SharedSpark.session(), progress).run(List.of(inputs), output, "");
      output.commit(
          List.of(
              TelemetryIngestJob.SAMPLES,
              TelemetryIngestJob.QUARANTINE,
              TelemetryIngestJob.LABEL_SETS));
      return new Ingested(
          result,
          out.resolve(TelemetryIngestJob.SAMPLES),
          out.resolve(TelemetryIngestJob.QUARANTINE),
          out.resolve(TelemetryIngestJob.LABEL_SETS));
    }
  }

  private static TelemetryInput input(Path path, TelemetryFormat format) {
    return new TelemetryInput(
        path.getFileName().toString(),
        List.of(path.toString()),
        format,
        "test-cluster",
        "UTC",
        null,
        null);
  }

  private static Dataset<Row> read(Path path) {
    return SharedSpark.session().read().parquet(path.toString());
  }

  /** Nearest rank: the smallest value with at least p of the values at or below it. */
  static double nearestRank(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  @Test
  void theRealH200LogGivesTheSameStatisticsAsAnIndependentComputation() throws IOException {
    Path log = TestPaths.realSample("telemetry/nvidia-smi-h200/nvidia-smi-query-gpu.csv");
    List<Double> util = new ArrayList<>();
    double maxMemory = 0;
    for (String line : Files.readAllLines(log).subList(1, Files.readAllLines(log).size())) {
      String[] fields = line.split(",\\s*");
      util.add(Double.parseDouble(fields[5].replace("%", "").trim()));
      maxMemory = Math.max(maxMemory, Double.parseDouble(fields[7].replace("MiB", "").trim()));
    }
    double mean = util.stream().mapToDouble(Double::doubleValue).average().orElseThrow();

    Ingested ingested =
        ingest(
            new TelemetryInput(
                "h200", List.of(log.toString()), null, null, "UTC", "h200-box", null));
    assertThat(ingested.result().files().get(0).format()).isEqualTo("nvidia-smi");
    assertThat(ingested.result().samples()).isEqualTo(util.size()).isEqualTo(276);
    assertThat(ingested.result().valuesQuarantined()).isZero();
    assertThat(ingested.result().gpus()).isEqualTo(1);

    GpuProfiles.Settings settings =
        new GpuProfiles.Settings(
            Instant.parse("2026-11-27T00:00:00Z"),
            Instant.parse("2026-11-28T00:00:00Z"),
            600,
            5,
            1);
    GpuProfiles.ResourceKeying byInstanceId =
        labelSets ->
            labelSets.withColumn(
                GpuProfiles.RESOURCE_KEY, ResourceKeys.fromInstanceId(col("instance_id")));
    Row profile =
        GpuProfiles.perGpu(
                read(ingested.samples()), read(ingested.labelSets()), byInstanceId, settings)
            .collectAsList()
            .get(0);
    assertThat(profile.<String>getAs("resource_key")).isEqualTo("h200-box");
    assertThat(profile.<String>getAs("gpu_model")).isEqualTo("NVIDIA H200");
    assertThat(profile.<Long>getAs("samples")).isEqualTo(276L);
    assertThat(profile.<Double>getAs("mean"))
        .isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(profile.<Double>getAs("p95")).isEqualTo(nearestRank(util, 0.95));
    assertThat(profile.<Double>getAs("p50")).isEqualTo(nearestRank(util, 0.50));
    assertThat(profile.<Double>getAs("max")).isEqualTo(Collections.max(util));
    assertThat(profile.<Double>getAs("memory_max_mib")).isEqualTo(maxMemory).isEqualTo(96509d);
    assertThat(profile.<Double>getAs("memory_total_mib")).isEqualTo(143771d);
    // samples about 1 s apart: the active fraction (time at >= 5 %) is close to the share of
    // samples at >= 5 %
    double activeShare = util.stream().filter(u -> u >= 5).count() / (double) util.size();
    assertThat(profile.<Double>getAs("active_fraction"))
        .isCloseTo(activeShare, org.assertj.core.data.Offset.offset(0.02));
    // about 1 s between samples: 275 gaps plus the last sample standing for the gap before it
    assertThat(profile.<Double>getAs("hours")).isBetween(270 / 3600d, 280 / 3600d);
  }

  @Test
  void prometheusJsonKeepsProfRatiosApartFromUtilPercentAndQuarantinesBadValues()
      throws IOException {
    String json =
        """
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"__name__":"DCGM_FI_DEV_GPU_UTIL","gpu":"0","UUID":"GPU-aaa","Hostname":"node-1","modelName":"NVIDIA A100-SXM4-80GB"},
           "values":[[1761955200,"40"],[1761955260,"60"],[1761955320,"NaN"],[1761955380,"140"]]},
          {"metric":{"__name__":"DCGM_FI_PROF_GR_ENGINE_ACTIVE","gpu":"0","UUID":"GPU-aaa","hostname":"node-1","GPU_I_PROFILE":"3g.40gb","GPU_I_ID":"1","namespace":"ml","pod":"notebook-0"},
           "values":[[1761955200,"0.25"],[1761955260,"45"]]},
          {"metric":{"__name__":"DCGM_FI_DEV_FB_USED","gpu":"0","UUID":"GPU-aaa","Hostname":"node-1"},
           "values":[[1761955200,"1024"],[1761955260,"9223372036854775794"]]},
          {"metric":{"__name__":"DCGM_FI_DEV_SM_CLOCK","gpu":"0","UUID":"GPU-aaa","Hostname":"node-1"},"values":[[1761955200,"1410"]]},
          {"metric":{"gpu":"0"},"values":[[1761955200,"3"]]}
        ]}}
        """;
    Path file = Files.writeString(dir.resolve("dcgm.json"), json);
    Ingested ingested = ingest(input(file, null));
    TelemetryIngestResult result = ingested.result();
    assertThat(result.files().get(0).format()).isEqualTo("dcgm-json");
    // 4 util + 2 gr + 2 fb + 1 nameless = 9 values (the SM clock is not a metric FleetCost uses)
    assertThat(result.valuesRead()).isEqualTo(9);
    assertThat(result.quarantinedByReason())
        .containsEntry("not_a_number:gpu_util", 1L)
        .containsEntry("out_of_range:gpu_util", 1L)
        .containsEntry("out_of_range:gr_engine_active", 1L)
        .containsEntry("blank_value:fb_used_mib", 1L)
        .containsEntry("decode_error", 1L);
    List<Row> rows =
        read(ingested.samples()).orderBy("sample_time", "mig_instance_id").collectAsList();
    Row mig =
        rows.stream().filter(r -> r.getAs("mig_instance_id") != null).findFirst().orElseThrow();
    assertThat(mig.<Double>getAs("gr_engine_active")).isEqualTo(0.25);
    assertThat(mig.<String>getAs("mig_profile")).isEqualTo("3g.40gb");
    assertThat(mig.<String>getAs("node"))
        .as("'hostname' and 'Hostname' are the same label")
        .isEqualTo("node-1");
    assertThat(mig.<String>getAs("cluster")).isEqualTo("test-cluster");
    Row whole =
        rows.stream().filter(r -> r.getAs("mig_instance_id") == null).findFirst().orElseThrow();
    assertThat(whole.<Double>getAs("gpu_util")).isEqualTo(40d);
    assertThat(whole.<Double>getAs("fb_used_mib")).isEqualTo(1024d);
    Row bad =
        read(ingested.quarantine())
            .filter(col("x_QuarantineReason").equalTo("out_of_range:gr_engine_active"))
            .first();
    assertThat(bad.<String>getAs("x_QuarantineDetail"))
        .contains("'45'")
        .contains("between 0 and 1");
  }

  @Test
  void expositionSnapshotsTakeTheirTimeFromTheLineTheCommentOrTheFileName() throws IOException {
    String snapshot =
        """
        # HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).
        # TYPE DCGM_FI_DEV_GPU_UTIL gauge
        # scrape_time 2026-10-15T12:00:00Z
        DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-bbb",Hostname="node-2",modelName="NVIDIA H100 80GB HBM3",pod="train-7",namespace="llm"} 97
        DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-bbb",Hostname="node-2"} 70123 1792065660000
        this line is not a metric
        """;
    Path file = Files.writeString(dir.resolve("node-2.prom"), snapshot);
    Path named =
        Files.writeString(
            dir.resolve("dcgm-node-3-20261015T120500Z.prom"),
            "DCGM_FI_DEV_GPU_UTIL{gpu=\"1\",UUID=\"GPU-ccc\",Hostname=\"node-3\"} 3\n");
    Ingested ingested = ingest(input(file, null), input(named, null));
    assertThat(ingested.result().quarantinedByReason()).containsEntry("decode_error", 1L);
    List<Row> rows = read(ingested.samples()).orderBy("sample_time").collectAsList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).<java.sql.Timestamp>getAs("sample_time").toInstant())
        .isEqualTo(Instant.parse("2026-10-15T12:00:00Z"));
    assertThat(rows.get(0).<String>getAs("pod")).isEqualTo("train-7");
    assertThat(rows.get(1).<java.sql.Timestamp>getAs("sample_time").toInstant())
        .isEqualTo(Instant.parse("2026-10-15T12:01:00Z"));
    assertThat(rows.get(2).<java.sql.Timestamp>getAs("sample_time").toInstant())
        .isEqualTo(Instant.parse("2026-10-15T12:05:00Z"));

    Path timeless =
        Files.writeString(
            dir.resolve("snapshot.prom"), "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"x\"} 5\n");
    assertThatThrownBy(() -> ingest(input(timeless, null)))
        .hasStackTraceContaining("snapshot.prom")
        .hasStackTraceContaining("scrape_time");
  }

  @Test
  void nvidiaSmiLocalTimesUseTheInputsZoneAndNotSupportedIsNoValue() throws IOException {
    String log =
        """
        timestamp, index, uuid, name, utilization.gpu [%], memory.used [MiB], memory.total [MiB], power.draw [W]
        2026/10/15 14:00:00.000, 0, GPU-ddd, Tesla T4, 12 %, 1500 MiB, 15360 MiB, [N/A]
        2026/10/15 14:01:00.000, 0, GPU-ddd, Tesla T4, [Not Supported], 1500 MiB, 15360 MiB, 31.5 W
        15/10/2026 14:02, 0, GPU-ddd, Tesla T4, 20 %, 1500 MiB, 15360 MiB, 30 W
        """;
    Path file = Files.writeString(dir.resolve("i-0123456789abcdef0.csv"), log);
    Ingested ingested =
        ingest(
            new TelemetryInput(
                "vm", List.of(file.toString()), null, null, "Europe/Berlin", null, null));
    assertThat(ingested.result().quarantinedByReason()).containsEntry("decode_error", 1L);
    List<Row> rows = read(ingested.samples()).orderBy("sample_time").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<java.sql.Timestamp>getAs("sample_time").toInstant())
        .as("14:00 in Berlin (CEST) is 12:00 UTC")
        .isEqualTo(Instant.parse("2026-10-15T12:00:00Z"));
    assertThat(rows.get(0).<String>getAs("instance_id")).isEqualTo("i-0123456789abcdef0");
    assertThat(rows.get(0).<Double>getAs("power_w")).isNull();
    assertThat(rows.get(1).<Double>getAs("gpu_util")).isNull();
    assertThat(rows.get(1).<Double>getAs("power_w")).isEqualTo(31.5);
  }

  @Test
  void theGenericLongCsvNamesItsLabelsAndMetricsInColumns() throws IOException {
    String csv =
        """
        timestamp,cluster,node,provider_id,gpu_uuid,gpu_index,metric,value
        2026-10-15T00:00:00Z,eks-1,ip-10-0-0-1,aws:///us-east-1a/i-0aaa,GPU-eee,0,gpu_util,55
        2026-10-15T00:00:00Z,eks-1,ip-10-0-0-1,aws:///us-east-1a/i-0aaa,GPU-eee,0,fb_used_mib,2048
        2026-10-15 00:01:00,eks-1,ip-10-0-0-1,aws:///us-east-1a/i-0aaa,GPU-eee,0,gpu_util,65
        2026-10-15T00:02:00Z,eks-1,ip-10-0-0-1,aws:///us-east-1a/i-0aaa,GPU-eee,0,temperature,40
        """;
    Path file = Files.writeString(dir.resolve("samples.csv"), csv);
    Ingested ingested = ingest(input(file, null));
    assertThat(ingested.result().files().get(0).format()).isEqualTo("gpu-samples-csv");
    assertThat(ingested.result().quarantinedByReason()).isEqualTo(Map.of("decode_error", 1L));
    List<Row> rows = read(ingested.samples()).orderBy("sample_time").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<Double>getAs("fb_used_mib")).isEqualTo(2048d);
    assertThat(rows.get(0).<String>getAs("cluster")).isEqualTo("eks-1");
  }
}
