package io.fleetcost.billing.aws;

import static io.fleetcost.billing.MappedRow.field;
import static io.fleetcost.billing.aws.AwsLineItemTypes.DISCOUNTED_USAGE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.REFUND;
import static io.fleetcost.billing.aws.AwsLineItemTypes.RI_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_COVERED_USAGE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_NEGATION;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_RECURRING_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_UPFRONT_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.USAGE;

import io.fleetcost.billing.CsvDecoder;
import io.fleetcost.billing.DecodedRecord;
import io.fleetcost.billing.DecodedRecordMapping;
import io.fleetcost.billing.InstanceTypeExpressions;
import io.fleetcost.billing.MappedRow;
import io.fleetcost.billing.SparkCasts;
import io.fleetcost.model.CostColumns;
import io.fleetcost.model.PricingSubcategory;
import io.fleetcost.model.ServiceCategory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.Decimal;

/**
 * {@link AwsCurBillingSource}'s mapping of a CUR CSV record (legacy or 2.0) to FOCUS, rule for rule
 * and check for check as its column expressions, run in the decoding task ({@link
 * DecodedRecordMapping}). Parquet CURs keep the expressions. {@code CurCsvMappingTest} runs both
 * over every CUR CSV sample and a file of bad values and compares every column of every row.
 */
final class CurCsvMapping implements DecodedRecordMapping {
  private static final long serialVersionUID = 1L;

  private static final int BILLING_ACCOUNT_ID = field(CostColumns.BILLING_ACCOUNT_ID);
  private static final int BILLING_ACCOUNT_NAME = field(CostColumns.BILLING_ACCOUNT_NAME);
  private static final int SUB_ACCOUNT_ID = field(CostColumns.SUB_ACCOUNT_ID);
  private static final int SUB_ACCOUNT_NAME = field(CostColumns.SUB_ACCOUNT_NAME);
  private static final int INVOICE_ISSUER_NAME = field(CostColumns.INVOICE_ISSUER_NAME);
  private static final int PROVIDER_NAME = field(CostColumns.PROVIDER_NAME);
  private static final int PUBLISHER_NAME = field(CostColumns.PUBLISHER_NAME);
  private static final int INVOICE_ID = field(CostColumns.INVOICE_ID);
  private static final int BILLING_PERIOD_START = field(CostColumns.BILLING_PERIOD_START);
  private static final int BILLING_PERIOD_END = field(CostColumns.BILLING_PERIOD_END);
  private static final int CHARGE_PERIOD_START = field(CostColumns.CHARGE_PERIOD_START);
  private static final int CHARGE_PERIOD_END = field(CostColumns.CHARGE_PERIOD_END);
  private static final int CHARGE_CATEGORY = field(CostColumns.CHARGE_CATEGORY);
  private static final int CHARGE_CLASS = field(CostColumns.CHARGE_CLASS);
  private static final int CHARGE_FREQUENCY = field(CostColumns.CHARGE_FREQUENCY);
  private static final int CHARGE_DESCRIPTION = field(CostColumns.CHARGE_DESCRIPTION);
  private static final int BILLED_COST = field(CostColumns.BILLED_COST);
  private static final int EFFECTIVE_COST = field(CostColumns.EFFECTIVE_COST);
  private static final int LIST_COST = field(CostColumns.LIST_COST);
  private static final int CONTRACTED_COST = field(CostColumns.CONTRACTED_COST);
  private static final int BILLING_CURRENCY = field(CostColumns.BILLING_CURRENCY);
  private static final int LIST_UNIT_PRICE = field(CostColumns.LIST_UNIT_PRICE);
  private static final int CONTRACTED_UNIT_PRICE = field(CostColumns.CONTRACTED_UNIT_PRICE);
  private static final int PRICING_CATEGORY = field(CostColumns.PRICING_CATEGORY);
  private static final int PRICING_QUANTITY = field(CostColumns.PRICING_QUANTITY);
  private static final int PRICING_UNIT = field(CostColumns.PRICING_UNIT);
  private static final int CONSUMED_QUANTITY = field(CostColumns.CONSUMED_QUANTITY);
  private static final int CONSUMED_UNIT = field(CostColumns.CONSUMED_UNIT);
  private static final int COMMITMENT_DISCOUNT_ID = field(CostColumns.COMMITMENT_DISCOUNT_ID);
  private static final int COMMITMENT_DISCOUNT_CATEGORY =
      field(CostColumns.COMMITMENT_DISCOUNT_CATEGORY);
  private static final int COMMITMENT_DISCOUNT_TYPE = field(CostColumns.COMMITMENT_DISCOUNT_TYPE);
  private static final int COMMITMENT_DISCOUNT_STATUS =
      field(CostColumns.COMMITMENT_DISCOUNT_STATUS);
  private static final int REGION_ID = field(CostColumns.REGION_ID);
  private static final int REGION_NAME = field(CostColumns.REGION_NAME);
  private static final int AVAILABILITY_ZONE = field(CostColumns.AVAILABILITY_ZONE);
  private static final int RESOURCE_ID = field(CostColumns.RESOURCE_ID);
  private static final int RESOURCE_NAME = field(CostColumns.RESOURCE_NAME);
  private static final int RESOURCE_TYPE = field(CostColumns.RESOURCE_TYPE);
  private static final int SERVICE_NAME = field(CostColumns.SERVICE_NAME);
  private static final int SERVICE_CATEGORY = field(CostColumns.SERVICE_CATEGORY);
  private static final int SKU_ID = field(CostColumns.SKU_ID);
  private static final int SKU_PRICE_ID = field(CostColumns.SKU_PRICE_ID);
  private static final int TAGS = field(CostColumns.TAGS);
  private static final int INSTANCE_TYPE = field(CostColumns.INSTANCE_TYPE);
  private static final int GPU_COUNT = field(CostColumns.GPU_COUNT);
  private static final int GPU_MEMORY_GIB = field(CostColumns.GPU_MEMORY_GIB);
  private static final int PRICING_SUBCATEGORY = field(CostColumns.PRICING_SUBCATEGORY);
  private static final int USAGE_TYPE = field(CostColumns.USAGE_TYPE);

  private static final Pattern INSTANCE_IN_USAGE_TYPE =
      Pattern.compile(InstanceTypeExpressions.AWS_USAGE_TYPE_PATTERN);
  private static final Pattern AFTER_SLASH = Pattern.compile("/.*$");
  private static final String DEFAULT_ISSUER = "Amazon Web Services, Inc.";

  /**
   * Spark types {@code a - b} and {@code a + b} of two DECIMAL(38,18) as DECIMAL(38,17), rounding
   * half up.
   */
  private static final int SUM_SCALE = 17;

  private final List<String> columns;
  private final String format;
  private final Map<String, String> serviceCategories;
  private final boolean withIdentity;
  private final int productJson;
  private final int tagsJson;
  private final int[] at;

  /**
   * @param columns the decoded columns, in order
   * @param json the decoding's JSON columns by name, in order (CUR 2.0's product map and tags)
   */
  CurCsvMapping(
      List<String> columns,
      List<String> json,
      String format,
      Map<String, String> serviceCategories,
      boolean withIdentity) {
    this.columns = List.copyOf(columns);
    this.format = format;
    this.serviceCategories = new HashMap<>(serviceCategories);
    this.withIdentity = withIdentity;
    this.productJson = json.indexOf(AwsCurColumns.PRODUCT_MAP);
    this.tagsJson = json.indexOf(AwsCurColumns.RESOURCE_TAGS_MAP);
    this.at = new int[Source.values().length];
    for (Source source : Source.values()) {
      at[source.ordinal()] = columns.indexOf(source.column);
    }
  }

  /** The source columns the mapping reads. */
  private enum Source {
    LINE_ITEM_ID(AwsCurColumns.LINE_ITEM_ID),
    TIME_INTERVAL(AwsCurColumns.TIME_INTERVAL),
    INVOICE_ID(AwsCurColumns.INVOICE_ID),
    INVOICING_ENTITY(AwsCurColumns.INVOICING_ENTITY),
    PAYER_ACCOUNT_ID(AwsCurColumns.PAYER_ACCOUNT_ID),
    PAYER_ACCOUNT_NAME(AwsCurColumns.PAYER_ACCOUNT_NAME),
    BILLING_PERIOD_START(AwsCurColumns.BILLING_PERIOD_START),
    BILLING_PERIOD_END(AwsCurColumns.BILLING_PERIOD_END),
    USAGE_ACCOUNT_ID(AwsCurColumns.USAGE_ACCOUNT_ID),
    USAGE_ACCOUNT_NAME(AwsCurColumns.USAGE_ACCOUNT_NAME),
    LINE_ITEM_TYPE(AwsCurColumns.LINE_ITEM_TYPE),
    USAGE_START(AwsCurColumns.USAGE_START),
    USAGE_END(AwsCurColumns.USAGE_END),
    PRODUCT_CODE(AwsCurColumns.PRODUCT_CODE),
    USAGE_TYPE(AwsCurColumns.USAGE_TYPE),
    AVAILABILITY_ZONE(AwsCurColumns.AVAILABILITY_ZONE),
    RESOURCE_ID(AwsCurColumns.RESOURCE_ID),
    USAGE_AMOUNT(AwsCurColumns.USAGE_AMOUNT),
    CURRENCY_CODE(AwsCurColumns.CURRENCY_CODE),
    UNBLENDED_RATE(AwsCurColumns.UNBLENDED_RATE),
    UNBLENDED_COST(AwsCurColumns.UNBLENDED_COST),
    NET_UNBLENDED_COST(AwsCurColumns.NET_UNBLENDED_COST),
    DESCRIPTION(AwsCurColumns.DESCRIPTION),
    LEGAL_ENTITY(AwsCurColumns.LEGAL_ENTITY),
    PRODUCT_NAME(AwsCurColumns.PRODUCT_NAME),
    REGION(AwsCurColumns.REGION),
    REGION_CODE(AwsCurColumns.REGION_CODE),
    LOCATION(AwsCurColumns.LOCATION),
    INSTANCE_TYPE(AwsCurColumns.INSTANCE_TYPE),
    GPU(AwsCurColumns.GPU),
    GPU_MEMORY(AwsCurColumns.GPU_MEMORY),
    PRODUCT_SKU(AwsCurColumns.PRODUCT_SKU),
    RATE_CODE(AwsCurColumns.RATE_CODE),
    RATE_ID(AwsCurColumns.RATE_ID),
    PUBLIC_ON_DEMAND_COST(AwsCurColumns.PUBLIC_ON_DEMAND_COST),
    PUBLIC_ON_DEMAND_RATE(AwsCurColumns.PUBLIC_ON_DEMAND_RATE),
    PRICING_TERM(AwsCurColumns.PRICING_TERM),
    PRICING_UNIT(AwsCurColumns.PRICING_UNIT),
    RESERVATION_ARN(AwsCurColumns.RESERVATION_ARN),
    RESERVATION_EFFECTIVE_COST(AwsCurColumns.RESERVATION_EFFECTIVE_COST),
    RESERVATION_UNUSED_AMORTIZED_FEE(AwsCurColumns.RESERVATION_UNUSED_AMORTIZED_FEE),
    RESERVATION_UNUSED_RECURRING_FEE(AwsCurColumns.RESERVATION_UNUSED_RECURRING_FEE),
    SAVINGS_PLAN_ARN(AwsCurColumns.SAVINGS_PLAN_ARN),
    SAVINGS_PLAN_EFFECTIVE_COST(AwsCurColumns.SAVINGS_PLAN_EFFECTIVE_COST),
    SAVINGS_PLAN_TOTAL_COMMITMENT(AwsCurColumns.SAVINGS_PLAN_TOTAL_COMMITMENT),
    SAVINGS_PLAN_USED_COMMITMENT(AwsCurColumns.SAVINGS_PLAN_USED_COMMITMENT),
    RESOURCE_TAGS(AwsCurColumns.RESOURCE_TAGS_MAP);

    private final String column;

    Source(String column) {
      this.column = column;
    }
  }

  private String value(DecodedRecord record, Source source) {
    int index = at[source.ordinal()];
    return index < 0 ? null : record.values()[index];
  }

  @Override
  public InternalRow map(DecodedRecord record) {
    MappedRow row = new MappedRow(record, format, withIdentity);
    String type = SparkCasts.lower(value(record, Source.LINE_ITEM_TYPE));

    Long start =
        row.requiredTimestamp(
            CostColumns.CHARGE_PERIOD_START,
            AwsCurColumns.USAGE_START,
            value(record, Source.USAGE_START));
    row.timestamp(CHARGE_PERIOD_START, start);
    row.timestamp(
        CHARGE_PERIOD_END,
        row.requiredTimestamp(
            CostColumns.CHARGE_PERIOD_END,
            AwsCurColumns.USAGE_END,
            value(record, Source.USAGE_END)));
    Long periodStart =
        row.timestamp(
            CostColumns.BILLING_PERIOD_START,
            AwsCurColumns.BILLING_PERIOD_START,
            value(record, Source.BILLING_PERIOD_START));
    Long periodEnd =
        row.timestamp(
            CostColumns.BILLING_PERIOD_END,
            AwsCurColumns.BILLING_PERIOD_END,
            value(record, Source.BILLING_PERIOD_END));
    Long monthStart = SparkCasts.monthStart(start);
    row.timestamp(BILLING_PERIOD_START, periodStart != null ? periodStart : monthStart);
    row.timestamp(
        BILLING_PERIOD_END, periodEnd != null ? periodEnd : SparkCasts.plusMonths(monthStart, 1));

    String lineItemType = value(record, Source.LINE_ITEM_TYPE);
    row.require(CostColumns.CHARGE_CATEGORY, AwsCurColumns.LINE_ITEM_TYPE, lineItemType);
    String category = type == null ? null : AwsLineItemTypes.CHARGE_CATEGORY.get(type);
    row.text(CHARGE_CATEGORY, category);
    row.check(
        "unknown_value:" + CostColumns.CHARGE_CATEGORY,
        lineItemType != null && category == null,
        () ->
            AwsCurColumns.LINE_ITEM_TYPE
                + " '"
                + lineItemType
                + "' is not a known CUR line item type");
    row.text(CHARGE_CLASS, REFUND.equals(type) ? "Correction" : null);
    String frequency = type == null ? null : AwsLineItemTypes.CHARGE_FREQUENCY.get(type);
    row.text(CHARGE_FREQUENCY, frequency != null ? frequency : "Usage-Based");

    money(row, record, type);

    String currency = value(record, Source.CURRENCY_CODE);
    row.text(BILLING_CURRENCY, SparkCasts.upper(currency));
    row.require(CostColumns.BILLING_CURRENCY, AwsCurColumns.CURRENCY_CODE, currency);

    pricing(row, record, type);
    LinkedHashMap<String, String> product = json(record, productJson);
    accountsAndPlaces(row, record, product);
    String productCode = value(record, Source.PRODUCT_CODE);
    row.text(SERVICE_NAME, first(value(record, Source.PRODUCT_NAME), productCode));
    String serviceCategory =
        productCode == null ? null : serviceCategories.get(SparkCasts.lower(productCode));
    row.text(
        SERVICE_CATEGORY,
        serviceCategory != null ? serviceCategory : ServiceCategory.OTHER.focusName());
    row.text(SKU_ID, value(record, Source.PRODUCT_SKU));
    row.text(SKU_PRICE_ID, first(value(record, Source.RATE_CODE), value(record, Source.RATE_ID)));
    row.text(CHARGE_DESCRIPTION, value(record, Source.DESCRIPTION));
    row.text(USAGE_TYPE, value(record, Source.USAGE_TYPE));
    String amount = value(record, Source.USAGE_AMOUNT);
    row.decimal(
        CONSUMED_QUANTITY,
        row.decimal(CostColumns.CONSUMED_QUANTITY, AwsCurColumns.USAGE_AMOUNT, amount));
    row.decimal(
        PRICING_QUANTITY,
        row.decimal(CostColumns.PRICING_QUANTITY, AwsCurColumns.USAGE_AMOUNT, amount));
    String unit = value(record, Source.PRICING_UNIT);
    row.text(CONSUMED_UNIT, unit);
    row.text(PRICING_UNIT, unit);
    tags(row, record);
    instance(row, record, product);
    return row.build(columns, withIdentity ? identity(record) : null);
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String first(String a, String b, String c) {
    return a != null ? a : b != null ? b : c;
  }

  private static LinkedHashMap<String, String> json(DecodedRecord record, int index) {
    return index < 0 ? null : record.json().get(index);
  }

  /**
   * {@link AwsCurBillingSource#normalize}'s identity: the line item id and interval, else the whole
   * record.
   */
  private String identity(DecodedRecord record) {
    String id = value(record, Source.LINE_ITEM_ID);
    if (id != null) {
      return "key|" + MappedRow.jsonArray(id, value(record, Source.TIME_INTERVAL));
    }
    return record.sourceRecord() == null ? null : "record||" + record.sourceRecord();
  }

  private void money(MappedRow row, DecodedRecord record, String type) {
    Decimal unblended =
        row.requiredDecimal(
            CostColumns.BILLED_COST,
            AwsCurColumns.UNBLENDED_COST,
            value(record, Source.UNBLENDED_COST));
    row.decimal(CONTRACTED_COST, unblended);
    Decimal net =
        row.decimal(
            "x_NetUnblendedCost",
            AwsCurColumns.NET_UNBLENDED_COST,
            value(record, Source.NET_UNBLENDED_COST));
    Decimal billed = net != null ? net : unblended;
    row.decimal(BILLED_COST, billed);

    Decimal spEffective =
        scratch(row, record, "x_SavingsPlanEffectiveCost", Source.SAVINGS_PLAN_EFFECTIVE_COST);
    Decimal spTotal =
        scratch(row, record, "x_SavingsPlanTotalCommitment", Source.SAVINGS_PLAN_TOTAL_COMMITMENT);
    Decimal spUsed =
        scratch(row, record, "x_SavingsPlanUsedCommitment", Source.SAVINGS_PLAN_USED_COMMITMENT);
    Decimal riEffective =
        scratch(row, record, "x_ReservationEffectiveCost", Source.RESERVATION_EFFECTIVE_COST);
    Decimal riUnusedFee =
        scratch(row, record, "x_ReservationUnusedFee", Source.RESERVATION_UNUSED_AMORTIZED_FEE);
    Decimal riUnusedRecurring =
        scratch(
            row, record, "x_ReservationUnusedRecurring", Source.RESERVATION_UNUSED_RECURRING_FEE);
    Decimal effective;
    if (SAVINGS_PLAN_COVERED_USAGE.equals(type)) {
      effective = orZero(spEffective);
    } else if (SAVINGS_PLAN_RECURRING_FEE.equals(type)) {
      effective =
          sum(orZero(spTotal).toJavaBigDecimal().subtract(orZero(spUsed).toJavaBigDecimal()));
    } else if (SAVINGS_PLAN_NEGATION.equals(type) || SAVINGS_PLAN_UPFRONT_FEE.equals(type)) {
      effective = zero();
    } else if (DISCOUNTED_USAGE.equals(type)) {
      effective = orZero(riEffective);
    } else if (RI_FEE.equals(type)) {
      effective =
          sum(
              orZero(riUnusedFee)
                  .toJavaBigDecimal()
                  .add(orZero(riUnusedRecurring).toJavaBigDecimal()));
    } else if (FEE.equals(type) && value(record, Source.RESERVATION_ARN) != null) {
      effective = zero();
    } else {
      effective = billed;
    }
    row.decimal(EFFECTIVE_COST, effective);

    row.decimal(
        LIST_COST,
        row.decimal(
            CostColumns.LIST_COST,
            AwsCurColumns.PUBLIC_ON_DEMAND_COST,
            value(record, Source.PUBLIC_ON_DEMAND_COST)));
    row.decimal(
        LIST_UNIT_PRICE,
        row.decimal(
            CostColumns.LIST_UNIT_PRICE,
            AwsCurColumns.PUBLIC_ON_DEMAND_RATE,
            value(record, Source.PUBLIC_ON_DEMAND_RATE)));
    row.decimal(
        CONTRACTED_UNIT_PRICE,
        row.decimal(
            CostColumns.CONTRACTED_UNIT_PRICE,
            AwsCurColumns.UNBLENDED_RATE,
            value(record, Source.UNBLENDED_RATE)));
  }

  private Decimal scratch(MappedRow row, DecodedRecord record, String name, Source source) {
    return row.decimal(name, source.column, value(record, source));
  }

  private static Decimal orZero(Decimal value) {
    return value != null ? value : zero();
  }

  private static Decimal zero() {
    return SparkCasts.decimal("0");
  }

  /**
   * A sum or difference of two DECIMAL(38,18) as Spark gives it: at 17 places, half up, then back
   * to 18.
   */
  private static Decimal sum(BigDecimal exact) {
    Decimal rounded = Decimal.apply(exact.setScale(SUM_SCALE, RoundingMode.HALF_UP));
    return rounded.changePrecision(38, 18) ? rounded : null;
  }

  private void pricing(MappedRow row, DecodedRecord record, String type) {
    String term = value(record, Source.PRICING_TERM);
    String termLower = SparkCasts.lower(term);
    String fromTerm = termLower == null ? null : AwsLineItemTypes.PRICING_TERM.get(termLower);
    row.check(
        "unknown_value:" + CostColumns.PRICING_CATEGORY,
        term != null && fromTerm == null,
        () -> AwsCurColumns.PRICING_TERM + " '" + term + "' is not a known CUR pricing term");
    String usageType = value(record, Source.USAGE_TYPE);
    boolean spot =
        SparkCasts.lower(usageType == null ? "" : usageType).contains("spotusage")
            || "spot".equals(termLower);
    boolean savingsPlan =
        SAVINGS_PLAN_COVERED_USAGE.equals(type)
            || SAVINGS_PLAN_NEGATION.equals(type)
            || SAVINGS_PLAN_RECURRING_FEE.equals(type)
            || SAVINGS_PLAN_UPFRONT_FEE.equals(type);
    boolean reservation =
        DISCOUNTED_USAGE.equals(type)
            || RI_FEE.equals(type)
            || (FEE.equals(type) && value(record, Source.RESERVATION_ARN) != null);
    boolean usage = USAGE.equals(type);
    row.text(
        PRICING_CATEGORY,
        spot
            ? "Dynamic"
            : savingsPlan || reservation
                ? "Committed"
                : fromTerm != null ? fromTerm : usage ? "Standard" : null);
    row.text(
        PRICING_SUBCATEGORY,
        spot
            ? PricingSubcategory.SPOT.label()
            : savingsPlan
                ? PricingSubcategory.SAVINGS_PLAN.label()
                : reservation
                    ? PricingSubcategory.RESERVATION.label()
                    : usage ? PricingSubcategory.ON_DEMAND.label() : null);
    row.text(
        COMMITMENT_DISCOUNT_ID,
        savingsPlan || reservation
            ? first(value(record, Source.SAVINGS_PLAN_ARN), value(record, Source.RESERVATION_ARN))
            : null);
    row.text(
        COMMITMENT_DISCOUNT_TYPE,
        savingsPlan ? "Savings Plan" : reservation ? "Reserved Instance" : null);
    row.text(COMMITMENT_DISCOUNT_CATEGORY, savingsPlan ? "Spend" : reservation ? "Usage" : null);
    row.text(
        COMMITMENT_DISCOUNT_STATUS,
        SAVINGS_PLAN_COVERED_USAGE.equals(type) || DISCOUNTED_USAGE.equals(type) ? "Used" : null);
  }

  private void accountsAndPlaces(
      MappedRow row, DecodedRecord record, LinkedHashMap<String, String> product) {
    row.text(BILLING_ACCOUNT_ID, value(record, Source.PAYER_ACCOUNT_ID));
    row.text(BILLING_ACCOUNT_NAME, value(record, Source.PAYER_ACCOUNT_NAME));
    row.text(SUB_ACCOUNT_ID, value(record, Source.USAGE_ACCOUNT_ID));
    row.text(SUB_ACCOUNT_NAME, value(record, Source.USAGE_ACCOUNT_NAME));
    row.text(INVOICE_ID, value(record, Source.INVOICE_ID));
    row.text(PROVIDER_NAME, "AWS");
    row.text(INVOICE_ISSUER_NAME, first(value(record, Source.INVOICING_ENTITY), DEFAULT_ISSUER));
    row.text(PUBLISHER_NAME, first(value(record, Source.LEGAL_ENTITY), DEFAULT_ISSUER));
    row.text(
        REGION_ID,
        first(
            value(record, Source.REGION_CODE),
            value(record, Source.REGION),
            productAttribute(product, "region_code")));
    row.text(REGION_NAME, value(record, Source.LOCATION));
    row.text(AVAILABILITY_ZONE, value(record, Source.AVAILABILITY_ZONE));
    String resourceId = value(record, Source.RESOURCE_ID);
    row.text(RESOURCE_ID, resourceId);
    if (resourceId != null && resourceId.startsWith("arn:")) {
      String[] arn = resourceId.split(":", -1);
      String resource = arn.length >= 6 ? arn[5] : null;
      row.text(RESOURCE_NAME, SparkCasts.nullIfEmpty(resource));
      row.text(
          RESOURCE_TYPE,
          resource == null
              ? null
              : SparkCasts.nullIfEmpty(AFTER_SLASH.matcher(resource).replaceAll("")));
    }
  }

  private void tags(MappedRow row, DecodedRecord record) {
    if (record.sourceTags() != null || tagsJson < 0) {
      row.internal(TAGS, record.sourceTags());
      return;
    }
    LinkedHashMap<String, String> parsed = json(record, tagsJson);
    row.checkJsonObject(
        CostColumns.TAGS,
        AwsCurColumns.RESOURCE_TAGS_MAP,
        value(record, Source.RESOURCE_TAGS),
        parsed);
    row.internal(TAGS, parsed == null ? null : CsvDecoder.textMap(parsed));
  }

  private void instance(
      MappedRow row, DecodedRecord record, LinkedHashMap<String, String> product) {
    row.text(
        INSTANCE_TYPE,
        first(
            value(record, Source.INSTANCE_TYPE),
            productAttribute(product, "instance_type"),
            fromUsageType(value(record, Source.USAGE_TYPE))));
    Integer count =
        SparkCasts.integer(first(value(record, Source.GPU), productAttribute(product, "gpu")));
    row.integer(GPU_COUNT, count);
    // CUR's gpuMemory is the instance's total ("320 GB" on a p4d.24xlarge); the table holds memory
    // per GPU.
    String gpuMemory =
        first(value(record, Source.GPU_MEMORY), productAttribute(product, "gpu_memory"));
    Integer total =
        gpuMemory == null
            ? null
            : SparkCasts.integer(SparkCasts.nullIfEmpty(firstDigits(gpuMemory)));
    row.integer(
        GPU_MEMORY_GIB,
        count != null && count > 0 && total != null ? (int) ((double) total / count) : null);
  }

  /** {@code regexp_extract(text, '([0-9]+)', 1)}. */
  private static String firstDigits(String text) {
    int from = 0;
    while (from < text.length() && (text.charAt(from) < '0' || text.charAt(from) > '9')) {
      from++;
    }
    int to = from;
    while (to < text.length() && text.charAt(to) >= '0' && text.charAt(to) <= '9') {
      to++;
    }
    return text.substring(from, to);
  }

  /**
   * {@link InstanceTypeExpressions#fromAwsUsageType}. A match starts at a colon and holds no other,
   * so it can only start at the last colon: the search starts there.
   */
  static String fromUsageType(String usageType) {
    if (usageType == null) {
      return null;
    }
    int colon = usageType.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    Matcher match = INSTANCE_IN_USAGE_TYPE.matcher(usageType).region(colon, usageType.length());
    return match.find() ? SparkCasts.nullIfEmpty(match.group(1)) : null;
  }

  /** A product attribute from CUR 2.0's {@code product} map, null when empty. */
  private static String productAttribute(LinkedHashMap<String, String> product, String key) {
    return product == null ? null : SparkCasts.nullIfEmpty(product.get(key));
  }
}
