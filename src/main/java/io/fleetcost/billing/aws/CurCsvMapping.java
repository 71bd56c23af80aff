package io.fleetcost.billing.aws;

import static io.fleetcost.billing.MappedRow.field;
import static io.fleetcost.billing.aws.AwsLineItemTypes.REFUND;

import io.fleetcost.billing.CsvDecoder;
import io.fleetcost.billing.DecodedRecord;
import io.fleetcost.billing.DecodedRecordMapping;
import io.fleetcost.billing.InstanceTypeExpressions;
import io.fleetcost.billing.MappedRow;
import io.fleetcost.billing.SparkCasts;
import io.fleetcost.billing.aws.CurCsvColumns.Source;
import io.fleetcost.model.CostColumns;
import io.fleetcost.model.ServiceCategory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.InternalRow;

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
  private static final int BILLING_CURRENCY = field(CostColumns.BILLING_CURRENCY);
  private static final int PRICING_QUANTITY = field(CostColumns.PRICING_QUANTITY);
  private static final int PRICING_UNIT = field(CostColumns.PRICING_UNIT);
  private static final int CONSUMED_QUANTITY = field(CostColumns.CONSUMED_QUANTITY);
  private static final int CONSUMED_UNIT = field(CostColumns.CONSUMED_UNIT);
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
  private static final int USAGE_TYPE = field(CostColumns.USAGE_TYPE);

  private static final Pattern INSTANCE_IN_USAGE_TYPE =
      Pattern.compile(InstanceTypeExpressions.AWS_USAGE_TYPE_PATTERN);
  private static final Pattern AFTER_SLASH = Pattern.compile("/.*$");
  private static final String DEFAULT_ISSUER = "Amazon Web Services, Inc.";

  private final List<String> columns;
  private final String format;
  private final Map<String, String> serviceCategories;
  private final boolean withIdentity;
  private final int productJson;
  private final int tagsJson;
  private final CurCsvColumns sources;
  private final CurCsvCosts costs;

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
    this.sources = new CurCsvColumns(columns);
    this.costs = new CurCsvCosts(sources);
  }

  private String value(DecodedRecord record, Source source) {
    return sources.value(record, source);
  }

  @Override
  public InternalRow map(DecodedRecord record) {
    MappedRow row = new MappedRow(record, format, withIdentity);
    String type = SparkCasts.lower(value(record, Source.LINE_ITEM_TYPE));
    periods(row, record);
    charge(row, record, type);

    costs.money(row, record, type);

    String currency = value(record, Source.CURRENCY_CODE);
    row.text(BILLING_CURRENCY, SparkCasts.upper(currency));
    row.require(CostColumns.BILLING_CURRENCY, AwsCurColumns.CURRENCY_CODE, currency);

    costs.pricing(row, record, type);
    LinkedHashMap<String, String> product = json(record, productJson);
    accountsAndPlaces(row, record, product);
    serviceAndSku(row, record);
    quantities(row, record);
    tags(row, record);
    instance(row, record, product);
    return row.build(columns, withIdentity ? identity(record) : null);
  }

  /** The usage period; a missing billing period is the usage's calendar month. */
  private void periods(MappedRow row, DecodedRecord record) {
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
  }

  /** The charge category, class and frequency by line item type. */
  private void charge(MappedRow row, DecodedRecord record, String type) {
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
  }

  private void serviceAndSku(MappedRow row, DecodedRecord record) {
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
  }

  /** The usage amount as both quantities, the pricing unit as both units. */
  private void quantities(MappedRow row, DecodedRecord record) {
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
