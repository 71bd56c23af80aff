package io.fleetcost.billing.aws;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.ServiceCategories;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.pipeline.BillingIngestJob;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CUR CSV files are mapped to FOCUS in the decoding task ({@link CurCsvMapping}); the same rules
 * also exist as column expressions ({@link AwsCurBillingSource#normalize}), which Parquet CURs use.
 * Both must give the same rows, every column, the quarantine reason, detail and raw record and the
 * row identity included: on every CUR CSV sample, and on files made to hit every rule and every
 * check.
 */
class CurCsvMappingTest {
  private final SparkSession spark = SharedSpark.session();

  @TempDir Path dir;

  @Test
  void cur2SamplesGiveTheSameRowsAsTheExpressions() {
    assertSameRows(BillingFormat.AWS_CUR2, TestPaths.sample("billing/aws-cur2"), 16);
    // the sample fleet's bill (tens of thousands of rows) once, with identities: the other files
    // cover both settings
    assertSameRows(
        BillingFormat.AWS_CUR2, TestPaths.sample("fleet/data/billing/aws"), -1, List.of(true));
  }

  @Test
  void legacySampleGivesTheSameRowsAsTheExpressions() {
    assertSameRows(
        BillingFormat.AWS_CUR,
        TestPaths.realSample(
            "billing/aws-cur-legacy-csv/aws_cur_legacy_sample-anonymous-aws-export-dataset.csv"),
        -1);
  }

  /** Without the line item id column, a row's identity is its whole record. */
  @Test
  void legacyFileWithoutLineItemIdsGivesTheSameRows() throws IOException {
    Path sample;
    try (var files = Files.list(TestPaths.realSample("billing/aws-cur-legacy-csv"))) {
      sample = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    List<List<String>> records =
        parse(String.join("\n", Files.readAllLines(sample).subList(0, 40)));
    int id = records.get(0).indexOf("identity/LineItemId");
    assertThat(id).isNotNegative();
    StringBuilder text = new StringBuilder();
    for (List<String> record : records) {
      List<String> kept = new ArrayList<>(record);
      kept.remove(id);
      text.append(CSVFormat.RFC4180.format(kept.toArray())).append('\n');
    }
    Path folder = Files.createDirectories(dir.resolve("legacy-no-id"));
    Files.writeString(folder.resolve("cur.csv"), text.toString());
    assertSameRows(BillingFormat.AWS_CUR, folder, 39);
  }

  @Test
  void badAndUnusualValuesGiveTheSameRowsReasonsAndDetails() throws IOException {
    List<String> lines =
        Files.readAllLines(TestPaths.sample("billing/aws-cur2/cur2-example-2026-10-00001.csv"));
    List<String> header = new ArrayList<>(parse(lines.get(0)).get(0));
    List<String> first = new ArrayList<>(parse(lines.get(1)).get(0));
    for (String extra :
        List.of(
            "line_item_net_unblended_cost",
            "reservation_unused_recurring_fee_x",
            "pricing_rate_code")) {
      header.add(extra);
      first.add("");
    }
    header.set(header.indexOf("reservation_unused_recurring_fee_x"), "product_gpu_memory");
    List<Map<String, String>> variants = new ArrayList<>();
    String start = "line_item_usage_start_date";
    for (String time :
        List.of(
            "",
            "2026-13-01T00:00:00Z",
            "2026-10-01 00:00:00",
            "2026-10-01T00:00:00.123456Z",
            "2026-10-01T00:00:00.1234567Z",
            "2026-02-30T00:00:00Z",
            "2026-02-28T23:59:59Z",
            "2024-02-29T12:00:00Z",
            "2026-10-01T24:00:00Z",
            "2026-10-01",
            "2026-10-01T05:00:00+02:00",
            "2026-10-1T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "2026-10-01T00:00:60Z",
            "2026-10-01T00:00:00.Z",
            "2026-10-01T00:00:00.5",
            "2026-10-01 00:00:00 UTC",
            "9/1/2026",
            "x")) {
      variants.add(Map.of(start, time));
    }
    variants.add(Map.of("bill_billing_period_start_date", "", "bill_billing_period_end_date", ""));
    variants.add(
        Map.of(
            "bill_billing_period_start_date",
            "",
            "bill_billing_period_end_date",
            "",
            start,
            "2026-12-31T23:00:00Z"));
    variants.add(Map.of("bill_billing_period_start_date", "10/01/2026"));
    variants.add(Map.of("line_item_usage_end_date", ""));
    String type = "line_item_line_item_type";
    for (String lineItemType :
        List.of("", "Bogus", "REFUND", "Credit", "Tax", "Fee", "BundledDiscount", "usage")) {
      variants.add(Map.of(type, lineItemType));
    }
    variants.add(
        Map.of(
            type,
            "Fee",
            "reservation_reservation_a_r_n",
            "arn:aws:ec2:us-east-1:1:reserved-instances/r-1"));
    variants.add(
        Map.of(
            type,
            "RIFee",
            "reservation_unused_amortized_upfront_fee_for_billing_period",
            "1.000000000000000005",
            "reservation_unused_recurring_fee",
            "2.000000000000000000",
            "reservation_reservation_a_r_n",
            "arn:r"));
    variants.add(Map.of(type, "RIFee"));
    variants.add(
        Map.of(
            type,
            "SavingsPlanRecurringFee",
            "savings_plan_total_commitment_to_date",
            "10.000000000000000015",
            "savings_plan_used_commitment",
            "3.5",
            "savings_plan_savings_plan_a_r_n",
            "arn:sp"));
    variants.add(
        Map.of(
            type,
            "SavingsPlanCoveredUsage",
            "savings_plan_savings_plan_effective_cost",
            "4.25",
            "savings_plan_savings_plan_a_r_n",
            "arn:sp"));
    variants.add(Map.of(type, "SavingsPlanCoveredUsage"));
    variants.add(Map.of(type, "SavingsPlanNegation"));
    variants.add(Map.of(type, "SavingsPlanUpfrontFee"));
    variants.add(
        Map.of(
            type,
            "DiscountedUsage",
            "reservation_effective_cost",
            "7.1",
            "reservation_reservation_a_r_n",
            "arn:r"));
    variants.add(Map.of(type, "DiscountedUsage", "reservation_effective_cost", "oops"));
    for (String cost :
        List.of(
            "",
            "abc",
            "1E+2",
            "-0.0000000000000000005",
            "0.0000000000000000005",
            "12345678901234567890.5",
            "123456789012345678901.5",
            "+3",
            "1,000.00",
            "NaN",
            "1e-30",
            "0x10",
            "３")) {
      variants.add(Map.of("line_item_unblended_cost", cost));
    }
    variants.add(Map.of("line_item_net_unblended_cost", "12.5"));
    variants.add(Map.of("line_item_net_unblended_cost", "x"));
    variants.add(Map.of("savings_plan_used_commitment", "bad"));
    variants.add(Map.of("pricing_public_on_demand_cost", "bad"));
    variants.add(Map.of("pricing_public_on_demand_rate", "bad", "line_item_unblended_rate", "bad"));
    variants.add(Map.of("line_item_usage_amount", "bad"));
    for (String currency : List.of("", "usd", "eur", "ß", "Ümlaut")) {
      variants.add(Map.of("line_item_currency_code", currency));
    }
    for (String term : List.of("Spot", "Reserved", "on demand", "weird", "")) {
      variants.add(Map.of("pricing_term", term));
    }
    for (String usageType :
        List.of(
            "USE1-SpotUsage:g5.xlarge",
            "APN1-DedicatedUsage:p3.8xlarge",
            "Foo:bar:p4d.24xlarge",
            "no colon",
            "X:metal",
            "USE1-BoxUsage:m5.metal-48xl",
            "A:p5.48xlarge:",
            "USE1-BoxUsage:P4D.24XLARGE",
            "")) {
      variants.add(
          Map.of("line_item_usage_type", usageType, "product_instance_type", "", "product", "{}"));
    }
    for (String resource :
        List.of(
            "arn:aws:sagemaker:us-east-1:123:endpoint/my-ep/variant",
            "arn:aws:s3:::bucket",
            "arn:short",
            "arn:aws:ec2:us-east-1:123:",
            "ARN:aws:x:y:z:w",
            "arn:aws:ec2:us-east-1:123:volume/")) {
      variants.add(Map.of("line_item_resource_id", resource));
    }
    for (String product :
        List.of(
            "{\"gpu\":\"3.7\",\"gpu_memory\":\"80 GB\"}",
            "{\"gpu\":\"abc\"}",
            "{\"gpu\":\"0\",\"gpu_memory\":\"80\"}",
            "{\"gpu\":\"3\",\"gpu_memory\":\"no digits\"}",
            "{\"gpu\":\"2\",\"gpu_memory\":\"99999999999 GB\"}",
            "{\"gpu\":\"-2\",\"gpu_memory\":\"80\"}",
            "{\"gpu\":\" 4 \",\"gpu_memory\":\"GB 96.5\"}",
            "{\"region_code\":\"\",\"instance_type\":\"g6.xlarge\"}",
            "{bad",
            "[1,2]",
            "{\"gpu\":8}",
            "{\"product_name\":\"x\",\"region_code\":null}")) {
      variants.add(
          Map.of("product", product, "product_instance_type", "", "product_region_code", ""));
    }
    variants.add(Map.of("product_gpu_memory", "160 GB"));
    for (String tags :
        List.of(
            "{\"a\":",
            "{\"user_team\":\"a\\\"b\\\\c\\u0001é\\n\"}",
            "{\"user_\":\"x\",\"user_user_y\":\"z\"}",
            "{\"user_k\":\"1\",\"k\":\"2\"}",
            "[]",
            "null")) {
      variants.add(Map.of("resource_tags", tags));
    }
    variants.add(Map.of("identity_line_item_id", ""));
    variants.add(Map.of("identity_time_interval", ""));
    variants.add(Map.of("identity_line_item_id", "id \"quoted\" \\ é\ttab"));
    variants.add(
        Map.of("line_item_line_item_description", "multi\nline \"quoted\", with\ttab and \u0002"));
    for (String code : List.of("amazonec2", "AmazonSageMaker", "Unknown", "")) {
      variants.add(Map.of("line_item_product_code", code));
    }
    variants.add(
        Map.of(
            "pricing_rate_code",
            "RC-1",
            "bill_invoicing_entity",
            "",
            "line_item_legal_entity",
            ""));

    int idColumn = header.indexOf("identity_line_item_id");
    StringBuilder file = new StringBuilder(CSVFormat.RFC4180.format(header.toArray())).append('\n');
    for (int i = 0; i < variants.size(); i++) {
      List<String> row = new ArrayList<>(first);
      row.set(idColumn, "variant-" + i);
      for (Map.Entry<String, String> change : variants.get(i).entrySet()) {
        int column = header.indexOf(change.getKey());
        assertThat(column).as(change.getKey()).isNotNegative();
        row.set(column, change.getValue());
      }
      file.append(CSVFormat.RFC4180.format(row.toArray())).append('\n');
    }
    file.append("too,few,fields\n");
    file.append(CSVFormat.RFC4180.format(first.toArray())).append(",extra\n");
    Path folder = Files.createDirectories(dir.resolve("cur2-variants"));
    Files.writeString(folder.resolve("variants.csv"), file.toString());

    Dataset<Row> mapped = assertSameRows(BillingFormat.AWS_CUR2, folder, variants.size() + 2);
    // the comparison is only as strong as the file: it must reach the checks and the rules it was
    // made for
    List<String> reasons =
        mapped
            .where(col("x_QuarantineReason").isNotNull())
            .select("x_QuarantineReason")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(reasons)
        .contains(
            "decode_error",
            "missing_value:ChargePeriodStart",
            "unparseable_timestamp:ChargePeriodStart",
            "missing_value:ChargePeriodEnd",
            "unparseable_timestamp:BillingPeriodStart",
            "missing_value:ChargeCategory",
            "unknown_value:ChargeCategory",
            "missing_value:BilledCost",
            "unparseable_decimal:BilledCost",
            "unparseable_decimal:x_NetUnblendedCost",
            "unparseable_decimal:x_SavingsPlanUsedCommitment",
            "unparseable_decimal:x_ReservationEffectiveCost",
            "unparseable_decimal:ListCost",
            "unparseable_decimal:ListUnitPrice",
            "unparseable_decimal:ConsumedQuantity",
            "missing_value:BillingCurrency",
            "unknown_value:PricingCategory",
            "malformed_json:Tags");
    assertThat(mapped.where(col("PricingCategory").equalTo("Dynamic")).count())
        .isGreaterThanOrEqualTo(2);
    // recurring fee, covered usage with and without its cost, negation, upfront fee
    assertThat(mapped.where(col("CommitmentDiscountType").equalTo("Savings Plan")).count())
        .isEqualTo(5);
    // Spark adds two DECIMAL(38,18) at 17 places, half up: 1.000000000000000005 + 2 =
    // 3.000000000000000005 → …0001(0)
    assertThat(recurringFeeEffectiveCost(mapped, "arn:r"))
        .isEqualByComparingTo("3.00000000000000001");
    // 10.000000000000000015 − 3.5 = 6.500000000000000015 → 6.50000000000000002
    assertThat(recurringFeeEffectiveCost(mapped, "arn:sp"))
        .isEqualByComparingTo("6.50000000000000002");
    // other rows keep all 18 places: an unblended cost of 0.0000000000000000005 is 1E-18, and so is
    // its EffectiveCost
    assertThat(
            mapped
                .where(col("BilledCost").equalTo(new java.math.BigDecimal("0.000000000000000001")))
                .select("EffectiveCost")
                .first()
                .getDecimal(0))
        .isEqualByComparingTo("0.000000000000000001");
    assertThat(mapped.where(col("ResourceType").equalTo("endpoint")).count()).isEqualTo(1);
    assertThat(mapped.where(col("x_GpuMemoryGiB").isNotNull()).count()).isGreaterThanOrEqualTo(3);
  }

  /** The EffectiveCost of the one recurring fee of a commitment. */
  private static java.math.BigDecimal recurringFeeEffectiveCost(
      Dataset<Row> rows, String commitment) {
    List<Row> fees =
        rows.where(
                col("CommitmentDiscountId")
                    .equalTo(commitment)
                    .and(col("ChargeFrequency").equalTo("Recurring")))
            .select("EffectiveCost")
            .collectAsList();
    assertThat(fees).hasSize(1);
    return fees.get(0).getDecimal(0);
  }

  /**
   * Reads the folder both ways, with and without row identities, and compares every column of every
   * row; returns the mapped rows. {@code expectedRows} < 0: any number above zero.
   */
  private Dataset<Row> assertSameRows(BillingFormat format, Path folder, long expectedRows) {
    return assertSameRows(format, folder, expectedRows, List.of(false, true));
  }

  private Dataset<Row> assertSameRows(
      BillingFormat format, Path folder, long expectedRows, List<Boolean> identities) {
    List<SourceFile> files =
        BillingIngestJob.plan(
                spark.sparkContext().hadoopConfiguration(),
                List.of(
                    new BillingInput(
                        "cur", List.of(folder.toString()), format, AzureCostDataset.AUTO)))
            .files();
    assertThat(files).as("CSV files in %s", folder).isNotEmpty();
    Dataset<Row> result = null;
    for (boolean identity : identities) {
      ReadContext context =
          new ReadContext(
              spark, spark.sparkContext().longAccumulator(), ServiceCategories.bundled(), identity);
      Dataset<Row> mapped =
          comparable(new AwsCurBillingSource(format).read(context, files)).cache();
      Dataset<Row> expressions =
          comparable(new AwsCurBillingSource(format, true).read(context, files)).cache();
      long rows = expressions.count();
      assertThat(mapped.count()).isEqualTo(rows);
      if (expectedRows >= 0) {
        assertThat(rows).isEqualTo(expectedRows);
      } else {
        assertThat(rows).isPositive();
      }
      List<Row> onlyMapped =
          mapped
              .exceptAll(expressions)
              .orderBy("x_SourceFile", "x_SourceLine")
              .limit(5)
              .collectAsList();
      List<Row> onlyExpressions =
          expressions
              .exceptAll(mapped)
              .orderBy("x_SourceFile", "x_SourceLine")
              .limit(5)
              .collectAsList();
      assertThat(onlyMapped)
          .as(
              "%s (identity %s): rows only the mapping gives, against the expressions' %s",
              folder, identity, onlyExpressions)
          .isEmpty();
      assertThat(onlyExpressions).isEmpty();
      result = mapped;
    }
    return result;
  }

  /** Every column, maps and arrays as JSON text (set operations cannot compare maps). */
  private static Dataset<Row> comparable(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      DataType type = field.dataType();
      Column value = col("`" + field.name() + "`");
      columns.add(
          (type instanceof MapType || type instanceof ArrayType ? to_json(value) : value)
              .as(field.name()));
    }
    return rows.select(columns.toArray(new Column[0]));
  }

  private static List<List<String>> parse(String text) {
    try {
      List<List<String>> records = new ArrayList<>();
      CSVFormat.RFC4180.parse(new StringReader(text)).forEach(r -> records.add(r.toList()));
      return records;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
