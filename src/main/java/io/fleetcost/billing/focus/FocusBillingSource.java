package io.fleetcost.billing.focus;

import static io.fleetcost.model.CostColumns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;
import io.fleetcost.billing.Container;
import io.fleetcost.billing.Decoding;
import io.fleetcost.billing.DuplicateRows;
import io.fleetcost.billing.InstanceTypeExpressions;
import io.fleetcost.billing.JsonObjectColumn;
import io.fleetcost.billing.NormalizedRows;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.SourceRows;
import io.fleetcost.billing.SourceValue;
import io.fleetcost.model.ChargeCategory;
import io.fleetcost.model.ChargeClass;
import io.fleetcost.model.ChargeFrequency;
import io.fleetcost.model.CommitmentDiscountCategory;
import io.fleetcost.model.CommitmentDiscountStatus;
import io.fleetcost.model.PricingCategory;
import io.fleetcost.model.PricingSubcategory;
import io.fleetcost.model.ServiceCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * Reads FOCUS files (1.0-preview to 1.3 columns; CSV or Parquet), including the AWS and Azure FOCUS
 * exports. Values are validated against FOCUS's allowed values after case normalization, so {@code
 * Usage-based} reads as {@code Usage-Based}; the literal {@code NULL} of the official sample reads
 * as null.
 */
final class FocusBillingSource implements BillingSource {
  private static final Set<String> NULL_LITERALS = Set.of("NULL");
  private static final MapType TAG_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  /** The columns taken as they are, as text. */
  private static final List<String> TEXT_COLUMNS =
      List.of(
          BILLING_ACCOUNT_ID,
          BILLING_ACCOUNT_NAME,
          SUB_ACCOUNT_ID,
          SUB_ACCOUNT_NAME,
          INVOICE_ISSUER_NAME,
          PROVIDER_NAME,
          PUBLISHER_NAME,
          INVOICE_ID,
          CHARGE_DESCRIPTION,
          PRICING_UNIT,
          CONSUMED_UNIT,
          COMMITMENT_DISCOUNT_ID,
          COMMITMENT_DISCOUNT_NAME,
          COMMITMENT_DISCOUNT_TYPE,
          REGION_ID,
          REGION_NAME,
          AVAILABILITY_ZONE,
          RESOURCE_ID,
          RESOURCE_NAME,
          RESOURCE_TYPE,
          SERVICE_NAME,
          SKU_ID,
          SKU_PRICE_ID);

  /** The decimal columns that may be empty. */
  private static final List<String> OPTIONAL_DECIMALS =
      List.of(
          LIST_COST,
          CONTRACTED_COST,
          LIST_UNIT_PRICE,
          CONTRACTED_UNIT_PRICE,
          PRICING_QUANTITY,
          CONSUMED_QUANTITY);

  @Override
  public BillingFormat format() {
    return BillingFormat.FOCUS;
  }

  /** CSV's Tags cells, parsed by the decoder ({@link JsonObjectColumn}), null values dropped. */
  private static final String PARSED_TAGS = "x_SourceParsedTags";

  @Override
  public Dataset<Row> read(ReadContext context, List<SourceFile> files) {
    List<Dataset<Row>> normalized = new ArrayList<>();
    List<SourceFile> csv =
        files.stream().filter(f -> f.layout().container() == Container.CSV).toList();
    List<SourceFile> parquet =
        files.stream().filter(f -> f.layout().container() == Container.PARQUET).toList();
    if (!csv.isEmpty()) {
      normalized.add(
          normalize(
              new SourceRows(
                  Decoding.csv(
                      context,
                      csv,
                      FocusColumns.COLUMNS,
                      Decoding.Extra.NONE,
                      Decoding.noTags(),
                      false,
                      NULL_LITERALS,
                      file -> context.rowIdentity(),
                      List.of(
                          new JsonObjectColumn(
                              TAGS, PARSED_TAGS, JsonObjectColumn::withoutNullValues))),
                  NULL_LITERALS),
              context));
    }
    if (!parquet.isEmpty()) {
      for (Dataset<Row> group :
          Decoding.parquet(
              context,
              parquet,
              FocusColumns.COLUMNS,
              Decoding.Extra.NONE,
              Decoding.noTags(),
              NULL_LITERALS)) {
        normalized.add(normalize(new SourceRows(group, NULL_LITERALS), context));
      }
    }
    return BillingSource.union(context, normalized);
  }

  /**
   * A row's identity, for overlapping exports ({@link DuplicateRows}), is its whole record: FOCUS
   * has no line id.
   */
  static Dataset<Row> normalize(SourceRows source, ReadContext context) {
    NormalizedRows rows = new NormalizedRows(source, BillingFormat.FOCUS.cliName());
    if (context.rowIdentity()) {
      rows.identity(DuplicateRows.recordIdentity(source));
    }
    for (String text : TEXT_COLUMNS) {
      rows.text(text, source.value(text));
    }
    periods(rows, source);
    focusValues(rows, source);
    costs(rows, source);
    SourceValue currency = source.value(BILLING_CURRENCY);
    rows.requiredText(BILLING_CURRENCY, currency);
    rows.set(BILLING_CURRENCY, upper(currency.asText()));

    tags(rows, source, source.value(TAGS));
    instanceAndGpu(rows, source);
    return rows.build();
  }

  /** The charge period as given; a missing billing period is the charge's calendar month. */
  private static void periods(NormalizedRows rows, SourceRows source) {
    rows.requiredTimestamp(CHARGE_PERIOD_START, source.value(CHARGE_PERIOD_START));
    rows.requiredTimestamp(CHARGE_PERIOD_END, source.value(CHARGE_PERIOD_END));
    rows.timestamp(BILLING_PERIOD_START, source.value(BILLING_PERIOD_START));
    rows.timestamp(BILLING_PERIOD_END, source.value(BILLING_PERIOD_END));
    Column monthStart = date_trunc("month", rows.get(CHARGE_PERIOD_START));
    rows.set(BILLING_PERIOD_START, coalesce(rows.get(BILLING_PERIOD_START), monthStart));
    rows.set(
        BILLING_PERIOD_END,
        coalesce(
            rows.get(BILLING_PERIOD_END), add_months(monthStart, 1).cast(DataTypes.TimestampType)));
  }

  /** The enumerated columns, each in FOCUS's spelling. */
  private static void focusValues(NormalizedRows rows, SourceRows source) {
    rows.focusValue(CHARGE_CATEGORY, source.value(CHARGE_CATEGORY), ChargeCategory.class, true);
    rows.focusValue(CHARGE_CLASS, source.value(CHARGE_CLASS), ChargeClass.class, false);
    rows.focusValue(CHARGE_FREQUENCY, source.value(CHARGE_FREQUENCY), ChargeFrequency.class, false);
    rows.focusValue(PRICING_CATEGORY, source.value(PRICING_CATEGORY), PricingCategory.class, false);
    rows.focusValue(
        COMMITMENT_DISCOUNT_CATEGORY,
        source.value(COMMITMENT_DISCOUNT_CATEGORY),
        CommitmentDiscountCategory.class,
        false);
    rows.focusValue(
        COMMITMENT_DISCOUNT_STATUS,
        source.value(COMMITMENT_DISCOUNT_STATUS),
        CommitmentDiscountStatus.class,
        false);
    rows.focusValue(SERVICE_CATEGORY, source.value(SERVICE_CATEGORY), ServiceCategory.class, false);
  }

  private static void costs(NormalizedRows rows, SourceRows source) {
    rows.requiredDecimal(BILLED_COST, source.value(BILLED_COST));
    rows.requiredDecimal(EFFECTIVE_COST, source.value(EFFECTIVE_COST));
    for (String decimal : OPTIONAL_DECIMALS) {
      rows.decimal(decimal, source.value(decimal));
    }
  }

  private static void tags(NormalizedRows rows, SourceRows source, SourceValue tags) {
    if (source.has(PARSED_TAGS)) {
      rows.set(TAGS, rows.checkedJsonObject(TAGS, tags, source.column(PARSED_TAGS)));
      return;
    }
    Column parsed;
    if (tags.type() instanceof MapType) {
      parsed = tags.column().cast(TAG_MAP);
    } else {
      parsed = rows.jsonObject(TAGS, tags);
    }
    rows.set(TAGS, map_filter(parsed, (k, v) -> v.isNotNull()));
  }

  private static void instanceAndGpu(NormalizedRows rows, SourceRows source) {
    Column details = source.value(FocusColumns.SKU_PRICE_DETAILS).asText();
    Column usageType = source.value(FocusColumns.AWS_USAGE_TYPE).asText();
    Column azureDetails = source.value(FocusColumns.AZURE_SKU_DETAILS).asText();
    Column instanceType =
        coalesce(
            InstanceTypeExpressions.nullIfEmpty(get_json_object(details, "$.InstanceType")),
            InstanceTypeExpressions.fromAwsUsageType(usageType),
            InstanceTypeExpressions.nullIfEmpty(get_json_object(azureDetails, "$.ServiceType")));
    rows.set(INSTANCE_TYPE, instanceType);
    rows.set(GPU_COUNT, get_json_object(details, "$.GpuCount").try_cast(DataTypes.IntegerType));
    rows.set(
        USAGE_TYPE,
        coalesce(usageType, source.value(FocusColumns.AZURE_METER_SUBCATEGORY).asText()));

    Column pricing = rows.get(PRICING_CATEGORY);
    Column azureSubcategory = lower(source.value(FocusColumns.AZURE_PRICING_SUBCATEGORY).asText());
    Column commitmentType = lower(rows.get(COMMITMENT_DISCOUNT_TYPE));
    Column spotHint =
        lower(coalesce(usageType, lit("")))
            .contains("spotusage")
            .or(coalesce(azureSubcategory, lit("")).contains("spot"))
            .or(lower(coalesce(rows.get(CHARGE_DESCRIPTION), lit(""))).contains("spot"));
    rows.set(
        PRICING_SUBCATEGORY,
        when(pricing.equalTo(lit("Dynamic")).and(spotHint), lit(PricingSubcategory.SPOT.label()))
            .when(
                pricing.equalTo(lit("Committed")).and(commitmentType.contains("savings")),
                lit(PricingSubcategory.SAVINGS_PLAN.label()))
            .when(
                pricing.equalTo(lit("Committed")).and(commitmentType.contains("reserv")),
                lit(PricingSubcategory.RESERVATION.label()))
            .when(
                pricing.equalTo(lit("Committed")).and(commitmentType.contains("committed use")),
                lit(PricingSubcategory.COMMITTED_USE.label()))
            .when(pricing.equalTo(lit("Standard")), lit(PricingSubcategory.ON_DEMAND.label())));
  }
}
