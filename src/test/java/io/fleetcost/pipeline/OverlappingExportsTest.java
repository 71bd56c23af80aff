package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.IngestOutput.total;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.ServiceCategories;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.cli.Cli;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapping exports of one billing input (issue 9, part 4): a row that two files hold counts
 * once, a row that differs in any value (a later {@code export_time}) counts again, identical rows
 * inside one file all count (with a warning), and {@code rows_duplicate} says per file how many
 * rows were copies and which file counts them. The fixtures are cut at test time from the
 * hand-written samples in {@code sample-data/billing/}.
 */
class OverlappingExportsTest {
  @TempDir Path dir;

  static final Path GCP =
      TestPaths.sample("billing/gcp/gcp_billing_export_resource_v1_01A2B3_2026-10.jsonl");
  static final Path FOCUS = TestPaths.sample("billing/focus/focus-1.2-aws-export-2026-10.csv");
  static final Path CUR2 = TestPaths.sample("billing/aws-cur2/cur2-example-2026-10-00001.csv");
  static final Path AZURE =
      TestPaths.sample("billing/azure/mca-ml-prod-eu_AmortizedCost_2026-10.csv");

  /**
   * Data rows {@code from}..{@code to} (1-based) of a sample, after its header when it has one, as
   * a new file.
   */
  private Path part(Path source, String name, boolean header, int from, int to) {
    List<String> lines = lines(source);
    List<String> kept = new ArrayList<>();
    int first = header ? 1 : 0;
    if (header) {
      kept.add(lines.get(0));
    }
    kept.addAll(lines.subList(first + from - 1, first + to));
    return write(name, kept, source);
  }

  private static List<String> lines(Path source) {
    try {
      return List.of(Files.readString(source, StandardCharsets.UTF_8).split("\r?\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes lines with the source's line ending (the Azure sample's CRLF stays CRLF, its BOM stays
   * on line 1).
   */
  private Path write(String name, List<String> lines, Path source) {
    try {
      return write(
          name,
          lines,
          Files.readString(source, StandardCharsets.UTF_8).contains("\r\n") ? "\r\n" : "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path write(String name, List<String> lines, String ending) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join(ending, lines) + ending, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IngestOutput ingest(String out, Path... files) {
    List<String> args = new ArrayList<>(List.of("ingest"));
    for (Path file : files) {
      args.add(file.toString());
    }
    args.addAll(List.of("--out", dir.resolve(out).toString()));
    Cli.Result result = Cli.run(args.toArray(new String[0]));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    IngestOutput output = IngestOutput.of(dir.resolve(out));
    output.summary().get("files").forEach(IngestOutput::assertRowsBalance);
    return output;
  }

  /**
   * The per-currency totals of two ingests, as the exact decimal strings of ingest-summary.json.
   */
  private static void assertSameTotals(IngestOutput expected, IngestOutput actual) {
    assertThat(actual.summary().get("totals").toString())
        .isEqualTo(expected.summary().get("totals").toString());
    assertThat(actual.summary().get("by_provider").toString())
        .isEqualTo(expected.summary().get("by_provider").toString());
  }

  private static void assertCounts(
      JsonNode entry, long read, long kept, long quarantined, long duplicate) {
    assertThat(entry.get("rows_read").asLong())
        .as("rows_read of %s", entry.get("path"))
        .isEqualTo(read);
    assertThat(entry.get("rows_kept").asLong())
        .as("rows_kept of %s", entry.get("path"))
        .isEqualTo(kept);
    assertThat(entry.get("rows_quarantined").asLong())
        .as("rows_quarantined of %s", entry.get("path"))
        .isEqualTo(quarantined);
    assertThat(entry.get("rows_duplicate").asLong())
        .as("rows_duplicate of %s", entry.get("path"))
        .isEqualTo(duplicate);
  }

  @Test
  void overlappingGoogleCloudExtractsTotalExactlyWhatTheSingleExtractTotals() {
    // a daily extract of the last days: the 2 Nov extract has rows 1-10, the 3 Nov extract rows
    // 6-15
    Path second = part(GCP, "gcp-extract-2026-11-02.jsonl", false, 1, 10);
    Path third = part(GCP, "gcp-extract-2026-11-03.jsonl", false, 6, 15);
    IngestOutput single = ingest("single", GCP);
    IngestOutput overlapping =
        ingest("overlapping", third, second); // the order of the paths does not matter

    assertSameTotals(single, overlapping);
    assertThat(total(overlapping.summary(), "USD", "billed_cost"))
        .isEqualByComparingTo("1519.49826");
    assertThat(total(overlapping.summary(), "USD", "effective_cost"))
        .isEqualByComparingTo("1085.86026");
    assertCounts(overlapping.summary(), 20, 15, 0, 5);
    assertCounts(overlapping.file(second.getFileName().toString()), 10, 10, 0, 0);
    JsonNode later = overlapping.file(third.getFileName().toString());
    assertCounts(later, 10, 5, 0, 5);
    // the kept copies are counted in the lexicographically first path
    assertThat(later.get("duplicates_kept_in").get(second.toString()).asLong()).isEqualTo(5);
    assertThat(overlapping.summary().get("warnings")).isEmpty();

    Dataset<Row> normalized = overlapping.normalized();
    assertThat(normalized.count()).isEqualTo(15);
    assertThat(normalized.filter(col("x_CopyInFile").notEqual(1)).count()).isZero();
    List<Row> keptWithCopies =
        normalized
            .filter(col("x_DuplicateSources").isNotNull())
            .orderBy("x_SourceLine")
            .collectAsList();
    assertThat(keptWithCopies).hasSize(5);
    for (int i = 0; i < 5; i++) {
      Row kept = keptWithCopies.get(i);
      assertThat(kept.<String>getAs("x_SourceFile")).isEqualTo(second.toString());
      assertThat(kept.<Long>getAs("x_SourceLine")).isEqualTo(6L + i);
      List<Row> copies = kept.getList(kept.fieldIndex("x_DuplicateSources"));
      assertThat(copies).hasSize(1);
      assertThat(copies.get(0).<String>getAs("File")).isEqualTo(third.toString());
      assertThat(copies.get(0).<Long>getAs("Line")).isEqualTo(1L + i);
      assertThat(copies.get(0).<Boolean>getAs("CostsDiffer")).isFalse();
    }
  }

  @Test
  void rowsThatDifferOnlyInExportTimeAreAllCounted() throws IOException {
    // Google's export is append-only: late usage arrives as further rows with a later export_time,
    // and Google's own
    // queries sum every row. The 5 Nov extract repeats rows 1-5 as they were (an overlap) and holds
    // rows 1-5 again
    // with a later export_time (new rows that agree with the first ones in every other column).
    List<String> original = lines(GCP);
    List<String> late = new ArrayList<>(original.subList(0, 5));
    for (String line : original.subList(0, 5)) {
      assertThat(line).contains("\"export_time\":\"2026-11-02 06:13:41.511 UTC\"");
      late.add(
          line.replace(
              "\"export_time\":\"2026-11-02 06:13:41.511 UTC\"",
              "\"export_time\":\"2026-11-05 02:00:07.004 UTC\""));
    }
    Path whole = part(GCP, "gcp-extract-2026-11-02.jsonl", false, 1, 15);
    Path lateFile = write("gcp-extract-2026-11-05.jsonl", late, GCP);
    IngestOutput out = ingest("late", whole, lateFile);

    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal credits = BigDecimal.ZERO;
    ObjectMapper json = new ObjectMapper();
    for (String line : original.subList(0, 5)) {
      JsonNode row = json.readTree(line);
      cost = cost.add(new BigDecimal(row.get("cost").asText()));
      for (JsonNode credit : row.get("credits")) {
        credits = credits.add(new BigDecimal(credit.get("amount").asText()));
      }
    }
    // 74.55 + 67.4 + 563.31 + the L4 GPU and G2 core rows: the late rows of 1-5 add their cost once
    // more
    assertThat(total(out.summary(), "USD", "billed_cost"))
        .isEqualByComparingTo(new BigDecimal("1519.49826").add(cost));
    assertThat(total(out.summary(), "USD", "effective_cost"))
        .isEqualByComparingTo(new BigDecimal("1085.86026").add(cost).add(credits));
    assertCounts(out.summary(), 25, 20, 0, 5);
    assertCounts(out.file(lateFile.getFileName().toString()), 10, 5, 0, 5);
    assertThat(out.summary().get("warnings"))
        .as("rows with another export_time are not identical")
        .isEmpty();
    assertThat(
            out
                .normalized()
                .filter(col("x_SourceFile").equalTo(lateFile.toString()))
                .select("x_SourceLine")
                .collectAsList()
                .stream()
                .map(r -> r.getLong(0))
                .toList())
        .containsExactlyInAnyOrder(6L, 7L, 8L, 9L, 10L);
  }

  @Test
  void overlappingFocusExportsTotalExactlyWhatTheSingleExportTotalsInCsvAndInParquet() {
    // a FOCUS export re-run for a range: rows 1-7, then rows 4-10
    Path first = part(FOCUS, "focus-2026-10-run-1.csv", true, 1, 7);
    Path rerun = part(FOCUS, "focus-2026-10-run-2.csv", true, 4, 10);
    IngestOutput single = ingest("single", FOCUS);
    IngestOutput overlapping = ingest("overlapping", first, rerun);
    assertSameTotals(single, overlapping);
    assertThat(total(overlapping.summary(), "USD", "billed_cost"))
        .isEqualByComparingTo(
            IndependentSums.csv(FOCUS, "BilledCost", "BillingCurrency").byCurrency().get("USD"));
    assertCounts(overlapping.summary(), 14, 10, 0, 4);
    assertCounts(overlapping.file("focus-2026-10-run-2.csv"), 7, 3, 0, 4);

    // the same rows as FOCUS Parquet (DECIMAL costs, TIMESTAMPs, Tags as a map): the rows are
    // compared as JSON
    Path firstParquet = FixtureFiles.focusParquet(first, dir.resolve("parquet/run-1"));
    Path rerunParquet = FixtureFiles.focusParquet(rerun, dir.resolve("parquet/run-2"));
    IngestOutput singleParquet =
        ingest("single-parquet", FixtureFiles.focusParquet(FOCUS, dir.resolve("parquet/all")));
    IngestOutput overlappingParquet = ingest("overlapping-parquet", firstParquet, rerunParquet);
    assertSameTotals(singleParquet, overlappingParquet);
    assertSameTotals(single, overlappingParquet);
    assertCounts(overlappingParquet.summary(), 14, 10, 0, 4);
  }

  @Test
  void overlappingAzureCostDetailsTotalExactlyWhatTheSingleExportTotals() {
    // the BOM and CRLF of the Cost Management export stay; rows 1-6 and 3-10
    Path first = part(AZURE, "azure/mca_AmortizedCost_2026-10-01_2026-10-06.csv", true, 1, 6);
    Path second = part(AZURE, "azure/mca_AmortizedCost_2026-10-03_2026-10-10.csv", true, 3, 10);
    IngestOutput single = ingest("single", AZURE);
    IngestOutput overlapping = ingest("overlapping", first, second);
    assertSameTotals(single, overlapping);
    assertCounts(overlapping.summary(), 14, 10, 0, 4);
  }

  @Test
  void identicalRowsInsideOneFileAreAllCountedWithAWarning() {
    // FOCUS rows 5 (a g4dn.xlarge day at 12.624) twice in one file: a provider may bill a charge
    // twice
    List<String> focus = lines(FOCUS);
    Path twice =
        write(
            "focus-a.csv", List.of(focus.get(0), focus.get(5), focus.get(5), focus.get(2)), FOCUS);
    Path other = write("focus-b.csv", List.of(focus.get(0), focus.get(8)), FOCUS);
    IngestOutput out = ingest("twice", twice, other);

    BigDecimal expected =
        IndependentSums.csv(twice, "BilledCost", "BillingCurrency")
            .byCurrency()
            .get("USD")
            .add(
                IndependentSums.csv(other, "BilledCost", "BillingCurrency")
                    .byCurrency()
                    .get("USD"));
    assertThat(expected).isEqualByComparingTo("1136.748"); // 12.624 + 12.624 + 1100.00 + 11.5
    assertThat(total(out.summary(), "USD", "billed_cost")).isEqualByComparingTo(expected);
    assertCounts(out.file("focus-a.csv"), 3, 3, 0, 0);
    assertCounts(out.summary(), 4, 4, 0, 0);
    assertThat(out.summary().get("warnings")).hasSize(1);
    assertThat(out.summary().get("warnings").get(0).asText())
        .startsWith(twice + " has 1 rows identical to an earlier row of the same file")
        .contains("all are counted");
    assertThat(
            out
                .normalized()
                .filter(col("x_SourceFile").equalTo(twice.toString()))
                .orderBy("x_SourceLine")
                .select("x_CopyInFile")
                .collectAsList()
                .stream()
                .map(r -> r.getInt(0))
                .toList())
        .containsExactly(1, 2, 1);
  }

  @Test
  void aRowCountsAsOftenAsTheFileHoldingItMostOftenHoldsIt() {
    // a.csv holds the g4dn row once, b.csv twice: one copy is kept from a.csv (the first path), the
    // second from b.csv
    List<String> focus = lines(FOCUS);
    Path a = write("focus-a.csv", List.of(focus.get(0), focus.get(5), focus.get(2)), FOCUS);
    Path b =
        write(
            "focus-b.csv", List.of(focus.get(0), focus.get(5), focus.get(5), focus.get(8)), FOCUS);
    IngestOutput out = ingest("copies", b, a);
    assertCounts(out.file("focus-a.csv"), 2, 2, 0, 0);
    JsonNode fileB = out.file("focus-b.csv");
    assertCounts(fileB, 3, 2, 0, 1);
    assertThat(fileB.get("duplicates_kept_in").get(a.toString()).asLong()).isEqualTo(1);
    // 12.624 twice + 1100.00 + 11.5
    assertThat(total(out.summary(), "USD", "billed_cost")).isEqualByComparingTo("1136.748");
    assertThat(out.summary().get("warnings")).hasSize(1);
    assertThat(out.summary().get("warnings").get(0).asText())
        .startsWith(b + " has 1 rows identical");
    List<Row> keptOfB =
        out.normalized()
            .filter(col("x_SourceFile").equalTo(b.toString()))
            .orderBy("x_SourceLine")
            .collectAsList();
    assertThat(keptOfB.stream().map(r -> r.<Long>getAs("x_SourceLine")).toList())
        .containsExactly(3L, 4L);
    assertThat(keptOfB.get(0).<Integer>getAs("x_CopyInFile")).isEqualTo(2);
  }

  static final String CUR_HEADER =
      "identity/LineItemId,identity/TimeInterval,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,"
          + "lineItem/CurrencyCode,lineItem/UnblendedCost,lineItem/UsageType";

  private static String curRow(String id, String hour, String cost) {
    String start = "2026-10-01T" + hour + ":00:00Z";
    String end = "2026-10-01T" + String.format("%02d", Integer.parseInt(hour) + 1) + ":00:00Z";
    return String.join(
        ",", id, start + "/" + end, "Usage", start, end, "USD", cost, "USE1-BoxUsage:p4d.24xlarge");
  }

  @Test
  void curLineItemsCountOnceByLineItemIdAndIntervalAndADifferentCostIsWarnedAbout() {
    Path partA =
        write(
            "cur/ml-00001.csv",
            List.of(CUR_HEADER, curRow("a", "00", "10.00"), curRow("b", "01", "10.00")),
            "\n");
    Path partB =
        write(
            "cur/ml-00002.csv",
            List.of(
                CUR_HEADER,
                curRow("b", "01", "10.00"), // the same line item: a copy
                curRow(
                    "a", "00",
                    "12.00"), // the same line item with another cost: a restatement without its
                // manifest
                curRow("b", "02", "10.00"), // the same id in another hour: another line item
                curRow("c", "02", "2.50")),
            "\n");
    IngestOutput out = ingest("cur", partA, partB);
    // a (10.00, from the first path) + b + b at 02:00 + c
    assertThat(total(out.summary(), "USD", "billed_cost")).isEqualByComparingTo("32.50");
    assertCounts(out.summary(), 6, 4, 0, 2);
    assertCounts(out.file("ml-00001.csv"), 2, 2, 0, 0);
    JsonNode second = out.file("ml-00002.csv");
    assertCounts(second, 4, 2, 0, 2);
    assertThat(second.get("duplicates_kept_in").get(partA.toString()).asLong()).isEqualTo(2);
    assertThat(out.summary().get("warnings")).hasSize(1);
    assertThat(out.summary().get("warnings").get(0).asText())
        .startsWith(
            partB
                + " has 1 AWS CUR line items whose line item id and time interval are also in "
                + partA)
        .contains("with different costs")
        .contains("counts once, from " + partA);

    Row a =
        out.normalized()
            .filter(
                col("x_SourceFile").equalTo(partA.toString()).and(col("x_SourceLine").equalTo(2L)))
            .collectAsList()
            .get(0);
    assertThat(a.<BigDecimal>getAs("BilledCost")).isEqualByComparingTo("10.00");
    List<Row> copies = a.getList(a.fieldIndex("x_DuplicateSources"));
    assertThat(copies).hasSize(1);
    assertThat(copies.get(0).<String>getAs("File")).isEqualTo(partB.toString());
    assertThat(copies.get(0).<Long>getAs("Line")).isEqualTo(3L);
    assertThat(copies.get(0).<Boolean>getAs("CostsDiffer")).isTrue();
  }

  @Test
  void partsWithoutACommonLineItemAreNotShuffledAndTheirRowsAreMarkedAsFirstCopies() {
    Path partA =
        write(
            "disjoint/ml-00001.csv",
            List.of(CUR_HEADER, curRow("a", "00", "10.00"), curRow("b", "01", "1.00")),
            "\n");
    Path partB =
        write(
            "disjoint/ml-00002.csv",
            List.of(
                CUR_HEADER,
                curRow("a", "01", "10.00"),
                curRow("c", "01", "not-a-cost"),
                curRow("c", "02", "2.50")),
            "\n");
    SparkSession spark = SharedSpark.session();
    BillingInput input =
        new BillingInput(
            "cur", List.of(partA.toString(), partB.toString()), null, AzureCostDataset.AUTO);
    BillingIngestJob.Plan plan =
        BillingIngestJob.plan(spark.sparkContext().hadoopConfiguration(), List.of(input));
    ReadContext context =
        new ReadContext(spark, spark.sparkContext().longAccumulator(), ServiceCategories.bundled());
    assertThat(
            BillingFileReader.read(context, plan.files())
                .queryExecution()
                .executedPlan()
                .toString())
        .as("no identity hash repeats: no shuffle of whole rows")
        .doesNotContain("Exchange ");

    IngestOutput out = ingest("disjoint-out", partA, partB);
    assertCounts(out.summary(), 5, 4, 1, 0);
    assertThat(total(out.summary(), "USD", "billed_cost")).isEqualByComparingTo("23.50");
    List<Row> kept =
        out.normalized()
            .select(col("x_CopyInFile"), col("x_DuplicateSources"), col("x_RowIdentityHash"))
            .collectAsList();
    assertThat(kept)
        .hasSize(4)
        .allSatisfy(
            row -> {
              assertThat(row.getInt(0)).isEqualTo(1);
              assertThat(row.isNullAt(1)).isTrue();
              assertThat(row.isNullAt(2)).isFalse();
            });
    assertThat(kept.stream().map(row -> row.getLong(2)).distinct()).hasSize(4);
  }

  @Test
  void cur2LineItemsAreRecognisedAcrossCsvAndParquet() {
    // rows 1-10 of the CUR 2.0 sample as CSV, rows 6-16 as CUR 2.0 Parquet (DOUBLE costs,
    // TIMESTAMPs, maps)
    Path csv = part(CUR2, "cur2/a/cur2-2026-10-00001.csv", true, 1, 10);
    Path parquet =
        FixtureFiles.cur2Parquet(
            part(CUR2, "cur2-rows-6-16.csv", true, 6, 16), dir.resolve("cur2/b"));
    IngestOutput single = ingest("single", CUR2);
    IngestOutput overlapping = ingest("overlapping", csv, parquet);
    assertSameTotals(single, overlapping);
    assertThat(total(overlapping.summary(), "USD", "billed_cost"))
        .isEqualByComparingTo("2322.2004");
    assertThat(total(overlapping.summary(), "USD", "effective_cost"))
        .isEqualByComparingTo("2096.3804");
    assertCounts(overlapping.summary(), 21, 16, 0, 5);
    assertThat(overlapping.summary().get("warnings"))
        .as("the copies have the same costs")
        .isEmpty();
  }

  @Test
  void onlyAFormatWithSeveralFilesInAnInputIsShuffledAndOnlyOnce() {
    Path first = part(FOCUS, "focus-2026-10-run-1.csv", true, 1, 7);
    Path rerun = part(FOCUS, "focus-2026-10-run-2.csv", true, 4, 10);
    BillingInput gcp =
        new BillingInput("gcp", List.of(GCP.toString()), null, AzureCostDataset.AUTO);
    BillingInput focus =
        new BillingInput(
            "focus", List.of(first.toString(), rerun.toString()), null, AzureCostDataset.AUTO);
    BillingInput focusAlone =
        new BillingInput("focus", List.of(FOCUS.toString()), null, AzureCostDataset.AUTO);
    assertThat(shuffles(List.of(gcp, focusAlone))).as("single files: no shuffle").isZero();
    assertThat(shuffles(List.of(gcp, focus)))
        .as("two files of one format in one input: one shuffle")
        .isEqualTo(1);
    // two inputs with a file each: not compared, so no shuffle either
    BillingInput focusOther =
        new BillingInput("focus-other", List.of(rerun.toString()), null, AzureCostDataset.AUTO);
    BillingInput focusFirst =
        new BillingInput("focus", List.of(first.toString()), null, AzureCostDataset.AUTO);
    assertThat(shuffles(List.of(focusFirst, focusOther))).isZero();
  }

  private static int shuffles(List<BillingInput> inputs) {
    SparkSession spark = SharedSpark.session();
    BillingIngestJob.Plan plan =
        BillingIngestJob.plan(spark.sparkContext().hadoopConfiguration(), inputs);
    ReadContext context =
        new ReadContext(spark, spark.sparkContext().longAccumulator(), ServiceCategories.bundled());
    String physical =
        BillingFileReader.read(context, plan.files()).queryExecution().executedPlan().toString();
    Matcher exchange = Pattern.compile("Exchange ").matcher(physical);
    int count = 0;
    while (exchange.find()) {
      count++;
    }
    return count;
  }

  @Test
  void theRunSummaryReportsDuplicatesPerFileAndInTotal() throws IOException {
    part(GCP, "billing/gcp-extract-2026-11-02.jsonl", false, 1, 10);
    part(GCP, "billing/gcp-extract-2026-11-03.jsonl", false, 6, 15);
    // October extracts: a monthly delivery for the coverage check
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            "name: overlap\nbilling:\n  - name: gcp\n    path: billing\n    cadence: monthly\n");
    Path out = dir.resolve("run");
    Cli.Result result =
        Cli.run(
            "run", job.toString(), "--date", "2026-10-31", "--out", out.toString(), "--no-history");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("billing: 20 rows read, 15 kept, 0 quarantined, 5 duplicate (counted once)");
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("row_counts").get("billing_rows_read").asLong()).isEqualTo(20);
    assertThat(summary.get("row_counts").get("billing_rows_duplicate").asLong()).isEqualTo(5);
    JsonNode files = summary.get("inputs").get("billing").get(0).get("files");
    assertThat(files).hasSize(2);
    files.forEach(IngestOutput::assertRowsBalance);
    assertThat(
            files.get(0).get("rows_duplicate").asLong()
                + files.get(1).get("rows_duplicate").asLong())
        .isEqualTo(5);
    JsonNode ingest =
        new ObjectMapper().readTree(out.resolve("billing/ingest-summary.json").toFile());
    assertThat(ingest.get("rows_duplicate").asLong()).isEqualTo(5);
    assertThat(Files.readString(out.resolve("metrics.prom")))
        .contains("fleetcost_billing_rows{job=\"overlap\",state=\"duplicate\"} 5");
  }
}
