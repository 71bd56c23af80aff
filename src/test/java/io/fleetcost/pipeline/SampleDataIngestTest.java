package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.IngestOutput.assertRowsBalance;
import static io.fleetcost.pipeline.IngestOutput.total;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * The bundled sample exports (sample-data/billing), read in one ingest: totals against the files'
 * own cost columns summed independently, and the recognition of GPU, spot and commitment lines that
 * the savings engine depends on. The GCP and CUR 2.0 files are fixtures written from the documented
 * schemas (see sample-data/billing/README.md).
 */
class SampleDataIngestTest {
  @TempDir static Path out;

  static final Path CUR2 = TestPaths.sample("billing/aws-cur2/cur2-example-2026-10-00001.csv");
  static final Path GCP =
      TestPaths.sample("billing/gcp/gcp_billing_export_resource_v1_01A2B3_2026-10.jsonl");
  static final Path AZURE =
      TestPaths.sample("billing/azure/mca-ml-prod-eu_AmortizedCost_2026-10.csv");
  static final Path FOCUS = TestPaths.sample("billing/focus/focus-1.2-aws-export-2026-10.csv");

  static IngestOutput ingest;

  @BeforeAll
  static void ingestSamples() {
    Cli.Result result =
        Cli.run(
            "ingest",
            CUR2.toString(),
            GCP.toString(),
            AZURE.toString(),
            FOCUS.toString(),
            "--out",
            out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    ingest = IngestOutput.of(out);
  }

  @Test
  void cur2TotalsEqualUnblendedCostIncludingCreditsAndRefunds() {
    IndependentSums.CsvTotals expected =
        IndependentSums.csv(CUR2, "line_item_unblended_cost", "line_item_currency_code");
    JsonNode stats = ingest.file(CUR2.getFileName().toString());
    assertRowsBalance(stats);
    assertThat(stats.get("rows_read").asLong()).isEqualTo(expected.rows()).isEqualTo(16);
    assertThat(stats.get("format").asText()).isEqualTo("aws-cur2");
    // 2 x 526.9824 + 1320.96 - 1320.96 + 1000 + 8.4504 + 38.997 + 0 + 246.264 + 23 + 5.3248 +
    // 10.845
    //   + 52.70 (tax) - 100 (credit) - 12.3456 (EDP discount) - 5 (refund) = 2322.2004
    assertThat(expected.byCurrency().get("USD")).isEqualByComparingTo("2322.2004");
    assertThat(total(stats, "USD", "billed_cost"))
        .isEqualByComparingTo(expected.byCurrency().get("USD"));
    // Effective: the SP-covered p5 costs its SP rate (950.40), the negation 0, the SP fee only its
    // unused part
    // (1000 - 950.40); the RI-covered g4dn costs its RI effective cost (7.944), the RI fee its
    // unused part (12.5):
    // 2322.2004 - 1320.96 + 950.40 + 1320.96 - 1000 + 49.60 + 7.944 - 246.264 + 12.5 = 2096.3804
    assertThat(total(stats, "USD", "effective_cost")).isEqualByComparingTo("2096.3804");
  }

  @Test
  void gcpTotalsAreCostPlusCredits() throws IOException {
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal credits = BigDecimal.ZERO;
    long rows = 0;
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(GCP)) {
      JsonNode row = json.readTree(line);
      rows++;
      cost = cost.add(new BigDecimal(row.get("cost").asText()));
      for (JsonNode credit : row.get("credits")) {
        credits = credits.add(new BigDecimal(credit.get("amount").asText()));
      }
    }
    JsonNode stats = ingest.file(GCP.getFileName().toString());
    assertRowsBalance(stats);
    assertThat(stats.get("rows_read").asLong()).isEqualTo(rows).isEqualTo(15);
    assertThat(total(stats, "USD", "billed_cost"))
        .isEqualByComparingTo(cost)
        .isEqualByComparingTo("1519.49826");
    assertThat(credits).isEqualByComparingTo("-433.638");
    assertThat(total(stats, "USD", "effective_cost"))
        .isEqualByComparingTo(cost.add(credits))
        .isEqualByComparingTo("1085.86026");
  }

  @Test
  void azureAmortizedEffectiveCostIsTheCostColumnAndBilledCostLeavesOutCommitmentCoveredRows() {
    IndependentSums.CsvTotals all =
        IndependentSums.csv(AZURE, "costInBillingCurrency", "billingCurrency");
    IndependentSums.CsvTotals billed =
        IndependentSums.csv(
            AZURE,
            "costInBillingCurrency",
            "billingCurrency",
            r ->
                !(List.of("Reservation", "SavingsPlan").contains(r.get("pricingModel"))
                        && r.get("chargeType").equals("Usage"))
                    && !r.get("chargeType").startsWith("Unused"));
    JsonNode stats = ingest.file(AZURE.getFileName().toString());
    assertRowsBalance(stats);
    assertThat(stats.get("rows_read").asLong()).isEqualTo(all.rows()).isEqualTo(10);
    assertThat(stats.get("format_detail").asText()).contains("MCA").contains("amortized");
    assertThat(total(stats, "EUR", "effective_cost"))
        .isEqualByComparingTo(
            all.byCurrency().get("EUR").setScale(18, java.math.RoundingMode.HALF_UP));
    assertThat(total(stats, "EUR", "billed_cost"))
        .isEqualByComparingTo(
            billed.byCurrency().get("EUR").setScale(18, java.math.RoundingMode.HALF_UP));
  }

  @Test
  void focusTotalsEqualBilledAndEffectiveCost() {
    JsonNode stats = ingest.file(FOCUS.getFileName().toString());
    assertRowsBalance(stats);
    assertThat(stats.get("format_detail").asText()).startsWith("FOCUS 1.2, AWS Data Exports");
    assertThat(total(stats, "USD", "billed_cost"))
        .isEqualByComparingTo(
            IndependentSums.csv(FOCUS, "BilledCost", "BillingCurrency").byCurrency().get("USD"));
    assertThat(total(stats, "USD", "effective_cost"))
        .isEqualByComparingTo(
            IndependentSums.csv(FOCUS, "EffectiveCost", "BillingCurrency").byCurrency().get("USD"));
  }

  @Test
  void currenciesAreTotalledApartNeverTogether() {
    JsonNode totals = ingest.summary().get("totals");
    assertThat(totals).hasSize(2);
    assertThat(totals.get(0).get("currency").asText()).isEqualTo("EUR");
    assertThat(totals.get(1).get("currency").asText()).isEqualTo("USD");
    // USD = CUR 2.0 + GCP + FOCUS billed totals; EUR is Azure alone
    assertThat(total(ingest.summary(), "USD", "billed_cost")).isEqualByComparingTo("5187.31126");
  }

  @Test
  void awsLinesCarryGpuSpotAndCommitment() {
    Row p4d =
        one(
            col("ResourceId")
                .equalTo("i-0a1b2c3d4e5f60001")
                .and(col("ChargePeriodStart").equalTo(ts("2026-10-01T00:00:00Z"))));
    assertThat(p4d.<String>getAs("x_InstanceType")).isEqualTo("p4d.24xlarge");
    assertThat(p4d.<String>getAs("x_GpuModel")).isEqualTo("A100");
    assertThat(p4d.<Integer>getAs("x_GpuCount")).isEqualTo(8);
    assertThat(p4d.<Integer>getAs("x_GpuMemoryGiB")).isEqualTo(40);
    assertThat(p4d.<String>getAs("PricingCategory")).isEqualTo("Standard");
    assertThat(tags(p4d)).containsEntry("team", "vision").containsEntry("owner", "alice");

    Row spot = one(col("ResourceId").equalTo("i-0a1b2c3d4e5f60003"));
    assertThat(spot.<String>getAs("PricingCategory")).isEqualTo("Dynamic");
    assertThat(spot.<String>getAs("x_PricingSubcategory")).isEqualTo("Spot");
    assertThat(spot.<String>getAs("x_GpuModel")).isEqualTo("A10G");

    Row covered =
        one(col("ResourceId").equalTo("i-0a1b2c3d4e5f60002").and(col("BilledCost").gt(0)));
    assertThat(covered.<String>getAs("PricingCategory")).isEqualTo("Committed");
    assertThat(covered.<String>getAs("CommitmentDiscountType")).isEqualTo("Savings Plan");
    assertThat(covered.<String>getAs("CommitmentDiscountCategory")).isEqualTo("Spend");
    assertThat(covered.<String>getAs("CommitmentDiscountStatus")).isEqualTo("Used");
    assertThat(covered.<BigDecimal>getAs("EffectiveCost")).isEqualByComparingTo("950.40");

    Row reserved = one(col("ResourceId").equalTo("i-0a1b2c3d4e5f60005"));
    assertThat(reserved.<String>getAs("x_PricingSubcategory")).isEqualTo("Reservation");
    assertThat(reserved.<String>getAs("CommitmentDiscountCategory")).isEqualTo("Usage");
    assertThat(reserved.<BigDecimal>getAs("EffectiveCost")).isEqualByComparingTo("7.944");

    Row refund = one(col("x_SourceFormat").equalTo("aws-cur2").and(col("BilledCost").equalTo(-5)));
    assertThat(refund.<String>getAs("ChargeCategory")).isEqualTo("Credit");
    assertThat(refund.<String>getAs("ChargeClass")).isEqualTo("Correction");
  }

  @Test
  void gcpLinesCarryMachineTypeGpuSkusSpotAndCommittedUse() {
    Row a100 =
        one(
            col("SkuId")
                .equalTo("A100-0003-GPU")
                .and(col("ChargePeriodStart").equalTo(ts("2026-10-01T00:00:00Z"))));
    assertThat(a100.<String>getAs("x_InstanceType")).isEqualTo("a2-highgpu-8g");
    assertThat(a100.<String>getAs("x_GpuModel")).isEqualTo("A100");
    assertThat(a100.<Integer>getAs("x_GpuCount")).isEqualTo(8);
    // 563.31 cost, -300.00 committed-use credit
    assertThat(a100.<BigDecimal>getAs("EffectiveCost")).isEqualByComparingTo("263.31");
    assertThat(a100.<String>getAs("PricingCategory")).isEqualTo("Committed");
    assertThat(a100.<String>getAs("CommitmentDiscountCategory")).isEqualTo("Usage");
    assertThat(tags(a100))
        .containsEntry("team", "vision")
        .containsEntry("env", "prod")
        .containsEntry("job", "resnet-sweep");

    Row l4 = one(col("SkuId").equalTo("L4SP-0004-GPU"));
    assertThat(l4.<String>getAs("PricingCategory")).isEqualTo("Dynamic");
    assertThat(l4.<String>getAs("x_PricingSubcategory")).isEqualTo("Spot");
    assertThat(l4.<String>getAs("x_GpuModel")).isEqualTo("L4");

    // a T4 attached to an N1 machine: the model comes from the GPU SKU, the count from GPU-seconds
    // / seconds
    Row t4 = one(col("SkuId").equalTo("T4GP-0011-GPU"));
    assertThat(t4.<String>getAs("x_GpuModel")).isEqualTo("T4");
    assertThat(t4.<Integer>getAs("x_GpuCount")).isEqualTo(1);

    // 2026-11-01 03:00 UTC is still October in Pacific time: the October invoice, whose month
    // starts at 07:00 UTC
    Row late =
        one(
            col("SkuId")
                .equalTo("A100-0003-GPU")
                .and(col("ChargePeriodStart").equalTo(ts("2026-11-01T03:00:00Z"))));
    assertThat(late.<Timestamp>getAs("BillingPeriodStart").toInstant())
        .isEqualTo(Instant.parse("2026-10-01T07:00:00Z"));
    assertThat(late.<Timestamp>getAs("BillingPeriodEnd").toInstant())
        .isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));

    assertThat(one(col("SkuId").equalTo("CUDF-0007-A2GPU")).<String>getAs("ChargeCategory"))
        .isEqualTo("Purchase");
    assertThat(one(col("SkuId").equalTo("TAX-US-CA")).<String>getAs("ChargeCategory"))
        .isEqualTo("Tax");
    assertThat(one(col("SkuId").equalTo("ADJ-0001")).<String>getAs("ChargeCategory"))
        .isEqualTo("Adjustment");
  }

  @Test
  void azureLinesCarryVmSizeSpotAndCommitments() {
    Row a100 =
        one(
            col("ResourceId")
                .endsWith("/vision-train-01")
                .and(col("ChargePeriodStart").equalTo(ts("2026-10-05T00:00:00Z"))));
    assertThat(a100.<String>getAs("x_InstanceType")).isEqualTo("Standard_NC24ads_A100_v4");
    assertThat(a100.<String>getAs("x_GpuModel")).isEqualTo("A100");
    assertThat(a100.<Integer>getAs("x_GpuMemoryGiB")).isEqualTo(80);
    assertThat(a100.<Timestamp>getAs("ChargePeriodEnd").toInstant())
        .isEqualTo(Instant.parse("2026-10-06T00:00:00Z"));
    assertThat(a100.<Timestamp>getAs("BillingPeriodEnd").toInstant())
        .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(tags(a100)).containsEntry("team", "vision").containsEntry("cost-center", "CC-4711");

    Row reserved = one(col("ResourceId").endsWith("/llm-train-02"));
    assertThat(reserved.<String>getAs("CommitmentDiscountType")).isEqualTo("Reservation");
    assertThat(reserved.<String>getAs("CommitmentDiscountStatus")).isEqualTo("Used");
    assertThat(reserved.<BigDecimal>getAs("BilledCost")).isEqualByComparingTo("0");
    assertThat(reserved.<BigDecimal>getAs("EffectiveCost"))
        .isEqualByComparingTo("499.9999992"); // 20.8333333 x 24

    Row unused =
        one(
            col("x_SourceFormat")
                .equalTo("azure-cost-details")
                .and(col("CommitmentDiscountStatus").equalTo("Unused"))
                .and(col("CommitmentDiscountType").equalTo("Reservation")));
    assertThat(unused.<BigDecimal>getAs("EffectiveCost")).isEqualByComparingTo("20.8333333");

    Row spot = one(col("ResourceId").endsWith("/batch-eval-spot-7"));
    assertThat(spot.<String>getAs("PricingCategory")).isEqualTo("Dynamic");
    assertThat(spot.<String>getAs("x_GpuModel")).isEqualTo("T4");
    assertThat(tags(spot)).containsEntry("workload", "batch-eval, nightly");

    Row blob = one(col("ResourceId").endsWith("/mldatasets"));
    assertThat(tags(blob)).containsEntry("note", "quoted \"value\" with, comma");
  }

  @Test
  void focusLinesCarryGpuCountSpotAndCommitmentStatus() {
    Row p5 = one(col("ResourceId").equalTo("i-0f5e4d3c2b1a00001"));
    assertThat(p5.<String>getAs("x_InstanceType")).isEqualTo("p5.48xlarge");
    assertThat(p5.<String>getAs("x_GpuModel")).isEqualTo("H100");
    assertThat(p5.<String>getAs("CommitmentDiscountStatus")).isEqualTo("Used");
    assertThat(p5.<String>getAs("x_PricingSubcategory")).isEqualTo("Savings Plan");
    Row spot = one(col("ResourceId").equalTo("i-0f5e4d3c2b1a00002"));
    assertThat(spot.<String>getAs("PricingCategory")).isEqualTo("Dynamic");
    assertThat(spot.<String>getAs("x_PricingSubcategory")).isEqualTo("Spot");
    assertThat(spot.<Integer>getAs("x_GpuCount")).isEqualTo(4);
  }

  @Test
  void gzippedCur2ReadsTheSameAsPlain(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("cur2-00001.csv.gz");
    try (OutputStream outStream = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(CUR2, outStream);
    }
    Path gzOut = dir.resolve("out");
    assertThat(Cli.run("ingest", gz.toString(), "--out", gzOut.toString()).exitCode()).isZero();
    JsonNode stats = IngestOutput.of(gzOut).file("cur2-00001.csv.gz");
    assertThat(stats.get("format_detail").asText()).contains("gzip");
    assertThat(stats.get("rows_read").asLong()).isEqualTo(16);
    assertThat(total(stats, "USD", "billed_cost")).isEqualByComparingTo("2322.2004");
  }

  @Test
  void parquetExportsReadTheSameAsTheirTextTwins(@TempDir Path dir) {
    Path gcp = FixtureFiles.gcpParquet(GCP, dir.resolve("gcp"));
    Path cur2 = FixtureFiles.cur2Parquet(CUR2, dir.resolve("cur2"));
    Path focus = FixtureFiles.focusParquet(FOCUS, dir.resolve("focus"));
    Path parquetOut = dir.resolve("out");
    Cli.Result result =
        Cli.run(
            "ingest",
            gcp.toString(),
            cur2.toString(),
            focus.toString(),
            "--out",
            parquetOut.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    IngestOutput parquet = IngestOutput.of(parquetOut);
    assertThat(parquet.summary().get("rows_read").asLong()).isEqualTo(15 + 16 + 10);
    assertThat(parquet.summary().get("rows_quarantined").asLong()).isZero();
    for (String format : List.of("gcp-bigquery", "aws-cur2", "focus")) {
      List<String> fromText = comparable(ingest.normalized(), format);
      assertThat(fromText).as("normalized %s rows from text", format).isNotEmpty();
      assertThat(comparable(parquet.normalized(), format))
          .as("normalized %s rows from Parquet and from text", format)
          .containsExactlyInAnyOrderElementsOf(fromText);
    }
  }

  /**
   * The rows of one format without their source position, as strings, for comparing two reads of
   * the same data.
   */
  private static List<String> comparable(Dataset<Row> rows, String format) {
    String[] columns =
        java.util.Arrays.stream(rows.columns())
            .filter(c -> !c.equals("x_SourceFile") && !c.equals("x_SourceLine"))
            .toArray(String[]::new);
    Column[] selected = java.util.Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new);
    return rows
        .filter(col("x_SourceFormat").equalTo(format))
        .select(selected)
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  private static Row one(Column condition) {
    List<Row> rows = ingest.normalized().filter(condition).collectAsList();
    assertThat(rows).as("rows where %s", condition).hasSize(1);
    return rows.get(0);
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static Map<String, String> tags(Row row) {
    scala.collection.Map<String, String> tags = row.getAs("Tags");
    return JavaConverters.mapAsJavaMap(tags);
  }
}
