package io.fleetcost.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import io.fleetcost.spark.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;

/**
 * Parquet variants of the sample exports, written at test time from the text fixtures with the
 * types the providers' Parquet exports use (DOUBLE costs, TIMESTAMP times, maps and repeated
 * records), so that the typed read path is tested on the same rows as the text path.
 */
final class FixtureFiles {
  private FixtureFiles() {}

  /**
   * The GCP JSON lines as the BigQuery export's Parquet: FLOAT64 costs, TIMESTAMPs, repeated
   * records.
   */
  static Path gcpParquet(Path jsonl, Path dir) {
    Dataset<Row> text =
        SharedSpark.session()
            .read()
            .schema(io.fleetcost.billing.gcp.GcpBillingExportSchema.JSON)
            .json(jsonl.toString());
    List<Column> columns = new ArrayList<>();
    for (String field : text.columns()) {
      Column value =
          switch (field) {
            case "cost", "cost_at_list", "currency_conversion_rate" ->
                col(field).cast(DataTypes.DoubleType);
            case "usage_start_time", "usage_end_time", "export_time" ->
                col(field).cast(DataTypes.TimestampType);
            case "credits" ->
                org.apache.spark.sql.functions.transform(
                    col(field),
                    c ->
                        org.apache.spark.sql.functions.struct(
                            c.getField("name").as("name"),
                            c.getField("amount").cast(DataTypes.DoubleType).as("amount"),
                            c.getField("full_name").as("full_name"),
                            c.getField("id").as("id"),
                            c.getField("type").as("type")));
            case "usage" ->
                org.apache.spark.sql.functions.struct(
                    col("usage.amount").cast(DataTypes.DoubleType).as("amount"),
                    col("usage.unit").as("unit"),
                    col("usage.amount_in_pricing_units")
                        .cast(DataTypes.DoubleType)
                        .as("amount_in_pricing_units"),
                    col("usage.pricing_unit").as("pricing_unit"));
            default -> col(field);
          };
      if (!field.equals("_corrupt_record")) {
        columns.add(value.as(field));
      }
    }
    return write(text.select(columns.toArray(new Column[0])), dir);
  }

  private static final List<String> MAP_COLUMNS =
      List.of("product", "resource_tags", "cost_category", "discount");
  private static final List<String> DOUBLE_COLUMNS =
      List.of(
          "line_item_usage_amount",
          "line_item_unblended_cost",
          "line_item_blended_cost",
          "pricing_public_on_demand_cost",
          "reservation_effective_cost",
          "reservation_unused_amortized_upfront_fee_for_billing_period",
          "reservation_unused_recurring_fee",
          "savings_plan_savings_plan_effective_cost",
          "savings_plan_total_commitment_to_date",
          "savings_plan_used_commitment");
  private static final List<String> TIMESTAMP_COLUMNS =
      List.of(
          "bill_billing_period_start_date",
          "bill_billing_period_end_date",
          "line_item_usage_start_date",
          "line_item_usage_end_date");

  /** The CUR 2.0 CSV as CUR 2.0 Parquet: DOUBLE costs, TIMESTAMPs, and map columns. */
  static Path cur2Parquet(Path csv, Path dir) {
    Dataset<Row> text =
        SharedSpark.session()
            .read()
            .option("header", "true")
            .option("multiLine", "true")
            .option("escape", "\"")
            .csv(csv.toString());
    List<Column> columns = new ArrayList<>();
    for (String field : text.columns()) {
      Column value;
      if (MAP_COLUMNS.contains(field)) {
        value =
            from_json(
                col(field),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                Map.of());
      } else if (DOUBLE_COLUMNS.contains(field)) {
        value = col(field).cast(DataTypes.DoubleType);
      } else if (TIMESTAMP_COLUMNS.contains(field)) {
        value = col(field).cast(DataTypes.TimestampType);
      } else {
        value = col(field);
      }
      columns.add(value.as(field));
    }
    return write(text.select(columns.toArray(new Column[0])), dir);
  }

  /** A FOCUS CSV as a FOCUS Parquet export: DECIMAL costs, TIMESTAMPs, Tags as a map. */
  static Path focusParquet(Path csv, Path dir) {
    Dataset<Row> text =
        SharedSpark.session()
            .read()
            .option("header", "true")
            .option("multiLine", "true")
            .option("escape", "\"")
            .csv(csv.toString());
    List<Column> columns = new ArrayList<>();
    for (String field : text.columns()) {
      Column value;
      if (field.endsWith("Cost") || field.endsWith("Price") || field.endsWith("Quantity")) {
        value = col(field).cast(DataTypes.createDecimalType(30, 10));
      } else if (field.startsWith("BillingPeriod") || field.startsWith("ChargePeriod")) {
        value = col(field).cast(DataTypes.TimestampType);
      } else if (field.equals("Tags")) {
        value =
            from_json(
                col(field),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                Map.of());
      } else {
        value = col(field);
      }
      columns.add(value.as(field));
    }
    return write(text.select(columns.toArray(new Column[0])), dir);
  }

  private static Path write(Dataset<Row> rows, Path dir) {
    rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
    return dir;
  }
}
