package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.IngestOutput.total;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.cli.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery shapes beyond single files: a restated CUR month with its manifests, and the Azure FOCUS
 * export.
 */
class ExportVariantsTest {
  @TempDir Path dir;

  static final String CUR_HEADER =
      "identity/LineItemId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/CurrencyCode,"
          + "lineItem/UnblendedCost,lineItem/UsageType\n";

  private void gzip(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String manifest(String assembly, String... keys) {
    return "{\"assemblyId\":\""
        + assembly
        + "\",\"reportName\":\"ml\",\"compression\":\"GZIP\",\"billingPeriod\":"
        + "{\"start\":\"20261001T000000.000Z\",\"end\":\"20261101T000000.000Z\"},\"reportKeys\":[\""
        + String.join("\",\"", keys)
        + "\"]}";
  }

  @Test
  void aRestatedCurMonthIsCountedOnceFromItsLatestAssembly() throws IOException {
    Path month = dir.resolve("cur/ml/20261001-20261101");
    // the first delivery of October: 2 rows; the restatement replaces it with 3 rows
    gzip(
        month.resolve("asm-1/ml-00001.csv.gz"),
        CUR_HEADER
            + "a,Usage,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,USD,10.00,USE1-BoxUsage:p4d.24xlarge\n"
            + "b,Usage,2026-10-01T01:00:00Z,2026-10-01T02:00:00Z,USD,10.00,USE1-BoxUsage:p4d.24xlarge\n");
    Files.writeString(
        month.resolve("asm-1/ml-Manifest.json"),
        manifest("asm-1", "billing/cur/ml/20261001-20261101/asm-1/ml-00001.csv.gz"));
    gzip(
        month.resolve("asm-2/ml-00001.csv.gz"),
        CUR_HEADER
            + "a,Usage,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,USD,10.00,USE1-BoxUsage:p4d.24xlarge\n"
            + "b,Usage,2026-10-01T01:00:00Z,2026-10-01T02:00:00Z,USD,10.00,USE1-BoxUsage:p4d.24xlarge\n");
    gzip(
        month.resolve("asm-2/ml-00002.csv.gz"),
        CUR_HEADER
            + "c,Usage,2026-10-01T02:00:00Z,2026-10-01T03:00:00Z,USD,2.50,USE1-SpotUsage:g5.xlarge\n");
    String latest =
        manifest(
            "asm-2",
            "billing/cur/ml/20261001-20261101/asm-2/ml-00001.csv.gz",
            "billing/cur/ml/20261001-20261101/asm-2/ml-00002.csv.gz");
    Files.writeString(month.resolve("asm-2/ml-Manifest.json"), latest);
    Files.writeString(month.resolve("ml-Manifest.json"), latest);

    Path out = dir.resolve("out");
    Cli.Result result = Cli.run("ingest", dir.resolve("cur").toString(), "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    IngestOutput ingest = IngestOutput.of(out);
    assertThat(ingest.summary().get("rows_read").asLong()).isEqualTo(3);
    assertThat(total(ingest.summary(), "USD", "billed_cost"))
        .isEqualByComparingTo("22.50"); // 10 + 10 + 2.50, not + 20
    JsonNode skipped = ingest.summary().get("skipped_files");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).get("status").asText()).isEqualTo("superseded");
    assertThat(skipped.get(0).get("path").asText()).contains("/asm-1/");
  }

  @Test
  void theAzureFocusExportGivesVmSizeAndSpotFromItsOwnColumns() throws IOException {
    String header =
        "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,"
            + "PricingCategory,ProviderName,ResourceId,ServiceCategory,Tags,x_SkuDetails,x_PricingSubcategory,x_ResourceGroupName,"
            + "x_SkuMeterSubcategory\n";
    String spot =
        "1.44,1.44,EUR,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,Usage,,Dynamic,Microsoft,"
            + "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/eval-7,Compute,"
            + "\"{\"\"team\"\":\"\"research\"\"}\",\"{\"\"ServiceType\"\":\"\"Standard_NC4as_T4_v3\"\",\"\"VCPUs\"\":4}\",Spot,rg,"
            + "NCasT4v3 Series\n";
    String onDemand =
        "80.88,80.88,EUR,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,Usage,,Standard,Microsoft,"
            + "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/train-1,Compute,{},"
            + "\"{\"\"ServiceType\"\":\"\"Standard_NC24ads_A100_v4\"\"}\",Standard,rg,NCadsA100v4 Series\n";
    Path file = Files.writeString(dir.resolve("focus-azure.csv"), header + spot + onDemand);
    Path out = dir.resolve("out");
    assertThat(Cli.run("ingest", file.toString(), "--out", out.toString()).exitCode()).isZero();
    IngestOutput ingest = IngestOutput.of(out);
    assertThat(ingest.file("focus-azure.csv").get("format_detail").asText())
        .isEqualTo("FOCUS 1.0, Azure Cost Management, CSV");
    assertThat(total(ingest.file("focus-azure.csv"), "EUR", "effective_cost"))
        .isEqualByComparingTo("82.32");
    Row t4 =
        ingest.normalized().filter(col("ResourceId").endsWith("eval-7")).collectAsList().get(0);
    assertThat(t4.<String>getAs("x_InstanceType")).isEqualTo("Standard_NC4as_T4_v3");
    assertThat(t4.<String>getAs("x_GpuModel")).isEqualTo("T4");
    assertThat(t4.<String>getAs("x_PricingSubcategory")).isEqualTo("Spot");
    Row a100 =
        ingest.normalized().filter(col("ResourceId").endsWith("train-1")).collectAsList().get(0);
    assertThat(a100.<String>getAs("x_GpuModel")).isEqualTo("A100");
    assertThat(a100.<Integer>getAs("x_GpuMemoryGiB")).isEqualTo(80);
    assertThat(a100.<String>getAs("x_PricingSubcategory")).isEqualTo("On-Demand");
  }
}
