package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.IngestOutput.assertRowsBalance;
import static io.fleetcost.pipeline.IngestOutput.total;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad and awkward input across the formats: what must fail the run (exit 2, file and column named),
 * what must be quarantined (with line and reason, the other rows kept), and what is normal input
 * (BOM, CRLF, quoted newlines, JSON in cells, NULL, scientific notation, mixed-case enumerations,
 * duplicate deliveries, several currencies).
 */
class BadInputTest {
  @TempDir Path dir;

  static final String FOCUS_HEADER =
      "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeFrequency,"
          + "ChargeClass,PricingCategory,ProviderName,ResourceId,ChargeDescription,Tags";

  static String focusRow(
      String billed, String currency, String start, String category, String extra) {
    return billed
        + ","
        + billed
        + ","
        + currency
        + ","
        + start
        + ",2026-10-02T00:00:00Z,"
        + category
        + ","
        + extra;
  }

  static String ok(String billed) {
    return focusRow(
        billed,
        "USD",
        "2026-10-01T00:00:00Z",
        "Usage",
        "Usage-Based,,Standard,AWS,i-1,GPU hour,\"{\"\"team\"\":\"\"a\"\"}\"");
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private Path focusFile(String name, String... rows) throws IOException {
    return write(name, FOCUS_HEADER + "\n" + String.join("\n", rows) + "\n");
  }

  private IngestOutput ingest(Path... files) {
    Path out = dir.resolve("out-" + System.nanoTime());
    String[] args = new String[files.length + 3];
    args[0] = "ingest";
    for (int i = 0; i < files.length; i++) {
      args[i + 1] = files[i].toString();
    }
    args[files.length + 1] = "--out";
    args[files.length + 2] = out.toString();
    Cli.Result result = Cli.run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return IngestOutput.of(out);
  }

  private Cli.Result failingIngest(String... args) {
    Cli.Result result = Cli.run(args);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    return result;
  }

  @Test
  void missingRequiredColumnFailsNamingFileAndColumn() throws IOException {
    Path cur =
        write(
            "cur.csv",
            "identity/LineItemId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,"
                + "lineItem/CurrencyCode\nx,Usage,2023-11-01T00:00:00Z,2023-11-02T00:00:00Z,USD\n");
    Cli.Result result =
        failingIngest("ingest", cur.toString(), "--out", dir.resolve("out").toString());
    assertThat(result.err())
        .contains(cur.toString())
        .contains("lineItem/UnblendedCost")
        .contains("aws-cur");
    assertThat(dir.resolve("out/ingest-summary.json")).doesNotExist();
  }

  @Test
  void missingCostColumnOfAnAzureExportFailsNamingIt() throws IOException {
    Path azure =
        write(
            "azure.csv",
            "Date,MeterCategory,MeterId,BillingCurrency,Quantity\n09/01/2023,Storage,m1,USD,1\n");
    Cli.Result result =
        failingIngest(
            "ingest",
            azure.toString(),
            "--format",
            "azure-cost-details",
            "--out",
            dir.resolve("out").toString());
    assertThat(result.err())
        .contains(azure.toString())
        .contains("CostInBillingCurrency")
        .contains("Cost");
  }

  @Test
  void missingRequiredColumnOfAParquetFileFailsNamingIt() {
    Path parquet = dir.resolve("focus-parquet");
    SharedSpark.session()
        .sql(
            "select cast(1.5 as decimal(20,6)) as BilledCost, 'USD' as BillingCurrency, timestamp'2026-10-01 00:00:00' as"
                + " ChargePeriodStart, timestamp'2026-10-02 00:00:00' as ChargePeriodEnd, 'Usage' as ChargeCategory")
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(parquet.toString());
    Cli.Result result =
        failingIngest("ingest", parquet.toString(), "--out", dir.resolve("out").toString());
    assertThat(result.err())
        .contains(".parquet")
        .contains("'EffectiveCost'")
        .contains("AmortizedCost");
  }

  @Test
  void aFileThatIsNotTheClaimedFormatFails() throws IOException {
    Path focus = focusFile("focus.csv", ok("1.00"));
    Cli.Result asGcp =
        failingIngest(
            "ingest",
            focus.toString(),
            "--format",
            "gcp-bigquery",
            "--out",
            dir.resolve("a").toString());
    assertThat(asGcp.err()).contains(focus.toString()).contains("gcp-bigquery").contains("CSV");
    Cli.Result asAzure =
        failingIngest(
            "ingest",
            focus.toString(),
            "--format",
            "azure-cost-details",
            "--out",
            dir.resolve("b").toString());
    assertThat(asAzure.err()).contains(focus.toString()).contains("required column 'Date'");
    Cli.Result unknown =
        failingIngest(
            "ingest",
            write("notes.csv", "a,b\n1,2\n").toString(),
            "--out",
            dir.resolve("c").toString());
    assertThat(unknown.err()).contains("notes.csv").contains("Cannot detect the billing format");
  }

  @Test
  void unparseableCostIsQuarantinedWithLineAndReasonAndTheOtherRowsKept() throws IOException {
    Path file =
        focusFile(
            "costs.csv",
            ok("1.25"),
            ok("12,50").replace("12,50,12,50", "\"12,50\",\"12,50\""),
            ok("2.75"));
    IngestOutput out = ingest(file);
    JsonNode stats = out.file("costs.csv");
    assertRowsBalance(stats);
    assertThat(stats.get("rows_read").asLong()).isEqualTo(3);
    assertThat(stats.get("rows_quarantined").asLong()).isEqualTo(1);
    assertThat(stats.get("quarantined_by_reason").get("unparseable_decimal:BilledCost").asLong())
        .isEqualTo(1);
    assertThat(total(stats, "USD", "billed_cost")).isEqualByComparingTo("4.00"); // 1.25 + 2.75
    Row bad = out.quarantine().collectAsList().get(0);
    assertThat(bad.<Long>getAs("x_SourceLine")).isEqualTo(3L); // header is line 1
    assertThat(bad.<String>getAs("x_SourceFile")).isEqualTo(file.toString());
    assertThat(bad.<String>getAs("x_QuarantineDetail"))
        .contains("'12,50'")
        .contains("not a decimal");
    assertThat(bad.<String>getAs("x_RawRecord")).contains("12,50");
  }

  @Test
  void anEmptyFileIsZeroRowsNotAnError() throws IOException {
    Path empty = write("empty.csv", "");
    Path headerOnly = write("header-only.csv", FOCUS_HEADER + "\n");
    IngestOutput out = ingest(empty, headerOnly);
    assertThat(out.file("empty.csv").get("status").asText()).isEqualTo("empty");
    assertThat(out.file("empty.csv").get("rows_read").asLong()).isZero();
    assertThat(out.file("header-only.csv").get("format").asText()).isEqualTo("focus");
    assertThat(out.file("header-only.csv").get("rows_read").asLong()).isZero();
    assertThat(out.summary().get("rows_read").asLong()).isZero();
  }

  @Test
  void aByteOrderMarkDoesNotCorruptTheFirstColumn() throws IOException {
    Path file = write("bom.csv", "\uFEFF" + FOCUS_HEADER + "\n" + ok("3.50") + "\n");
    assertThat(Files.readAllBytes(file)[0]).isEqualTo((byte) 0xEF);
    IngestOutput out = ingest(file);
    assertThat(out.file("bom.csv").get("rows_kept").asLong()).isEqualTo(1);
    assertThat(total(out.file("bom.csv"), "USD", "billed_cost")).isEqualByComparingTo("3.50");
  }

  @Test
  void crlfLineEndingsKeepValuesCleanAndLineNumbersRight() throws IOException {
    Path file =
        write(
            "crlf.csv",
            String.join("\r\n", FOCUS_HEADER, ok("1.00"), ok("2.00"), ok("bad"), ok("4.00"))
                + "\r\n");
    IngestOutput out = ingest(file);
    assertThat(total(out.file("crlf.csv"), "USD", "billed_cost")).isEqualByComparingTo("7.00");
    assertThat(out.quarantine().collectAsList().get(0).<Long>getAs("x_SourceLine")).isEqualTo(4L);
    assertThat(out.normalized().filter(col("ChargeDescription").contains("\r")).count()).isZero();
    assertThat(out.normalized().filter(col("Tags").getItem("team").equalTo("a")).count())
        .isEqualTo(3);
  }

  @Test
  void quotedNewlinesAndJsonInCellsAreValuesNotRecords() throws IOException {
    String multiLine =
        focusRow(
            "1.00",
            "USD",
            "2026-10-01T00:00:00Z",
            "Usage",
            "Usage-Based,,Standard,AWS,i-1,\"first line\r\nsecond line, with a comma\","
                + "\"{\"\"team\"\": \"\"vision, core\"\", \"\"quote\"\": \"\"say \\\"\"hi\\\"\"\"\"}\"");
    Path file = write("quoted.csv", FOCUS_HEADER + "\n" + multiLine + "\n" + ok("oops") + "\n");
    IngestOutput out = ingest(file);
    Row row = out.normalized().collectAsList().get(0);
    assertThat(row.<String>getAs("ChargeDescription"))
        .isEqualTo("first line\r\nsecond line, with a comma");
    scala.collection.Map<String, String> tags = row.getAs("Tags");
    assertThat(tags.apply("team")).isEqualTo("vision, core");
    assertThat(tags.apply("quote")).isEqualTo("say \"hi\"");
    // the first record spans lines 2-3, so the bad one starts on line 4
    assertThat(out.quarantine().collectAsList().get(0).<Long>getAs("x_SourceLine")).isEqualTo(4L);
  }

  @Test
  void theNullLiteralIsNull() throws IOException {
    Path file =
        focusFile(
            "nulls.csv",
            focusRow(
                "1.00",
                "USD",
                "2026-10-01T00:00:00Z",
                "Usage",
                "Usage-Based,NULL,Standard,AWS,NULL,NULL,NULL"));
    Row row = ingest(file).normalized().collectAsList().get(0);
    assertThat(row.<String>getAs("ResourceId")).isNull();
    assertThat(row.<String>getAs("ChargeClass")).isNull();
    assertThat(row.<String>getAs("ChargeDescription")).isNull();
  }

  @Test
  void scientificNotationIsExact() throws IOException {
    Path file = focusFile("sci.csv", ok("5.64902E-05"), ok("1e3"), ok("-2.5E+1"));
    IngestOutput out = ingest(file);
    assertThat(
            out.normalized().select("BilledCost").collectAsList().stream()
                .map(r -> r.getDecimal(0))
                .toList())
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyInAnyOrder(
            new BigDecimal("0.0000564902"), new BigDecimal("1000"), new BigDecimal("-25"));
    assertThat(total(out.file("sci.csv"), "USD", "billed_cost"))
        .isEqualByComparingTo("975.0000564902");
  }

  @Test
  void enumerationsAreReadWhateverTheirCaseAndUnknownValuesQuarantined() throws IOException {
    Path file =
        focusFile(
            "enums.csv",
            focusRow(
                "1", "usd", "2026-10-01T00:00:00Z", "usage", "Usage-based,,standard,AWS,i-1,x,{}"),
            focusRow(
                "2",
                "USD",
                "2026-10-01T00:00:00Z",
                "USAGE",
                "USAGE-BASED,CORRECTION,On-Demand,AWS,i-1,x,{}"),
            focusRow(
                "4", "USD", "2026-10-01T00:00:00Z", "Usagee", "Usage-Based,,Standard,AWS,i-1,x,{}"),
            focusRow(
                "8", "USD", "2026-10-01T00:00:00Z", "Usage", "Usage-Based,,Spotty,AWS,i-1,x,{}"));
    IngestOutput out = ingest(file);
    JsonNode stats = out.file("enums.csv");
    assertThat(stats.get("rows_kept").asLong()).isEqualTo(2);
    assertThat(stats.get("quarantined_by_reason").get("unknown_value:ChargeCategory").asLong())
        .isEqualTo(1);
    assertThat(stats.get("quarantined_by_reason").get("unknown_value:PricingCategory").asLong())
        .isEqualTo(1);
    List<Row> kept = out.normalized().orderBy("BilledCost").collectAsList();
    assertThat(kept.get(0).<String>getAs("ChargeCategory")).isEqualTo("Usage");
    assertThat(kept.get(0).<String>getAs("ChargeFrequency")).isEqualTo("Usage-Based");
    assertThat(kept.get(0).<String>getAs("PricingCategory")).isEqualTo("Standard");
    assertThat(kept.get(0).<String>getAs("BillingCurrency")).isEqualTo("USD");
    assertThat(kept.get(1).<String>getAs("ChargeClass")).isEqualTo("Correction");
    assertThat(kept.get(1).<String>getAs("PricingCategory"))
        .as("pre-1.0 spelling")
        .isEqualTo("Standard");
  }

  @Test
  void theSameFileDeliveredTwiceIsCountedOnce() throws IOException {
    Path first = focusFile("delivery-1.csv", ok("10.00"), ok("5.00"));
    Path again = dir.resolve("delivery-1-copy.csv");
    Files.copy(first, again);
    IngestOutput out = ingest(first, again);
    assertThat(out.summary().get("rows_read").asLong()).isEqualTo(2);
    assertThat(total(out.summary(), "USD", "billed_cost")).isEqualByComparingTo("15.00");
    JsonNode skipped = out.summary().get("skipped_files").get(0);
    assertThat(skipped.get("status").asText()).isEqualTo("duplicate");
    assertThat(skipped.get("path").asText()).endsWith("delivery-1-copy.csv");
    assertThat(skipped.get("reason").asText()).contains("delivery-1.csv");
  }

  @Test
  void twoCurrenciesAreKeptApartAndNeverSummedTogether() throws IOException {
    Path file =
        focusFile(
            "fx.csv",
            focusRow(
                "10.00",
                "USD",
                "2026-10-01T00:00:00Z",
                "Usage",
                "Usage-Based,,Standard,AWS,i-1,x,{}"),
            focusRow(
                "7.00",
                "EUR",
                "2026-10-01T00:00:00Z",
                "Usage",
                "Usage-Based,,Standard,Microsoft,vm-1,x,{}"),
            focusRow(
                "2.50",
                "USD",
                "2026-10-01T00:00:00Z",
                "Usage",
                "Usage-Based,,Standard,AWS,i-1,x,{}"));
    IngestOutput out = ingest(file);
    JsonNode stats = out.file("fx.csv");
    assertThat(stats.get("totals")).hasSize(2);
    assertThat(total(stats, "EUR", "billed_cost")).isEqualByComparingTo("7.00");
    assertThat(total(stats, "USD", "billed_cost")).isEqualByComparingTo("12.50");
    assertThat(out.summary().get("totals").findValuesAsText("billed_cost"))
        .containsExactly("7", "12.5");
  }

  @Test
  void anUnparseableTimeIsQuarantined() throws IOException {
    Path file =
        focusFile(
            "times.csv",
            ok("1.00"),
            focusRow(
                "2.00",
                "USD",
                "2026-13-45T00:00:00Z",
                "Usage",
                "Usage-Based,,Standard,AWS,i-1,x,{}"));
    JsonNode stats = ingest(file).file("times.csv");
    assertThat(
            stats
                .get("quarantined_by_reason")
                .get("unparseable_timestamp:ChargePeriodStart")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void aRecordWithTheWrongNumberOfFieldsIsQuarantined() throws IOException {
    Path file = focusFile("fields.csv", ok("1.00"), ok("2.00") + ",extra,fields", ok("3.00") + ",");
    IngestOutput out = ingest(file);
    JsonNode stats = out.file("fields.csv");
    assertThat(stats.get("quarantined_by_reason").get("decode_error").asLong()).isEqualTo(1);
    assertThat(stats.get("rows_kept").asLong())
        .as("a trailing empty field is tolerated")
        .isEqualTo(2);
    Row bad = out.quarantine().collectAsList().get(0);
    assertThat(bad.<Long>getAs("x_SourceLine")).isEqualTo(3L);
    assertThat(bad.<String>getAs("x_QuarantineDetail")).contains("15 fields").contains("13");
  }

  /**
   * CUR 2.0 CSV's JSON cells are parsed by the decoder: a malformed tags cell still quarantines its
   * row, a good one gives FOCUS tags (user_ prefix off, empty values out), and the product map
   * still gives the instance's region.
   */
  @Test
  void cur2CsvJsonCellsAreParsedByTheDecoderWithTheSameResults() throws IOException {
    List<String> lines =
        Files.readAllLines(TestPaths.sample("billing/aws-cur2/cur2-example-2026-10-00001.csv"));
    org.apache.commons.csv.CSVFormat csv = org.apache.commons.csv.CSVFormat.RFC4180;
    List<String> header =
        csv.parse(new java.io.StringReader(lines.get(0))).getRecords().get(0).toList();
    List<String> first =
        csv.parse(new java.io.StringReader(lines.get(1))).getRecords().get(0).toList();
    int tags = header.indexOf("resource_tags");
    int id = header.indexOf("identity_line_item_id");
    StringBuilder file = new StringBuilder(lines.get(0)).append('\n');
    String[][] variants = {
      {
        "good",
        "{\"user_team\":\"ml\",\"user_env\":\"\",\"aws_createdBy\":\"alice\",\"user_x\":null}"
      },
      {"broken", "{\"user_team\": \"ml\""},
      {"number", "{\"user_count\":3}"}
    };
    for (String[] variant : variants) {
      List<String> row = new java.util.ArrayList<>(first);
      row.set(id, variant[0]);
      row.set(tags, variant[1]);
      file.append(csv.format(row.toArray())).append('\n');
    }
    Path cur2 = write("cur2.csv", file.toString());
    Path out = dir.resolve("out-cur2");
    Cli.Result result =
        Cli.run("ingest", cur2.toString(), "--format", "aws-cur2", "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    IngestOutput ingested = IngestOutput.of(out);
    assertThat(
            ingested
                .file("cur2.csv")
                .get("quarantined_by_reason")
                .get("malformed_json:Tags")
                .asLong())
        .isEqualTo(1);
    Row good =
        ingested
            .normalized()
            .where(col("ResourceId").isNotNull())
            .orderBy("x_SourceLine")
            .collectAsList()
            .get(0);
    assertThat(good.<scala.collection.Map<String, String>>getAs("Tags").toString())
        .isEqualTo("Map(team -> ml, aws_createdBy -> alice)");
    assertThat(
            ingested
                .normalized()
                .where(col("x_SourceLine").equalTo(4))
                .select("Tags")
                .first()
                .<scala.collection.Map<String, String>>getAs(0)
                .toString())
        .as("a number in a tags cell is text, as Spark's from_json makes it")
        .isEqualTo("Map(count -> 3)");
    assertThat(good.<String>getAs("RegionId")).isEqualTo("us-east-1");
  }

  /**
   * Azure's tags cells, with or without their outer braces, parsed by the decoder; a malformed one
   * quarantines.
   */
  @Test
  void azureTagsCellsAreReadWithOrWithoutBraces() throws IOException {
    Path sample = TestPaths.sample("billing/azure/mca-ml-prod-eu_AmortizedCost_2026-10.csv");
    List<String> lines = Files.readAllLines(sample);
    org.apache.commons.csv.CSVFormat csv = org.apache.commons.csv.CSVFormat.RFC4180;
    List<String> header =
        csv.parse(new java.io.StringReader(lines.get(0))).getRecords().get(0).toList();
    List<String> first =
        csv.parse(new java.io.StringReader(lines.get(1))).getRecords().get(0).toList();
    int tags = header.indexOf("tags");
    StringBuilder file = new StringBuilder(lines.get(0)).append('\n');
    for (String cell :
        List.of("{\"team\": \"vision\", \"gone\": null}", "\"team\": \"llm\"", "\"team\": ")) {
      List<String> row = new java.util.ArrayList<>(first);
      row.set(tags, cell);
      file.append(csv.format(row.toArray())).append('\n');
    }
    Path azure = write(sample.getFileName().toString(), file.toString());
    Path out = dir.resolve("out-azure");
    Cli.Result result =
        Cli.run(
            "ingest", azure.toString(), "--format", "azure-cost-details", "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    IngestOutput ingested = IngestOutput.of(out);
    assertThat(
            ingested
                .file(azure.getFileName().toString())
                .get("quarantined_by_reason")
                .get("malformed_json:Tags")
                .asLong())
        .isEqualTo(1);
    List<Row> kept = ingested.normalized().orderBy("x_SourceLine").collectAsList();
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0).<scala.collection.Map<String, String>>getAs("Tags").toString())
        .as("braces kept, the null value dropped")
        .isEqualTo("Map(team -> vision)");
    assertThat(kept.get(1).<scala.collection.Map<String, String>>getAs("Tags").toString())
        .as("braces added")
        .isEqualTo("Map(team -> llm)");
  }

  @Test
  void malformedTagsJsonAndMissingCurrencyAreQuarantined() throws IOException {
    Path file =
        focusFile(
            "tags.csv",
            ok("1.00"),
            focusRow(
                "2.00",
                "USD",
                "2026-10-01T00:00:00Z",
                "Usage",
                "Usage-Based,,Standard,AWS,i-1,x,\"{\"\"team\"\": \"\"a\"\"\""),
            focusRow(
                "3.00", "", "2026-10-01T00:00:00Z", "Usage", "Usage-Based,,Standard,AWS,i-1,x,{}"));
    JsonNode stats = ingest(file).file("tags.csv");
    assertThat(stats.get("quarantined_by_reason").get("malformed_json:Tags").asLong()).isEqualTo(1);
    assertThat(stats.get("quarantined_by_reason").get("missing_value:BillingCurrency").asLong())
        .isEqualTo(1);
    assertThat(stats.get("rows_kept").asLong()).isEqualTo(1);
  }

  @Test
  void aMalformedJsonLineIsQuarantinedWithItsLineNumber() throws IOException {
    List<String> lines =
        Files.readAllLines(
            TestPaths.sample("billing/gcp/gcp_billing_export_resource_v1_01A2B3_2026-10.jsonl"));
    String broken = lines.get(1).substring(0, 80);
    Path file = write("gcp.jsonl", lines.get(0) + "\n" + broken + "\n\n" + lines.get(2) + "\n");
    IngestOutput out = ingest(file);
    JsonNode stats = out.file("gcp.jsonl");
    assertThat(stats.get("rows_read").asLong()).as("blank lines are not rows").isEqualTo(3);
    assertThat(stats.get("quarantined_by_reason").get("decode_error").asLong()).isEqualTo(1);
    Row bad = out.quarantine().collectAsList().get(0);
    assertThat(bad.<Long>getAs("x_SourceLine")).isEqualTo(2L);
    assertThat(bad.<String>getAs("x_RawRecord")).isEqualTo(broken);
  }

  @Test
  void anUnterminatedQuoteFailsTheRunAndLeavesThePreviousOutputsAsTheyWere() throws IOException {
    Path out = dir.resolve("out");
    Path good = focusFile("good.csv", ok("1.00"));
    assertThat(Cli.run("ingest", good.toString(), "--out", out.toString()).exitCode()).isZero();
    String before = Files.readString(out.resolve("ingest-summary.json"));
    long normalizedFiles = Files.list(out.resolve("normalized")).count();

    Path broken =
        write(
            "broken.csv",
            FOCUS_HEADER
                + "\n"
                + ok("2.00")
                + "\n"
                + ok("3.00").replace("GPU hour", "\"GPU hour")
                + "\n");
    Cli.Result result = failingIngest("ingest", broken.toString(), "--out", out.toString());
    assertThat(result.err()).contains(broken.toString()).contains("Cannot read").contains("CSV");

    assertThat(Files.readString(out.resolve("ingest-summary.json"))).isEqualTo(before);
    assertThat(Files.list(out.resolve("normalized")).count()).isEqualTo(normalizedFiles);
    try (var entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .as("no staging folder is left behind")
          .containsExactlyInAnyOrder("ingest-summary.json", "normalized", "quarantine");
    }
  }

  @Test
  void legacyCurSchemaDriftBetweenMonthsIsNormalInput() throws IOException {
    Path october =
        write(
            "cur-2023-10.csv",
            "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/CurrencyCode,lineItem/UnblendedCost,"
                + "lineItem/ProductCode\nUsage,2023-10-01T00:00:00Z,2023-10-01T01:00:00Z,USD,1.5,AmazonS3\n");
    Path november =
        write(
            "cur-2023-11.csv",
            "identity/LineItemId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/CurrencyCode,"
                + "lineItem/UnblendedCost,lineItem/NetUnblendedCost,lineItem/UsageType,product/instanceType,resourceTags/user:team,"
                + "resourceTags/aws:createdBy\nid-1,Usage,2023-11-01T00:00:00.000Z,2023-11-01T01:00:00.000Z,USD,32.7726,29.4953,"
                + "USE1-BoxUsage:p4d.24xlarge,p4d.24xlarge,vision,arn:aws:iam::1:user/a\n");
    IngestOutput out = ingest(october, november);
    assertThat(out.summary().get("rows_kept").asLong()).isEqualTo(2);
    Row p4d =
        out.normalized()
            .filter(col("x_InstanceType").equalTo("p4d.24xlarge"))
            .collectAsList()
            .get(0);
    assertThat(p4d.<BigDecimal>getAs("BilledCost"))
        .as("net unblended cost when present")
        .isEqualByComparingTo("29.4953");
    assertThat(p4d.<BigDecimal>getAs("ContractedCost")).isEqualByComparingTo("32.7726");
    scala.collection.Map<String, String> tags = p4d.getAs("Tags");
    assertThat(tags.apply("team")).isEqualTo("vision");
    assertThat(tags.apply("aws:createdBy")).isEqualTo("arn:aws:iam::1:user/a");
  }
}
