package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.*;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one schema every billing reader produces (specified in {@code
 * docs/normalized-cost-schema.md}). Money and quantities are {@code DECIMAL(38,18)}: exact for
 * every value the providers export, with 20 integer digits.
 */
public final class NormalizedCostSchema {
  private NormalizedCostSchema() {}

  public static final DecimalType DECIMAL = DataTypes.createDecimalType(38, 18);

  /** One element of {@code x_DuplicateSources}: a copy of the row in another file, not counted. */
  public static final StructType DUPLICATE_SOURCE =
      new StructType()
          .add("File", DataTypes.StringType, true)
          .add("Line", DataTypes.LongType, true)
          .add("CostsDiffer", DataTypes.BooleanType, true);

  public static final StructType STRUCT =
      new StructType(
          new StructField[] {
            text(BILLING_ACCOUNT_ID),
            text(BILLING_ACCOUNT_NAME),
            text(SUB_ACCOUNT_ID),
            text(SUB_ACCOUNT_NAME),
            text(INVOICE_ISSUER_NAME),
            text(PROVIDER_NAME),
            text(PUBLISHER_NAME),
            text(INVOICE_ID),
            field(BILLING_PERIOD_START, DataTypes.TimestampType),
            field(BILLING_PERIOD_END, DataTypes.TimestampType),
            field(CHARGE_PERIOD_START, DataTypes.TimestampType),
            field(CHARGE_PERIOD_END, DataTypes.TimestampType),
            text(CHARGE_CATEGORY),
            text(CHARGE_CLASS),
            text(CHARGE_FREQUENCY),
            text(CHARGE_DESCRIPTION),
            field(BILLED_COST, DECIMAL),
            field(EFFECTIVE_COST, DECIMAL),
            field(LIST_COST, DECIMAL),
            field(CONTRACTED_COST, DECIMAL),
            text(BILLING_CURRENCY),
            field(LIST_UNIT_PRICE, DECIMAL),
            field(CONTRACTED_UNIT_PRICE, DECIMAL),
            text(PRICING_CATEGORY),
            field(PRICING_QUANTITY, DECIMAL),
            text(PRICING_UNIT),
            field(CONSUMED_QUANTITY, DECIMAL),
            text(CONSUMED_UNIT),
            text(COMMITMENT_DISCOUNT_ID),
            text(COMMITMENT_DISCOUNT_NAME),
            text(COMMITMENT_DISCOUNT_CATEGORY),
            text(COMMITMENT_DISCOUNT_TYPE),
            text(COMMITMENT_DISCOUNT_STATUS),
            text(REGION_ID),
            text(REGION_NAME),
            text(AVAILABILITY_ZONE),
            text(RESOURCE_ID),
            text(RESOURCE_NAME),
            text(RESOURCE_TYPE),
            text(SERVICE_NAME),
            text(SERVICE_CATEGORY),
            text(SKU_ID),
            text(SKU_PRICE_ID),
            field(TAGS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true)),
            text(INSTANCE_TYPE),
            text(GPU_MODEL),
            field(GPU_COUNT, DataTypes.IntegerType),
            field(GPU_MEMORY_GIB, DataTypes.IntegerType),
            text(PRICING_SUBCATEGORY),
            text(USAGE_TYPE),
            field(CREDIT_AMOUNT, DECIMAL),
            text(SOURCE_FORMAT),
            text(SOURCE_FILE),
            field(SOURCE_LINE, DataTypes.LongType),
            field(COPY_IN_FILE, DataTypes.IntegerType),
            field(DUPLICATE_SOURCES, DataTypes.createArrayType(DUPLICATE_SOURCE, true)),
            field(ROW_IDENTITY_HASH, DataTypes.LongType)
          });

  /**
   * The quarantine table: the source position, why the row was set aside, and the row as it was
   * read.
   */
  public static final StructType QUARANTINE =
      new StructType(
          new StructField[] {
            text(SOURCE_FORMAT),
            text(SOURCE_FILE),
            field(SOURCE_LINE, DataTypes.LongType),
            text(QUARANTINE_REASON),
            text(QUARANTINE_DETAIL),
            text(RAW_RECORD)
          });

  /**
   * What a {@link BillingSource} returns: the normalized columns, then why a row is quarantined
   * (null if kept).
   */
  public static final StructType WITH_QUARANTINE =
      STRUCT
          .add(QUARANTINE_REASON, DataTypes.StringType, true)
          .add(QUARANTINE_DETAIL, DataTypes.StringType, true)
          .add(RAW_RECORD, DataTypes.StringType, true);

  public static List<String> columnNames() {
    return Arrays.asList(STRUCT.fieldNames());
  }

  public static DataType typeOf(String column) {
    return STRUCT.apply(column).dataType();
  }

  private static StructField text(String name) {
    return field(name, DataTypes.StringType);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
