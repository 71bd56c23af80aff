package io.fleetcost.billing.gcp;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Cloud Billing export's schema for parsing JSON lines. Every leaf is read as text: numbers
 * keep their exported digits until they are parsed as decimals, and INT64 values, which BigQuery
 * exports as JSON strings, read the same way. {@code _corrupt_record} receives a line that is not
 * valid JSON for this schema.
 */
public final class GcpBillingExportSchema {
  private GcpBillingExportSchema() {}

  public static final String CORRUPT_RECORD = "_corrupt_record";

  private static final StructType KEY_VALUE =
      new StructType().add("key", DataTypes.StringType).add("value", DataTypes.StringType);
  private static final ArrayType KEY_VALUES = DataTypes.createArrayType(KEY_VALUE);

  public static final StructType JSON =
      new StructType()
          .add("billing_account_id", DataTypes.StringType)
          .add(
              "service",
              new StructType()
                  .add("id", DataTypes.StringType)
                  .add("description", DataTypes.StringType))
          .add(
              "sku",
              new StructType()
                  .add("id", DataTypes.StringType)
                  .add("description", DataTypes.StringType))
          .add("usage_start_time", DataTypes.StringType)
          .add("usage_end_time", DataTypes.StringType)
          .add(
              "project",
              new StructType()
                  .add("id", DataTypes.StringType)
                  .add("number", DataTypes.StringType)
                  .add("name", DataTypes.StringType)
                  .add("labels", KEY_VALUES)
                  .add("ancestry_numbers", DataTypes.StringType))
          .add("labels", KEY_VALUES)
          .add("system_labels", KEY_VALUES)
          .add(
              "location",
              new StructType()
                  .add("location", DataTypes.StringType)
                  .add("country", DataTypes.StringType)
                  .add("region", DataTypes.StringType)
                  .add("zone", DataTypes.StringType))
          .add(
              "resource",
              new StructType()
                  .add("name", DataTypes.StringType)
                  .add("global_name", DataTypes.StringType))
          .add("export_time", DataTypes.StringType)
          .add("cost", DataTypes.StringType)
          .add("currency", DataTypes.StringType)
          .add("currency_conversion_rate", DataTypes.StringType)
          .add(
              "usage",
              new StructType()
                  .add("amount", DataTypes.StringType)
                  .add("unit", DataTypes.StringType)
                  .add("amount_in_pricing_units", DataTypes.StringType)
                  .add("pricing_unit", DataTypes.StringType))
          .add(
              "credits",
              DataTypes.createArrayType(
                  new StructType()
                      .add("name", DataTypes.StringType)
                      .add("amount", DataTypes.StringType)
                      .add("full_name", DataTypes.StringType)
                      .add("id", DataTypes.StringType)
                      .add("type", DataTypes.StringType)))
          .add(
              "invoice",
              new StructType()
                  .add("month", DataTypes.StringType)
                  .add("publisher_type", DataTypes.StringType))
          .add("cost_type", DataTypes.StringType)
          .add(
              "adjustment_info",
              new StructType()
                  .add("id", DataTypes.StringType)
                  .add("description", DataTypes.StringType)
                  .add("mode", DataTypes.StringType)
                  .add("type", DataTypes.StringType))
          .add("cost_at_list", DataTypes.StringType)
          .add("transaction_type", DataTypes.StringType)
          .add("seller_name", DataTypes.StringType)
          .add(
              "price",
              new StructType()
                  .add("effective_price", DataTypes.StringType)
                  .add("tier_start_amount", DataTypes.StringType)
                  .add("unit", DataTypes.StringType)
                  .add("pricing_unit_quantity", DataTypes.StringType))
          .add("subscription", new StructType().add("instance_id", DataTypes.StringType))
          .add(CORRUPT_RECORD, DataTypes.StringType);
}
