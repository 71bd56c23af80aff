package io.fleetcost.export;

import static io.fleetcost.model.CostColumns.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.error.FleetCostException;
import io.fleetcost.report.CsvCells;
import io.fleetcost.telemetry.ResourceKeys;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * The normalized billing table as a FOCUS 1.2 dataset: the FOCUS columns the table holds, in the
 * specification's (alphabetical) order, then FleetCost's own columns with their {@code x_} names.
 * Parquet keeps the table's types (DECIMAL(38,18), UTC timestamps); CSV holds text: date/times as
 * {@code YYYY-MM-DDTHH:mm:ssZ}, decimals as plain decimals without trailing zeros, nulls as empty
 * cells, text that a spreadsheet would run as a formula prefixed with {@code '} ({@link CsvCells}).
 * docs/focus-export.md is the column mapping.
 */
public final class FocusExport {
  public static final String FOCUS_VERSION = "1.2";
  public static final String PARQUET = "parquet";
  public static final String CSV = "csv";
  public static final String METADATA = "metadata.json";

  /**
   * The join key of the savings engine (see "The savings window and the join"): absent from the
   * normalized table.
   */
  public static final String RESOURCE_JOIN_KEY = "x_ResourceJoinKey";

  static final String SKU_PRICE_DETAILS = "SkuPriceDetails";

  private static final String UTC = "UTC";
  private static final String FOCUS_DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss'Z'";

  private FocusExport() {}

  /**
   * Every column of the export, in order, with the expression that computes it from a normalized
   * row.
   */
  static Map<String, Column> columns() {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put(AVAILABILITY_ZONE, col(AVAILABILITY_ZONE));
    columns.put(BILLED_COST, col(BILLED_COST));
    columns.put(BILLING_ACCOUNT_ID, col(BILLING_ACCOUNT_ID));
    columns.put(BILLING_ACCOUNT_NAME, col(BILLING_ACCOUNT_NAME));
    columns.put(BILLING_CURRENCY, col(BILLING_CURRENCY));
    columns.put(BILLING_PERIOD_END, col(BILLING_PERIOD_END));
    columns.put(BILLING_PERIOD_START, col(BILLING_PERIOD_START));
    columns.put(CHARGE_CATEGORY, col(CHARGE_CATEGORY));
    columns.put(CHARGE_CLASS, col(CHARGE_CLASS));
    columns.put(CHARGE_DESCRIPTION, col(CHARGE_DESCRIPTION));
    // Recommended and never null in FOCUS 1.2; where the bill does not say, a usage charge is
    // Usage-Based and any
    // other charge (a credit, a tax line, an adjustment, a purchase) is taken as One-Time
    columns.put(
        CHARGE_FREQUENCY,
        coalesce(
            col(CHARGE_FREQUENCY),
            when(col(CHARGE_CATEGORY).equalTo(lit("Usage")), lit("Usage-Based"))
                .otherwise(lit("One-Time"))));
    columns.put(CHARGE_PERIOD_END, col(CHARGE_PERIOD_END));
    columns.put(CHARGE_PERIOD_START, col(CHARGE_PERIOD_START));
    columns.put(COMMITMENT_DISCOUNT_CATEGORY, col(COMMITMENT_DISCOUNT_CATEGORY));
    columns.put(COMMITMENT_DISCOUNT_ID, col(COMMITMENT_DISCOUNT_ID));
    columns.put(COMMITMENT_DISCOUNT_NAME, col(COMMITMENT_DISCOUNT_NAME));
    columns.put(COMMITMENT_DISCOUNT_STATUS, col(COMMITMENT_DISCOUNT_STATUS));
    columns.put(COMMITMENT_DISCOUNT_TYPE, col(COMMITMENT_DISCOUNT_TYPE));
    columns.put(CONSUMED_QUANTITY, col(CONSUMED_QUANTITY));
    columns.put(CONSUMED_UNIT, col(CONSUMED_UNIT));
    // FOCUS 1.2 ContractedCost and ListCost: never null; with no unit price, a charge's cost "MUST
    // match the BilledCost"
    columns.put(CONTRACTED_COST, coalesce(col(CONTRACTED_COST), col(BILLED_COST)));
    columns.put(CONTRACTED_UNIT_PRICE, col(CONTRACTED_UNIT_PRICE));
    columns.put(EFFECTIVE_COST, col(EFFECTIVE_COST));
    columns.put(INVOICE_ID, col(INVOICE_ID));
    // the provider is its own invoice issuer and publisher when the export does not name another
    columns.put(INVOICE_ISSUER_NAME, coalesce(col(INVOICE_ISSUER_NAME), col(PROVIDER_NAME)));
    columns.put(LIST_COST, coalesce(col(LIST_COST), col(BILLED_COST)));
    columns.put(LIST_UNIT_PRICE, col(LIST_UNIT_PRICE));
    columns.put(PRICING_CATEGORY, col(PRICING_CATEGORY));
    columns.put(PRICING_QUANTITY, col(PRICING_QUANTITY));
    columns.put(PRICING_UNIT, col(PRICING_UNIT));
    columns.put(PROVIDER_NAME, col(PROVIDER_NAME));
    columns.put(PUBLISHER_NAME, coalesce(col(PUBLISHER_NAME), col(PROVIDER_NAME)));
    columns.put(REGION_ID, col(REGION_ID));
    columns.put(REGION_NAME, col(REGION_NAME));
    columns.put(RESOURCE_ID, col(RESOURCE_ID));
    columns.put(RESOURCE_NAME, col(RESOURCE_NAME));
    columns.put(RESOURCE_TYPE, col(RESOURCE_TYPE));
    columns.put(SERVICE_CATEGORY, coalesce(col(SERVICE_CATEGORY), lit("Other")));
    columns.put(SERVICE_NAME, col(SERVICE_NAME));
    columns.put(SKU_ID, col(SKU_ID));
    columns.put(SKU_PRICE_DETAILS, skuPriceDetails());
    columns.put(SKU_PRICE_ID, col(SKU_PRICE_ID));
    columns.put(SUB_ACCOUNT_ID, col(SUB_ACCOUNT_ID));
    columns.put(SUB_ACCOUNT_NAME, col(SUB_ACCOUNT_NAME));
    columns.put(TAGS, when(size(col(TAGS)).gt(0), to_json(col(TAGS))));

    columns.put(INSTANCE_TYPE, col(INSTANCE_TYPE));
    columns.put(GPU_MODEL, col(GPU_MODEL));
    columns.put(GPU_COUNT, col(GPU_COUNT));
    columns.put(GPU_MEMORY_GIB, col(GPU_MEMORY_GIB));
    columns.put(PRICING_SUBCATEGORY, col(PRICING_SUBCATEGORY));
    columns.put(USAGE_TYPE, col(USAGE_TYPE));
    columns.put(CREDIT_AMOUNT, col(CREDIT_AMOUNT));
    columns.put(
        RESOURCE_JOIN_KEY,
        ResourceKeys.fromBill(col(PROVIDER_NAME), col(RESOURCE_ID), col(RESOURCE_NAME)));
    columns.put(SOURCE_FORMAT, col(SOURCE_FORMAT));
    columns.put(SOURCE_FILE, col(SOURCE_FILE));
    columns.put(SOURCE_LINE, col(SOURCE_LINE));
    return columns;
  }

  /** The export's column names, in order: the FOCUS columns, then the {@code x_} columns. */
  public static List<String> columnNames() {
    return List.copyOf(columns().keySet());
  }

  /**
   * FOCUS 1.2 SkuPriceDetails (KeyValueFormat, null when SkuPriceId is null) with its InstanceType
   * and GpuCount properties, which FleetCost's FOCUS reader reads back.
   */
  private static Column skuPriceDetails() {
    Column known = col(INSTANCE_TYPE).isNotNull().or(col(GPU_COUNT).isNotNull());
    return when(
        col(SKU_PRICE_ID).isNotNull().and(known),
        to_json(struct(col(INSTANCE_TYPE).as("InstanceType"), col(GPU_COUNT).as("GpuCount"))));
  }

  /**
   * The rows whose ChargePeriodStart falls on the UTC days {@code from} to {@code to}, both
   * included; either may be null (no bound).
   */
  public static Dataset<Row> inChargePeriod(Dataset<Row> normalized, LocalDate from, LocalDate to) {
    Dataset<Row> rows = normalized;
    if (from != null) {
      rows =
          rows.filter(
              col(CHARGE_PERIOD_START)
                  .geq(lit(Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))));
    }
    if (to != null) {
      rows =
          rows.filter(
              col(CHARGE_PERIOD_START)
                  .lt(
                      lit(
                          Timestamp.from(
                              to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))));
    }
    return rows;
  }

  /**
   * The export with Parquet's types: the normalized table's decimals, timestamps, integers and
   * text.
   */
  public static Dataset<Row> typed(Dataset<Row> normalized) {
    List<Column> select = new ArrayList<>();
    columns().forEach((name, expression) -> select.add(expression.as(name)));
    return normalized.select(select.toArray(Column[]::new));
  }

  /** {@link #typed} as CSV text: every column a string, formatted as the class comment says. */
  public static Dataset<Row> text(Dataset<Row> typed) {
    requireUtcSession(typed.sparkSession());
    List<Column> select = new ArrayList<>();
    for (StructField field : typed.schema().fields()) {
      select.add(textOf(field.dataType()).apply(col(field.name())).as(field.name()));
    }
    return typed.select(select.toArray(Column[]::new));
  }

  private static Function<Column, Column> textOf(DataType type) {
    if (type instanceof DecimalType) {
      return FocusExport::plainDecimal;
    }
    if (type.equals(DataTypes.TimestampType)) {
      return value -> date_format(value, FOCUS_DATE_TIME);
    }
    if (type.equals(DataTypes.StringType)) {
      return FocusExport::spreadsheetSafe;
    }
    return value -> value.cast(DataTypes.StringType);
  }

  /**
   * A decimal as written in FOCUS's Numeric Format: plain digits, a leading '-' when negative, no
   * trailing zeros.
   */
  static Column plainDecimal(Column decimal) {
    Column plain = decimal.cast(DataTypes.StringType);
    return when(plain.contains("."), regexp_replace(plain, "\\.?0+$", "")).otherwise(plain);
  }

  /** {@link CsvCells#text} as a column expression, for text cells only. */
  static Column spreadsheetSafe(Column text) {
    return when(text.rlike(CsvCells.FORMULA_START_PATTERN), concat(lit("'"), text)).otherwise(text);
  }

  /**
   * FOCUS date/times are UTC; Spark formats timestamps in the session's zone, which FleetCost sets
   * to UTC.
   */
  private static void requireUtcSession(SparkSession spark) {
    String zone = spark.conf().get("spark.sql.session.timeZone");
    if (!UTC.equals(zone)
        && !"Z".equals(zone)
        && !"+00:00".equals(zone)
        && !"Etc/UTC".equals(zone)) {
      throw FleetCostException.userError(
          "Cannot write the FOCUS export: spark.sql.session.timeZone is %s, and FOCUS date/times are UTC; remove it from"
              + " the job file's spark.conf",
          zone);
    }
  }
}
