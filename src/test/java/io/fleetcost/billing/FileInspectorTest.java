package io.fleetcost.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.TestPaths;
import io.fleetcost.files.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInspectorTest {
  @TempDir Path dir;
  final FileInspector inspector = new FileInspector(new Configuration());

  @Test
  void readsCsvHeadersThroughBomGzipAndZip() throws IOException {
    Path bom = dir.resolve("bom.csv");
    Files.write(
        bom, ("\uFEFFBilledCost,ChargePeriodStart\n1,2\n").getBytes(StandardCharsets.UTF_8));
    assertThat(inspector.inspect(bom.toString()).columns())
        .containsExactly("BilledCost", "ChargePeriodStart");

    Path gz = dir.resolve("report.bin");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(
          "lineItem/UnblendedCost,lineItem/UsageStartDate\n".getBytes(StandardCharsets.UTF_8));
    }
    FileLayout gzLayout = inspector.inspect(gz.toString());
    assertThat(gzLayout.compression())
        .as("found by magic bytes, not the name")
        .isEqualTo(Compression.GZIP);
    assertThat(gzLayout.columns()).contains("lineItem/UnblendedCost");

    Path zip = dir.resolve("report.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("report.csv"));
      out.write("a,b\n".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("second.csv"));
      out.write("c,d\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> inspector.inspect(zip.toString()))
        .hasMessageContaining("exactly one billing file");
  }

  @Test
  void jsonLinesLayoutIsTheUnionOfKeysBecauseExportsOmitNullFields() throws IOException {
    Path jsonl = dir.resolve("export.json");
    Files.writeString(
        jsonl, "{\"cost\":1,\"usage_start_time\":\"x\"}\n\n{\"cost\":2,\"credits\":[]}\n");
    FileLayout layout = inspector.inspect(jsonl.toString());
    assertThat(layout.container()).isEqualTo(Container.JSON_LINES);
    assertThat(layout.columns()).containsExactly("cost", "usage_start_time", "credits");
  }

  @Test
  void parquetLayoutComesFromTheFooter() {
    Path parquet =
        TestPaths.realSample(
            "billing/aws-cur-workshop-parquet/Oct2018-WorkshopCUR-00001.snappy.parquet");
    FileLayout layout = inspector.inspect(parquet.toString());
    assertThat(layout.container()).isEqualTo(Container.PARQUET);
    assertThat(layout.columns())
        .hasSize(124)
        .contains("line_item_unblended_cost", "reservation_reservation_a_r_n");
    assertThat(layout.typeOf("line_item_unblended_cost")).isEqualTo("double");
    assertThat(layout.typeOf("line_item_usage_start_date")).isEqualTo("timestamp");
  }

  @Test
  void anEmptyFileHasNoColumns() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    assertThat(inspector.inspect(empty.toString()).columns()).isEmpty();
  }
}
