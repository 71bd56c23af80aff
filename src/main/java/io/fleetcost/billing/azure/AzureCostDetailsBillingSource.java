package io.fleetcost.billing.azure;

import static io.fleetcost.billing.azure.AzureChargeTypes.PURCHASE;
import static io.fleetcost.billing.azure.AzureChargeTypes.REFUND;
import static io.fleetcost.billing.azure.AzureChargeTypes.RESERVATION;
import static io.fleetcost.billing.azure.AzureChargeTypes.SAVINGS_PLAN;
import static io.fleetcost.billing.azure.AzureChargeTypes.SPOT;
import static io.fleetcost.billing.azure.AzureChargeTypes.UNUSED_RESERVATION;
import static io.fleetcost.billing.azure.AzureChargeTypes.UNUSED_SAVINGS_PLAN;
import static io.fleetcost.billing.azure.AzureChargeTypes.USAGE;
import static io.fleetcost.model.CostColumns.AVAILABILITY_ZONE;
import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.BILLING_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.BILLING_ACCOUNT_NAME;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.BILLING_PERIOD_END;
import static io.fleetcost.model.CostColumns.BILLING_PERIOD_START;
import static io.fleetcost.model.CostColumns.CHARGE_CATEGORY;
import static io.fleetcost.model.CostColumns.CHARGE_CLASS;
import static io.fleetcost.model.CostColumns.CHARGE_DESCRIPTION;
import static io.fleetcost.model.CostColumns.CHARGE_FREQUENCY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_CATEGORY;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_ID;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_NAME;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_STATUS;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_TYPE;
import static io.fleetcost.model.CostColumns.CONSUMED_QUANTITY;
import static io.fleetcost.model.CostColumns.CONSUMED_UNIT;
import static io.fleetcost.model.CostColumns.CONTRACTED_COST;
import static io.fleetcost.model.CostColumns.CONTRACTED_UNIT_PRICE;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.INSTANCE_TYPE;
import static io.fleetcost.model.CostColumns.INVOICE_ID;
import static io.fleetcost.model.CostColumns.INVOICE_ISSUER_NAME;
import static io.fleetcost.model.CostColumns.LIST_COST;
import static io.fleetcost.model.CostColumns.LIST_UNIT_PRICE;
import static io.fleetcost.model.CostColumns.PRICING_CATEGORY;
import static io.fleetcost.model.CostColumns.PRICING_QUANTITY;
import static io.fleetcost.model.CostColumns.PRICING_SUBCATEGORY;
import static io.fleetcost.model.CostColumns.PRICING_UNIT;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.PUBLISHER_NAME;
import static io.fleetcost.model.CostColumns.REGION_ID;
import static io.fleetcost.model.CostColumns.REGION_NAME;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_NAME;
import static io.fleetcost.model.CostColumns.RESOURCE_TYPE;
import static io.fleetcost.model.CostColumns.SERVICE_CATEGORY;
import static io.fleetcost.model.CostColumns.SERVICE_NAME;
import static io.fleetcost.model.CostColumns.SKU_ID;
import static io.fleetcost.model.CostColumns.SKU_PRICE_ID;
import static io.fleetcost.model.CostColumns.SUB_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.SUB_ACCOUNT_NAME;
import static io.fleetcost.model.CostColumns.TAGS;
import static io.fleetcost.model.CostColumns.USAGE_TYPE;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;
import io.fleetcost.billing.Decoding;
import io.fleetcost.billing.DuplicateRows;
import io.fleetcost.billing.InstanceTypeExpressions;
import io.fleetcost.billing.JsonObjectColumn;
import io.fleetcost.billing.NormalizedCostSchema;
import io.fleetcost.billing.NormalizedRows;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.ServiceCategories;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.SourceRows;
import io.fleetcost.billing.SourceValue;
import io.fleetcost.model.ChargeFrequency;
import io.fleetcost.model.PricingSubcategory;
import io.fleetcost.model.ServiceCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads Azure cost-details exports (EA and MCA, every column-name vintage), actual or amortized,
 * after Microsoft's FOCUS mapping (finops-toolkit {@code docs-mslearn/focus/convert.md}):
 *
 * <ul>
 *   <li>Actual cost: BilledCost = EffectiveCost = the cost column (an actual export carries no
 *       amortization).
 *   <li>Amortized cost: EffectiveCost = the cost column, except 0 for purchases and refunds of
 *       reservations and savings plans (their cost already sits on the usage they cover);
 *       BilledCost = the cost column, except 0 for commitment-covered usage and for
 *       unused-commitment rows (they were billed with the purchase).
 *   <li>ChargePeriodEnd = Date + 1 day, BillingPeriodEnd = BillingPeriodEndDate + 1 day: Azure's
 *       end dates are inclusive, FOCUS's exclusive. Dates are MM/DD/YYYY in EA files and ISO in
 *       others; both are read.
 *   <li>Tags come without the outer braces of a JSON object; they are added before parsing.
 * </ul>
 */
final class AzureCostDetailsBillingSource implements BillingSource {
  /**
   * CSV's Tags cells, parsed by the decoder ({@link JsonObjectColumn}) after their braces are
   * added, null values dropped.
   */
  private static final String PARSED_TAGS = "x_SourceParsedTags";

  @Override
  public BillingFormat format() {
    return BillingFormat.AZURE_COST_DETAILS;
  }

  @Override
  public Dataset<Row> read(ReadContext context, List<SourceFile> files) {
    List<Dataset<Row>> normalized = new ArrayList<>();
    for (AzureCostDataset dataset : List.of(AzureCostDataset.ACTUAL, AzureCostDataset.AMORTIZED)) {
      List<SourceFile> group = files.stream().filter(f -> f.azureCostDataset() == dataset).toList();
      if (!group.isEmpty()) {
        Dataset<Row> decoded =
            Decoding.csv(
                context,
                group,
                AzureCostColumns.COLUMNS,
                Decoding.Extra.NONE,
                Decoding.noTags(),
                false,
                Set.of(),
                file -> context.rowIdentity(),
                List.of(
                    new JsonObjectColumn(
                            AzureCostColumns.TAGS, PARSED_TAGS, JsonObjectColumn::withoutNullValues)
                        .withMissingBracesAdded()));
        normalized.add(normalize(new SourceRows(decoded, Set.of()), dataset, context));
      }
    }
    return BillingSource.union(context, normalized);
  }

  /**
   * A row's identity, for overlapping exports ({@link DuplicateRows}), is its whole record within
   * its dataset (cost details have no line id; the same usage row in an actual and an amortized
   * export is not one charge twice).
   */
  static Dataset<Row> normalize(SourceRows source, AzureCostDataset dataset, ReadContext context) {
    NormalizedRows rows =
        new NormalizedRows(
            source, BillingFormat.AZURE_COST_DETAILS.cliName(), NormalizedRows.US_DATE_PATTERNS);
    if (context.rowIdentity()) {
      rows.identity(DuplicateRows.recordIdentity(source, dataset.name()));
    }
    periods(rows, source);
    Column chargeType = chargeCategory(rows, source);
    PricingModel pricing = pricingCategory(rows, source);

    money(rows, source, dataset, chargeType, pricing.model());
    commitment(rows, source, chargeType, pricing.model(), pricing.spot());

    SourceValue currency = source.value(AzureCostColumns.CURRENCY);
    rows.requiredText(BILLING_CURRENCY, currency);
    rows.set(BILLING_CURRENCY, upper(currency.asText()));

    accountsAndPlaces(rows, source);
    resource(rows, source);
    serviceAndUsage(rows, source, context.serviceCategories());

    tags(rows, source, source.value(AzureCostColumns.TAGS));
    additionalInfo(rows, source.value(AzureCostColumns.ADDITIONAL_INFO));
    return rows.build();
  }

  /** A row's pricing model (lower case, without spaces) and whether it is spot. */
  private record PricingModel(Column model, Column spot) {}

  /** Azure's inclusive end dates as FOCUS's exclusive ones. */
  private static void periods(NormalizedRows rows, SourceRows source) {
    rows.requiredTimestamp(CHARGE_PERIOD_START, source.value(AzureCostColumns.DATE));
    rows.set(
        CHARGE_PERIOD_END,
        date_add(rows.get(CHARGE_PERIOD_START), 1).cast(DataTypes.TimestampType));
    rows.timestamp(BILLING_PERIOD_START, source.value(AzureCostColumns.BILLING_PERIOD_START));
    rows.timestamp(BILLING_PERIOD_END, source.value(AzureCostColumns.BILLING_PERIOD_END));
    Column monthStart = date_trunc("month", rows.get(CHARGE_PERIOD_START));
    rows.set(BILLING_PERIOD_START, coalesce(rows.get(BILLING_PERIOD_START), monthStart));
    rows.set(
        BILLING_PERIOD_END,
        coalesce(
            date_add(rows.get(BILLING_PERIOD_END), 1).cast(DataTypes.TimestampType),
            add_months(monthStart, 1).cast(DataTypes.TimestampType)));
  }

  /**
   * The charge category, class and frequency.
   *
   * @return the charge type, lower case without spaces (Usage when there is none)
   */
  private static Column chargeCategory(NormalizedRows rows, SourceRows source) {
    SourceValue chargeTypeValue = source.value(AzureCostColumns.CHARGE_TYPE);
    Column chargeType =
        lower(regexp_replace(coalesce(chargeTypeValue.asText(), lit("Usage")), "\\s", ""));
    Column category = NormalizedRows.lookup(chargeType, AzureChargeTypes.CHARGE_CATEGORY);
    rows.set(CHARGE_CATEGORY, category);
    rows.check(
        "unknown_value:" + CHARGE_CATEGORY,
        category.isNull(),
        concat(
            lit("ChargeType '"),
            chargeTypeValue.asText(),
            lit("' is not a known Azure charge type")));
    rows.set(CHARGE_CLASS, when(chargeType.equalTo(lit(REFUND)), lit("Correction")));
    rows.focusValue(
        CHARGE_FREQUENCY, source.value(AzureCostColumns.FREQUENCY), ChargeFrequency.class, false);
    return chargeType;
  }

  /** The pricing category by pricing model; spot by the model or the meter's name. */
  private static PricingModel pricingCategory(NormalizedRows rows, SourceRows source) {
    SourceValue pricingModelValue = source.value(AzureCostColumns.PRICING_MODEL);
    Column pricingModel = lower(regexp_replace(pricingModelValue.asText(), "\\s", ""));
    Column meterName = lower(coalesce(source.value(AzureCostColumns.METER_NAME).asText(), lit("")));
    Column spot =
        coalesce(pricingModel, lit("")).equalTo(lit(SPOT)).or(meterName.endsWith(" spot"));
    Column fromModel = NormalizedRows.lookup(pricingModel, AzureChargeTypes.PRICING_CATEGORY);
    rows.check(
        "unknown_value:" + PRICING_CATEGORY,
        pricingModelValue.isPresent().and(fromModel.isNull()),
        concat(
            lit("PricingModel '"),
            pricingModelValue.asText(),
            lit("' is not a known Azure pricing model")));
    Column usage = rows.get(CHARGE_CATEGORY).equalTo(lit("Usage"));
    rows.set(
        PRICING_CATEGORY,
        when(spot, lit("Dynamic"))
            .when(fromModel.isNotNull(), fromModel)
            .when(usage, lit("Standard")));
    return new PricingModel(pricingModel, spot);
  }

  private static void accountsAndPlaces(NormalizedRows rows, SourceRows source) {
    rows.set(BILLING_ACCOUNT_ID, source.value(AzureCostColumns.BILLING_ACCOUNT_ID).asText());
    rows.set(BILLING_ACCOUNT_NAME, source.value(AzureCostColumns.BILLING_ACCOUNT_NAME).asText());
    rows.set(SUB_ACCOUNT_ID, source.value(AzureCostColumns.SUBSCRIPTION_ID).asText());
    rows.set(SUB_ACCOUNT_NAME, source.value(AzureCostColumns.SUBSCRIPTION_NAME).asText());
    rows.set(INVOICE_ID, source.value(AzureCostColumns.INVOICE_ID).asText());
    rows.set(PROVIDER_NAME, lit("Microsoft"));
    rows.set(
        PUBLISHER_NAME,
        coalesce(source.value(AzureCostColumns.PUBLISHER_NAME).asText(), lit("Microsoft")));
    rows.set(INVOICE_ISSUER_NAME, lit("Microsoft"));
    Column location = source.value(AzureCostColumns.RESOURCE_LOCATION).asText();
    rows.set(REGION_ID, lower(regexp_replace(location, "\\s", "")));
    rows.set(REGION_NAME, location);
    rows.set(AVAILABILITY_ZONE, source.value(AzureCostColumns.AVAILABILITY_ZONE).asText());
  }

  /** The resource id; its name and type from the id when not given. */
  private static void resource(NormalizedRows rows, SourceRows source) {
    Column resourceId = source.value(AzureCostColumns.RESOURCE_ID).asText();
    rows.set(RESOURCE_ID, resourceId);
    rows.set(
        RESOURCE_NAME,
        coalesce(
            source.value(AzureCostColumns.RESOURCE_NAME).asText(),
            InstanceTypeExpressions.nullIfEmpty(regexp_extract(resourceId, "/([^/]+)$", 1))));
    rows.set(
        RESOURCE_TYPE,
        InstanceTypeExpressions.nullIfEmpty(
            lower(regexp_extract(resourceId, "(?i)/providers/([^/]+/[^/]+)", 1))));
  }

  private static void serviceAndUsage(
      NormalizedRows rows, SourceRows source, ServiceCategories categories) {
    Column consumedService = source.value(AzureCostColumns.CONSUMED_SERVICE).asText();
    rows.set(
        SERVICE_NAME,
        coalesce(source.value(AzureCostColumns.METER_CATEGORY).asText(), consumedService));
    rows.set(
        SERVICE_CATEGORY,
        coalesce(
            NormalizedRows.lookup(lower(consumedService), categories.forProvider("Microsoft")),
            lit(ServiceCategory.OTHER.focusName())));
    rows.set(
        SKU_ID,
        coalesce(
            source.value(AzureCostColumns.PRODUCT_ID).asText(),
            source.value(AzureCostColumns.PART_NUMBER).asText()));
    rows.set(SKU_PRICE_ID, source.value(AzureCostColumns.METER_ID).asText());
    rows.set(CHARGE_DESCRIPTION, source.value(AzureCostColumns.PRODUCT_NAME).asText());
    rows.set(USAGE_TYPE, source.value(AzureCostColumns.METER_NAME).asText());
    SourceValue quantity = source.value(AzureCostColumns.QUANTITY);
    rows.decimal(CONSUMED_QUANTITY, quantity);
    rows.decimal(PRICING_QUANTITY, quantity);
    Column unit = source.value(AzureCostColumns.UNIT_OF_MEASURE).asText();
    rows.set(CONSUMED_UNIT, unit);
    rows.set(PRICING_UNIT, unit);
  }

  private static void money(
      NormalizedRows rows,
      SourceRows source,
      AzureCostDataset dataset,
      Column chargeType,
      Column pricingModel) {
    rows.requiredDecimal(BILLED_COST, source.value(AzureCostColumns.COST));
    Column cost = rows.get(BILLED_COST);
    Column zero = lit(0).cast(NormalizedCostSchema.DECIMAL);
    Column commitmentModel = coalesce(pricingModel, lit("")).isin(RESERVATION, SAVINGS_PLAN);
    if (dataset == AzureCostDataset.AMORTIZED) {
      Column coveredOrUnused =
          chargeType
              .equalTo(lit(USAGE))
              .and(commitmentModel)
              .or(chargeType.isin(UNUSED_RESERVATION, UNUSED_SAVINGS_PLAN));
      rows.set(BILLED_COST, when(coveredOrUnused, zero).otherwise(cost));
      rows.set(
          EFFECTIVE_COST,
          when(chargeType.isin(PURCHASE, REFUND).and(commitmentModel), zero).otherwise(cost));
    } else {
      rows.set(BILLED_COST, cost);
      rows.set(EFFECTIVE_COST, cost);
    }
    rows.decimal(LIST_UNIT_PRICE, source.value(AzureCostColumns.PAYG_PRICE));
    rows.decimal(CONTRACTED_UNIT_PRICE, source.value(AzureCostColumns.UNIT_PRICE));
    rows.decimal("x_PaygCost", source.value(AzureCostColumns.PAYG_COST));
    rows.decimal("x_Quantity", source.value(AzureCostColumns.QUANTITY));
    Column quantity = rows.get("x_Quantity");
    rows.set(
        LIST_COST, coalesce(rows.get("x_PaygCost"), rows.get(LIST_UNIT_PRICE).multiply(quantity)));
    rows.set(CONTRACTED_COST, rows.get(CONTRACTED_UNIT_PRICE).multiply(quantity));
  }

  private static void commitment(
      NormalizedRows rows, SourceRows source, Column chargeType, Column pricingModel, Column spot) {
    Column benefitId =
        coalesce(
            source.value(AzureCostColumns.BENEFIT_ID).asText(),
            source.value(AzureCostColumns.RESERVATION_ID).asText());
    Column benefitName =
        coalesce(
            source.value(AzureCostColumns.BENEFIT_NAME).asText(),
            source.value(AzureCostColumns.RESERVATION_NAME).asText());
    Column lowerId = lower(coalesce(benefitId, lit("")));
    Column model = coalesce(pricingModel, lit(""));
    Column savingsPlan =
        model
            .equalTo(lit(SAVINGS_PLAN))
            .or(chargeType.equalTo(lit(UNUSED_SAVINGS_PLAN)))
            .or(lowerId.contains("/microsoft.billingbenefits/"));
    Column reservation =
        model
            .equalTo(lit(RESERVATION))
            .or(chargeType.equalTo(lit(UNUSED_RESERVATION)))
            .or(lowerId.contains("/microsoft.capacity/"));
    Column commitmentRow = savingsPlan.or(reservation);
    rows.set(COMMITMENT_DISCOUNT_ID, when(commitmentRow, benefitId));
    rows.set(COMMITMENT_DISCOUNT_NAME, when(commitmentRow, benefitName));
    rows.set(
        COMMITMENT_DISCOUNT_TYPE,
        when(savingsPlan, lit("Savings Plan")).when(reservation, lit("Reservation")));
    rows.set(
        COMMITMENT_DISCOUNT_CATEGORY,
        when(savingsPlan, lit("Spend")).when(reservation, lit("Usage")));
    rows.set(
        COMMITMENT_DISCOUNT_STATUS,
        when(chargeType.isin(UNUSED_RESERVATION, UNUSED_SAVINGS_PLAN), lit("Unused"))
            .when(chargeType.equalTo(lit(USAGE)).and(commitmentRow), lit("Used")));
    rows.set(
        PRICING_SUBCATEGORY,
        when(spot, lit(PricingSubcategory.SPOT.label()))
            .when(savingsPlan, lit(PricingSubcategory.SAVINGS_PLAN.label()))
            .when(reservation, lit(PricingSubcategory.RESERVATION.label()))
            .when(model.equalTo(lit("ondemand")), lit(PricingSubcategory.ON_DEMAND.label())));
  }

  private static void tags(NormalizedRows rows, SourceRows source, SourceValue tags) {
    if (source.has(PARSED_TAGS)) {
      rows.set(TAGS, rows.checkedJsonObject(TAGS, tags, source.column(PARSED_TAGS)));
      return;
    }
    Column text = tags.asText();
    Column json = when(text.startsWith("{"), text).otherwise(concat(lit("{"), text, lit("}")));
    Column parsed = rows.jsonObject(TAGS, tags, json);
    rows.set(TAGS, map_filter(parsed, (k, v) -> v.isNotNull()));
  }

  private static void additionalInfo(NormalizedRows rows, SourceValue info) {
    Column text = info.asText();
    rows.jsonObject("AdditionalInfo", info);
    rows.set(
        INSTANCE_TYPE, InstanceTypeExpressions.nullIfEmpty(get_json_object(text, "$.ServiceType")));
  }
}
