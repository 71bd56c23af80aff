package io.fleetcost.export;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.cli.Cli;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FOCUS export of the four sample providers (and a row written to tempt a spreadsheet) checked
 * against FOCUS 1.2's column requirements as written down from the specification in {@code
 * focus-1.2-columns.tsv}: presence, data types, nullability, allowed values, and the value formats
 * of the CSV cells.
 */
class FocusExportSpecTest {
  @TempDir static Path dir;

  static final Map<String, FocusColumnRequirement> SPEC = FocusColumnRequirement.all();
  static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?");
  static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  static Dataset<Row> parquet;
  static Dataset<Row> csv;
  static JsonNode metadata;
  static Path out;

  @BeforeAll
  static void export() throws IOException {
    Path hostile =
        Files.writeString(
            dir.resolve("hostile-focus.csv"),
            "ProviderName,BillingAccountId,ServiceName,ChargeCategory,ChargeDescription,ResourceName,BilledCost,EffectiveCost,"
                + "BillingCurrency,ChargePeriodStart,ChargePeriodEnd,Tags\n"
                + "Example Cloud,acct-1,Example Compute,Credit,\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"refund\"\")\",@SUM(A1),"
                + "-5.25,-5.25,USD,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,\"{\"\"team\"\": \"\"-ops\"\"}\"\n");
    Path job =
        FocusExports.job(
            dir,
            Stream.concat(FocusExports.SAMPLES.values().stream(), Stream.of(hostile)).toList());
    out = dir.resolve("focus");
    Cli.Result result = Cli.run("export", "focus", job.toString(), "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    parquet = SharedSpark.session().read().parquet(out.resolve("parquet").toString()).cache();
    csv = FocusExports.readCsv(out.resolve("csv")).cache();
    metadata = new ObjectMapper().readTree(out.resolve("metadata.json").toFile());
  }

  @Test
  void theSpecificationTableHasTheFiftySevenColumnsOfFocus12() {
    assertThat(SPEC).hasSize(57);
    List<String> sections = SPEC.values().stream().map(FocusColumnRequirement::section).toList();
    assertThat(sections)
        .as("numbered in order, 3.1 to 3.57")
        .isEqualTo(IntStream.rangeClosed(1, 57).mapToObj(n -> "3." + n).toList());
    assertThat(SPEC.get("BilledCost").citation()).isEqualTo("FOCUS 1.2 §3.2 (billedcost.md)");
    assertThat(
            SPEC.values().stream()
                .filter(FocusColumnRequirement::mandatory)
                .map(FocusColumnRequirement::columnId))
        .containsExactlyInAnyOrder(
            "BilledCost",
            "BillingAccountId",
            "BillingAccountName",
            "BillingCurrency",
            "BillingPeriodEnd",
            "BillingPeriodStart",
            "ChargeCategory",
            "ChargeClass",
            "ChargeDescription",
            "ChargePeriodEnd",
            "ChargePeriodStart",
            "ContractedCost",
            "EffectiveCost",
            "InvoiceIssuerName",
            "ListCost",
            "PricingQuantity",
            "PricingUnit",
            "ProviderName",
            "PublisherName",
            "ServiceCategory",
            "ServiceName");
  }

  @Test
  void everyMandatoryColumnIsPresentInBothFormats() {
    for (FocusColumnRequirement column : SPEC.values()) {
      if (column.mandatory()) {
        assertThat(parquet.columns())
            .as("Parquet: %s is Mandatory, %s", column.columnId(), column.citation())
            .contains(column.columnId());
        assertThat(csv.columns())
            .as("CSV: %s is Mandatory, %s", column.columnId(), column.citation())
            .contains(column.columnId());
      }
    }
  }

  @Test
  void everyOtherColumnIsAFocusColumnOrAnXColumnAfterThem() {
    List<String> columns = List.of(parquet.columns());
    assertThat(List.of(csv.columns())).as("the CSV's columns, in order").isEqualTo(columns);
    int firstCustom = -1;
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      if (name.startsWith("x_")) {
        firstCustom = firstCustom < 0 ? i : firstCustom;
      } else {
        assertThat(SPEC)
            .as("%s is neither a FOCUS 1.2 column nor prefixed x_", name)
            .containsKey(name);
        assertThat(firstCustom)
            .as("FOCUS column %s comes after the x_ columns (column_naming_and_ordering.md)", name)
            .isLessThan(0);
      }
    }
    assertThat(columns)
        .contains(
            "x_GpuModel", "x_GpuCount", "x_ResourceJoinKey", "x_InstanceType", "x_SourceFile");
    assertThat(parquet.filter(col("x_GpuModel").isNotNull().and(col("x_GpuCount").gt(0))).count())
        .as("GPU rows with their model and count")
        .isPositive();
    assertThat(
            parquet
                .filter(
                    col("ProviderName")
                        .equalTo("AWS")
                        .and(col("x_ResourceJoinKey").equalTo("i-0f5e4d3c2b1a00001")))
                .count())
        .as("the join key of an EC2 instance: its id")
        .isPositive();
  }

  @Test
  void parquetTypesAreTheSpecificationsDataTypes() {
    for (var field : parquet.schema().fields()) {
      FocusColumnRequirement column = SPEC.get(field.name());
      if (column == null) {
        continue;
      }
      DataType type = field.dataType();
      switch (column.dataType()) {
        case "Decimal" ->
            assertThat(type)
                .as("%s, %s", field.name(), column.citation())
                .isInstanceOf(DecimalType.class);
        case "Date/Time" ->
            assertThat(type)
                .as("%s, %s", field.name(), column.citation())
                .isEqualTo(DataTypes.TimestampType);
        case "String", "JSON" ->
            assertThat(type)
                .as("%s, %s", field.name(), column.citation())
                .isEqualTo(DataTypes.StringType);
        default ->
            throw new AssertionError(
                "unknown data type " + column.dataType() + " of " + column.columnId());
      }
    }
  }

  @Test
  void columnsThatAllowNoNullsHaveNoneAndNoValueIsAnEmptyString() {
    for (String name : parquet.columns()) {
      FocusColumnRequirement column = SPEC.get(name);
      if (column != null && !column.allowsNulls()) {
        assertThat(parquet.filter(col(name).isNull()).count())
            .as("Parquet nulls in %s, %s", name, column.citation())
            .isZero();
        assertThat(csv.filter(col(name).isNull()).count())
            .as("CSV nulls in %s, %s", name, column.citation())
            .isZero();
      }
      if (parquet.schema().apply(name).dataType().equals(DataTypes.StringType)) {
        assertThat(parquet.filter(col(name).equalTo("")).count())
            .as("empty strings in %s (null_handling.md)", name)
            .isZero();
      }
      assertThat(csv.filter(col(name).equalTo("")).count())
          .as("empty quoted cells in %s (null_handling.md)", name)
          .isZero();
    }
  }

  @Test
  void valuesAreAmongTheAllowedValues() {
    for (String name : parquet.columns()) {
      FocusColumnRequirement column = SPEC.get(name);
      if (column == null || column.allowedValues() == null || column.allowedValues().isEmpty()) {
        assertThat(column == null || column.allowedValues() != null)
            .as(
                "%s has allowed values the specification table does not copy: add them before exporting it",
                name)
            .isTrue();
        continue;
      }
      for (Dataset<Row> rows : List.of(parquet, csv)) {
        List<String> values =
            rows.select(col(name)).distinct().collectAsList().stream()
                .map(r -> r.getString(0))
                .filter(v -> v != null)
                .toList();
        assertThat(column.allowedValues())
            .as("values of %s, %s", name, column.citation())
            .containsAll(values);
      }
    }
    assertThat(parquet.select("ChargeCategory").distinct().count())
        .as("the samples' charge categories")
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void csvCellsFollowTheValueFormats() throws IOException {
    for (String name : csv.columns()) {
      FocusColumnRequirement column = SPEC.get(name);
      String format =
          column == null
              ? (parquet.schema().apply(name).dataType() instanceof DecimalType ? "Numeric" : "-")
              : column.valueFormat();
      List<String> values =
          csv.select(col(name)).distinct().collectAsList().stream()
              .map(r -> r.getString(0))
              .filter(v -> v != null)
              .toList();
      switch (format) {
        case "DateTime" ->
            assertThat(values)
                .as("%s: YYYY-MM-DDTHH:mm:ssZ (datetime_format.md)", name)
                .allMatch(v -> DATE_TIME.matcher(v).matches());
        case "Numeric" ->
            assertThat(values)
                .as("%s: plain decimals (numeric_format.md)", name)
                .allMatch(v -> NUMERIC.matcher(v).matches());
        case "Currency" ->
            assertThat(values)
                .as("%s: ISO 4217 (currency_format.md)", name)
                .allMatch(v -> CURRENCY.matcher(v).matches());
        case "KeyValue" -> {
          for (String value : values) {
            JsonNode object = new ObjectMapper().readTree(value);
            assertThat(object.isObject())
                .as("%s: a JSON object (key_value_format.md): %s", name, value)
                .isTrue();
            object
                .fields()
                .forEachRemaining(
                    e ->
                        assertThat(e.getValue().isValueNode())
                            .as("%s: scalar values: %s", name, value)
                            .isTrue());
          }
        }
        default -> {}
      }
    }
    assertThat(
            csv.select("SkuPriceDetails")
                .filter(col("SkuPriceDetails").contains("\"GpuCount\":8"))
                .count())
        .as("SkuPriceDetails carries the GPU count")
        .isPositive();
  }

  @Test
  void csvNeutralizesFormulaTextButWritesNegativeNumbersPlainly() throws IOException {
    Row hostile = csv.filter(col("BillingAccountId").equalTo("acct-1")).first();
    assertThat(hostile.<String>getAs("ChargeDescription"))
        .isEqualTo("'=HYPERLINK(\"http://example.invalid\",\"refund\")");
    assertThat(hostile.<String>getAs("ResourceName")).isEqualTo("'@SUM(A1)");
    assertThat(hostile.<String>getAs("BilledCost")).isEqualTo("-5.25");
    assertThat(hostile.<String>getAs("ListCost"))
        .as("no ListCost: the BilledCost (listcost.md)")
        .isEqualTo("-5.25");
    assertThat(hostile.<String>getAs("Tags"))
        .as("JSON starts with {, never neutralized")
        .isEqualTo("{\"team\":\"-ops\"}");
    Row typed = parquet.filter(col("BillingAccountId").equalTo("acct-1")).first();
    assertThat(typed.<String>getAs("ChargeDescription"))
        .as("Parquet keeps the text as read")
        .startsWith("=HYPERLINK");
    assertThat(typed.<java.math.BigDecimal>getAs("BilledCost")).isEqualByComparingTo("-5.25");
    String raw = FocusExports.csvText(out.resolve("csv"));
    assertThat(raw).contains(",-5.25,").doesNotContain("'-5.25");
  }

  @Test
  void metadataNamesTheVersionTheGeneratorTheSourcesAndThePeriod() {
    assertThat(metadata.get("DataGenerator").get("DataGenerator").asText()).isEqualTo("FleetCost");
    JsonNode schema = metadata.get("Schema");
    assertThat(schema.get("FocusVersion").asText()).isEqualTo("1.2");
    assertThat(schema.get("DataGeneratorVersion").asText()).isNotBlank();
    assertThat(schema.get("CreationDate").asText()).matches(DATE_TIME);
    List<String> defined = new ArrayList<>();
    schema.get("ColumnDefinition").forEach(c -> defined.add(c.get("ColumnName").asText()));
    assertThat(defined).isEqualTo(List.of(parquet.columns()));
    List<String> formats = new ArrayList<>();
    metadata.get("x_Sources").forEach(s -> formats.add(s.get("Format").asText()));
    assertThat(formats)
        .containsExactlyInAnyOrder(
            "aws-cur2", "gcp-bigquery", "azure-cost-details", "focus", "focus");
    JsonNode period = metadata.get("x_Period");
    assertThat(period.get("From").isNull()).isTrue();
    assertThat(period.get("Rows").asLong()).isEqualTo(parquet.count());
    assertThat(period.get("ChargePeriodStartMin").asText()).matches(DATE_TIME);
    long rows = 0;
    for (JsonNode total : metadata.get("x_Totals")) {
      rows += total.get("Rows").asLong();
    }
    assertThat(rows).isEqualTo(parquet.count());
  }

  @Test
  void fromAndToKeepTheChargeDaysBothIncluded() throws IOException {
    Path focus = FocusExports.SAMPLES.get("focus");
    Path job = FocusExports.job(Files.createDirectories(dir.resolve("period")), List.of(focus));
    Dataset<Row> all = parquet.filter(col("x_SourceFile").endsWith(focus.getFileName().toString()));
    // the sample's charges start on 3 October (9 rows) and 4 October (1 row)
    assertThat(all.count()).isEqualTo(10);

    Path oneDay = dir.resolve("one-day");
    Cli.Result result =
        Cli.run(
            "export",
            "focus",
            job.toString(),
            "--from",
            "2026-10-04",
            "--to",
            "2026-10-04",
            "--out",
            oneDay.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    Dataset<Row> rows = SharedSpark.session().read().parquet(oneDay.resolve("parquet").toString());
    assertThat(rows.count()).isEqualTo(1);
    assertThat(rows.first().<java.sql.Timestamp>getAs("ChargePeriodStart").toInstant())
        .hasToString("2026-10-04T00:00:00Z");
    JsonNode written =
        new ObjectMapper().readTree(oneDay.resolve("metadata.json").toFile()).get("x_Period");
    assertThat(written.get("From").asText()).isEqualTo("2026-10-04");
    assertThat(written.get("To").asText()).isEqualTo("2026-10-04");
    assertThat(written.get("Rows").asLong()).isEqualTo(1);

    Path upTo = dir.resolve("up-to");
    assertThat(
            Cli.run(
                    "export",
                    "focus",
                    job.toString(),
                    "--to",
                    "2026-10-03",
                    "--out",
                    upTo.toString())
                .exitCode())
        .isZero();
    assertThat(SharedSpark.session().read().parquet(upTo.resolve("parquet").toString()).count())
        .as("the --to day included")
        .isEqualTo(9);
  }
}
