package io.fleetcost.billing.aws;

import static io.fleetcost.model.CostColumns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;
import io.fleetcost.billing.Decoding;
import io.fleetcost.billing.DuplicateRows;
import io.fleetcost.billing.NormalizedRows;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.SourceRows;
import io.fleetcost.billing.SourceValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads Cost Explorer data landed by {@code fleetcost pull}: one FOCUS row per day and group.
 * BilledCost is UnblendedCost; EffectiveCost is NetAmortizedCost when it was pulled, else
 * AmortizedCost, else UnblendedCost. The grouped dimensions fill ServiceName, SubAccountId,
 * RegionId, x_UsageType and x_InstanceType; the record type gives the charge category, the purchase
 * type the pricing category; a tag group gives the row's one tag. There is no resource id: Cost
 * Explorer's resource-level data covers 14 days and needs an opt-in, so idle-GPU findings come from
 * the exports; these rows count in spend, coverage and trends.
 */
final class CostExplorerBillingSource implements BillingSource {
  private static final Set<String> NULL_LITERALS = Set.of();

  @Override
  public BillingFormat format() {
    return BillingFormat.AWS_COST_EXPLORER;
  }

  @Override
  public Dataset<Row> read(ReadContext context, List<SourceFile> files) {
    List<Dataset<Row>> normalized = new ArrayList<>();
    for (Dataset<Row> group :
        Decoding.parquet(
            context,
            files,
            CostExplorerColumns.COLUMNS,
            Decoding.Extra.NONE,
            Decoding.noTags(),
            NULL_LITERALS)) {
      normalized.add(normalize(new SourceRows(group, NULL_LITERALS), context));
    }
    return BillingSource.union(context, normalized);
  }

  static Dataset<Row> normalize(SourceRows source, ReadContext context) {
    NormalizedRows rows = new NormalizedRows(source, BillingFormat.AWS_COST_EXPLORER.cliName());
    if (context.rowIdentity()) {
      rows.identity(DuplicateRows.recordIdentity(source));
    }
    rows.set(PROVIDER_NAME, lit("AWS"));
    rows.set(INVOICE_ISSUER_NAME, lit("Amazon Web Services, Inc."));
    periods(rows, source);
    dimensions(rows, source);
    chargeAndPricing(rows, source);
    costs(rows, source);
    currency(rows, source);
    Column tagKey = source.value(CostExplorerColumns.TAG_KEY).asText();
    Column tagValue = source.value(CostExplorerColumns.TAG_VALUE).asText();
    rows.set(TAGS, when(tagKey.isNotNull().and(tagValue.isNotNull()), map(tagKey, tagValue)));
    return rows.build();
  }

  /** The day of the row; the billing period is its calendar month. */
  private static void periods(NormalizedRows rows, SourceRows source) {
    rows.requiredTimestamp(
        CHARGE_PERIOD_START, source.value(CostExplorerColumns.TIME_PERIOD_START));
    rows.requiredTimestamp(CHARGE_PERIOD_END, source.value(CostExplorerColumns.TIME_PERIOD_END));
    Column monthStart = date_trunc("month", rows.get(CHARGE_PERIOD_START));
    rows.set(BILLING_PERIOD_START, monthStart);
    rows.set(BILLING_PERIOD_END, add_months(monthStart, 1).cast(DataTypes.TimestampType));
  }

  /** The grouped dimensions. */
  private static void dimensions(NormalizedRows rows, SourceRows source) {
    rows.text(SERVICE_NAME, source.value(CostExplorerColumns.SERVICE));
    rows.text(SUB_ACCOUNT_ID, source.value(CostExplorerColumns.LINKED_ACCOUNT));
    rows.text(REGION_ID, source.value(CostExplorerColumns.REGION));
    rows.text(USAGE_TYPE, source.value(CostExplorerColumns.USAGE_TYPE));
    Column instanceType = source.value(CostExplorerColumns.INSTANCE_TYPE).asText();
    rows.set(INSTANCE_TYPE, when(instanceType.notEqual(lit("NoInstanceType")), instanceType));
  }

  /** The charge category and frequency by record type, the pricing category by purchase type. */
  private static void chargeAndPricing(NormalizedRows rows, SourceRows source) {
    Column recordType =
        lower(coalesce(source.value(CostExplorerColumns.RECORD_TYPE).asText(), lit("usage")));
    rows.set(
        CHARGE_CATEGORY,
        when(recordType.equalTo(lit("tax")), lit("Tax"))
            .when(recordType.equalTo(lit("credit")), lit("Credit"))
            .when(recordType.equalTo(lit("refund")), lit("Adjustment"))
            .when(recordType.contains("fee"), lit("Purchase"))
            .otherwise(lit("Usage")));
    rows.set(
        CHARGE_FREQUENCY,
        when(recordType.contains("upfront"), lit("One-Time"))
            .when(recordType.contains("recurring"), lit("Recurring"))
            .otherwise(lit("Usage-Based")));
    Column purchaseType = lower(source.value(CostExplorerColumns.PURCHASE_TYPE).asText());
    rows.set(
        PRICING_CATEGORY,
        when(purchaseType.contains("spot"), lit("Dynamic"))
            .when(purchaseType.contains("on demand"), lit("Standard"))
            .when(
                purchaseType.contains("reserved").or(purchaseType.contains("savings plan")),
                lit("Committed")));
    rows.set(
        PRICING_SUBCATEGORY,
        when(purchaseType.contains("spot"), lit("Spot"))
            .when(purchaseType.contains("on demand"), lit("On-Demand"))
            .when(purchaseType.contains("savings plan"), lit("Savings Plan"))
            .when(purchaseType.contains("reserved"), lit("Reservation")));
  }

  private static void costs(NormalizedRows rows, SourceRows source) {
    SourceValue billed = source.value(CostExplorerColumns.UNBLENDED_COST);
    rows.requiredDecimal(BILLED_COST, billed);
    rows.decimal(EFFECTIVE_COST, source.value(CostExplorerColumns.AMORTIZED_COST));
    Column amortized = rows.get(EFFECTIVE_COST);
    rows.decimal(EFFECTIVE_COST, source.value(CostExplorerColumns.NET_AMORTIZED_COST));
    rows.set(EFFECTIVE_COST, coalesce(rows.get(EFFECTIVE_COST), amortized, rows.get(BILLED_COST)));
    rows.decimal(CONSUMED_QUANTITY, source.value(CostExplorerColumns.USAGE_QUANTITY));
  }

  /** The unblended cost's unit; the amortized cost must be in the same currency. */
  private static void currency(NormalizedRows rows, SourceRows source) {
    SourceValue unit =
        source.value(CostExplorerColumns.UNBLENDED_COST + CostExplorerColumns.UNIT_SUFFIX);
    rows.requiredText(BILLING_CURRENCY, unit);
    rows.set(BILLING_CURRENCY, upper(unit.asText()));
    Column effectiveUnit =
        coalesce(
            source
                .value(CostExplorerColumns.NET_AMORTIZED_COST + CostExplorerColumns.UNIT_SUFFIX)
                .asText(),
            source
                .value(CostExplorerColumns.AMORTIZED_COST + CostExplorerColumns.UNIT_SUFFIX)
                .asText());
    rows.check(
        "currency_mismatch:" + EFFECTIVE_COST,
        effectiveUnit.isNotNull().and(upper(effectiveUnit).notEqual(upper(unit.asText()))),
        concat(
            lit("the amortized cost is in "),
            effectiveUnit,
            lit(", the unblended cost in "),
            unit.asText()));
  }
}
