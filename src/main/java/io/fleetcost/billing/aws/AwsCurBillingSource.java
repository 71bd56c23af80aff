package io.fleetcost.billing.aws;

import static io.fleetcost.billing.aws.AwsLineItemTypes.REFUND;
import static io.fleetcost.model.CostColumns.AVAILABILITY_ZONE;
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
import static io.fleetcost.model.CostColumns.CONSUMED_QUANTITY;
import static io.fleetcost.model.CostColumns.CONSUMED_UNIT;
import static io.fleetcost.model.CostColumns.GPU_COUNT;
import static io.fleetcost.model.CostColumns.GPU_MEMORY_GIB;
import static io.fleetcost.model.CostColumns.INVOICE_ID;
import static io.fleetcost.model.CostColumns.INVOICE_ISSUER_NAME;
import static io.fleetcost.model.CostColumns.PRICING_QUANTITY;
import static io.fleetcost.model.CostColumns.PRICING_UNIT;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.PUBLISHER_NAME;
import static io.fleetcost.model.CostColumns.REGION_ID;
import static io.fleetcost.model.CostColumns.REGION_NAME;
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
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform_keys;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;
import io.fleetcost.billing.Container;
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
import io.fleetcost.model.ServiceCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the AWS Cost and Usage Report: legacy CUR (CSV with {@code lineItem/...} headers, gzip'd or
 * not, or Parquet with snake_case names) and CUR 2.0 (snake_case with the {@code product} and
 * {@code resource_tags} maps, Parquet or CSV with the maps as JSON). Both share one mapping to
 * FOCUS, after the FOCUS converters' rules, written twice: as the column expressions below and in
 * {@link CurCostExpressions} (Parquet) and as {@link CurCsvMapping} with {@link CurCsvCosts}, which
 * CSV files go through in their decoding task, a typed row built once (at fleet scale the
 * expressions' projection was half the ingest's time); {@code CurCsvMappingTest} keeps the two
 * equal, column by column, on every CUR CSV sample and a file of unusual records. A change to a
 * rule is made in both.
 *
 * <ul>
 *   <li>BilledCost = NetUnblendedCost when present, else UnblendedCost.
 *   <li>EffectiveCost by line item type: SavingsPlanCoveredUsage → SavingsPlanEffectiveCost;
 *       SavingsPlanRecurringFee → TotalCommitmentToDate − UsedCommitment (the unused part);
 *       SavingsPlanNegation and SavingsPlanUpfrontFee → 0; DiscountedUsage → reservation
 *       EffectiveCost; RIFee → unused amortized upfront fee + unused recurring fee; a Fee of a
 *       reservation (its upfront payment) → 0; anything else → BilledCost.
 *   <li>PricingCategory from {@code pricing/term} (OnDemand → Standard, Reserved → Committed, Spot
 *       → Dynamic), else from the line: SpotUsage → Dynamic; covered usage → Committed; plain usage
 *       → Standard.
 * </ul>
 */
final class AwsCurBillingSource implements BillingSource {
  /**
   * CUR 2.0 CSV's JSON columns, parsed by the decoder ({@link JsonObjectColumn}); an {@code
   * x_Source} name keeps them out of a quarantined row's raw record. The tags come out already as
   * FOCUS keeps them ({@link #userTags}).
   */
  private static final String PARSED_PRODUCT = "x_SourceParsedProduct";

  private static final String PARSED_TAGS = "x_SourceParsedTags";

  private static final List<JsonObjectColumn> CUR2_CSV_JSON =
      List.of(
          JsonObjectColumn.parsed(AwsCurColumns.PRODUCT_MAP, PARSED_PRODUCT),
          new JsonObjectColumn(
              AwsCurColumns.RESOURCE_TAGS_MAP, PARSED_TAGS, AwsCurBillingSource::userTags));

  private final BillingFormat format;
  private final boolean csvByExpressions;

  AwsCurBillingSource(BillingFormat format) {
    this(format, false);
  }

  /**
   * @param csvByExpressions whether CSV files go through the column expressions of {@link
   *     #normalize} rather than {@link CurCsvMapping} (the same rows, slower; for the test that
   *     compares the two)
   */
  AwsCurBillingSource(BillingFormat format, boolean csvByExpressions) {
    this.format = format;
    this.csvByExpressions = csvByExpressions;
  }

  @Override
  public BillingFormat format() {
    return format;
  }

  @Override
  public Dataset<Row> read(ReadContext context, List<SourceFile> files) {
    boolean cur2 = format == BillingFormat.AWS_CUR2;
    Decoding.Extra extra =
        cur2 ? new Decoding.Extra(AwsCurColumns.CUR2_MAPS.names()) : Decoding.Extra.NONE;
    List<SourceFile> csv =
        files.stream().filter(f -> f.layout().container() == Container.CSV).toList();
    List<SourceFile> parquet =
        files.stream().filter(f -> f.layout().container() == Container.PARQUET).toList();
    List<Dataset<Row>> normalized = new ArrayList<>();
    if (!csv.isEmpty()) {
      normalized.add(readCsv(context, csv, extra, cur2));
    }
    for (Dataset<Row> group :
        Decoding.parquet(
            context,
            parquet,
            AwsCurColumns.COLUMNS,
            extra,
            cur2 ? Decoding.noTags() : AwsCurColumns::tagKey,
            Set.of())) {
      normalized.add(normalize(new SourceRows(group, Set.of()), context));
    }
    return BillingSource.union(context, normalized);
  }

  /** The CSV files, by {@link CurCsvMapping} in the decoding task, or by {@link #normalize}. */
  private Dataset<Row> readCsv(
      ReadContext context, List<SourceFile> csv, Decoding.Extra extra, boolean cur2) {
    List<JsonObjectColumn> json = cur2 ? CUR2_CSV_JSON : List.of();
    Predicate<SourceFile> withRecord = file -> context.rowIdentity() && !hasLineItemId(file);
    if (csvByExpressions) {
      Dataset<Row> decoded =
          Decoding.csv(
              context,
              csv,
              AwsCurColumns.COLUMNS,
              extra,
              AwsCurColumns::tagKey,
              !cur2,
              Set.of(),
              withRecord,
              json);
      return normalize(new SourceRows(decoded, Set.of()), context);
    }
    CurCsvMapping mapping =
        new CurCsvMapping(
            Decoding.outputColumns(AwsCurColumns.COLUMNS, extra),
            json.stream().map(JsonObjectColumn::column).toList(),
            format.cliName(),
            context.serviceCategories().forProvider("AWS"),
            context.rowIdentity());
    StructType schema =
        context.rowIdentity()
            ? NormalizedCostSchema.WITH_QUARANTINE.add(
                DuplicateRows.IDENTITY, DataTypes.StringType, true)
            : NormalizedCostSchema.WITH_QUARANTINE;
    return Decoding.mappedCsv(
        context,
        csv,
        AwsCurColumns.COLUMNS,
        extra,
        AwsCurColumns::tagKey,
        !cur2,
        Set.of(),
        withRecord,
        json,
        mapping,
        schema);
  }

  private static boolean hasLineItemId(SourceFile file) {
    return AwsCurColumns.COLUMNS.resolve(file.layout()).containsKey(AwsCurColumns.LINE_ITEM_ID);
  }

  /**
   * A row's identity, for overlapping deliveries ({@link DuplicateRows}): its line item id and time
   * interval; without an id, the whole record. CSV records are rendered only for files without the
   * id column (rendering every record of a wide CUR would cost more than the key), so a CSV row
   * with an empty id in a file that has the column has no identity and is never dropped; Parquet
   * rows always have their record.
   */
  Dataset<Row> normalize(SourceRows source, ReadContext context) {
    NormalizedRows rows = new NormalizedRows(source, format.cliName());
    if (context.rowIdentity()) {
      rows.identity(
          coalesce(
              DuplicateRows.keyIdentity(
                  source.value(AwsCurColumns.LINE_ITEM_ID).asText(),
                  source.value(AwsCurColumns.TIME_INTERVAL).asText()),
              DuplicateRows.recordIdentity(source)));
    }
    Column type = lower(source.value(AwsCurColumns.LINE_ITEM_TYPE).asText());
    periods(rows, source);
    charge(rows, source, type);

    CurCostExpressions.money(rows, source, type);

    SourceValue currency = source.value(AwsCurColumns.CURRENCY_CODE);
    rows.requiredText(BILLING_CURRENCY, currency);
    rows.set(BILLING_CURRENCY, upper(currency.asText()));

    CurCostExpressions.pricing(rows, source, type);
    accountsAndPlaces(rows, source);
    serviceAndSku(rows, source, context.serviceCategories());
    SourceValue amount = source.value(AwsCurColumns.USAGE_AMOUNT);
    rows.decimal(CONSUMED_QUANTITY, amount);
    rows.decimal(PRICING_QUANTITY, amount);
    rows.set(CONSUMED_UNIT, source.value(AwsCurColumns.PRICING_UNIT).asText());
    rows.set(PRICING_UNIT, source.value(AwsCurColumns.PRICING_UNIT).asText());
    tags(rows, source);
    instance(rows, source);
    return rows.build();
  }

  /** The usage period; a missing billing period is the usage's calendar month. */
  private static void periods(NormalizedRows rows, SourceRows source) {
    rows.requiredTimestamp(CHARGE_PERIOD_START, source.value(AwsCurColumns.USAGE_START));
    rows.requiredTimestamp(CHARGE_PERIOD_END, source.value(AwsCurColumns.USAGE_END));
    rows.timestamp(BILLING_PERIOD_START, source.value(AwsCurColumns.BILLING_PERIOD_START));
    rows.timestamp(BILLING_PERIOD_END, source.value(AwsCurColumns.BILLING_PERIOD_END));
    Column monthStart = date_trunc("month", rows.get(CHARGE_PERIOD_START));
    rows.set(BILLING_PERIOD_START, coalesce(rows.get(BILLING_PERIOD_START), monthStart));
    rows.set(
        BILLING_PERIOD_END,
        coalesce(
            rows.get(BILLING_PERIOD_END), add_months(monthStart, 1).cast(DataTypes.TimestampType)));
  }

  /**
   * The charge category, class and frequency by line item type.
   *
   * @param type the line item type, lower case
   */
  private static void charge(NormalizedRows rows, SourceRows source, Column type) {
    SourceValue lineItemType = source.value(AwsCurColumns.LINE_ITEM_TYPE);
    rows.requiredText(CHARGE_CATEGORY, lineItemType);
    Column category = NormalizedRows.lookup(type, AwsLineItemTypes.CHARGE_CATEGORY);
    rows.set(CHARGE_CATEGORY, category);
    rows.check(
        "unknown_value:" + CHARGE_CATEGORY,
        lineItemType.isPresent().and(category.isNull()),
        concat(
            lit(AwsCurColumns.LINE_ITEM_TYPE + " '"),
            lineItemType.asText(),
            lit("' is not a known CUR line item type")));
    rows.set(CHARGE_CLASS, when(type.equalTo(lit(REFUND)), lit("Correction")));
    rows.set(
        CHARGE_FREQUENCY,
        coalesce(
            NormalizedRows.lookup(type, AwsLineItemTypes.CHARGE_FREQUENCY), lit("Usage-Based")));
  }

  private static void serviceAndSku(
      NormalizedRows rows, SourceRows source, ServiceCategories categories) {
    rows.set(
        SERVICE_NAME,
        coalesce(
            source.value(AwsCurColumns.PRODUCT_NAME).asText(),
            source.value(AwsCurColumns.PRODUCT_CODE).asText()));
    rows.set(
        SERVICE_CATEGORY,
        coalesce(
            NormalizedRows.lookup(
                lower(source.value(AwsCurColumns.PRODUCT_CODE).asText()),
                categories.forProvider("AWS")),
            lit(ServiceCategory.OTHER.focusName())));
    rows.set(SKU_ID, source.value(AwsCurColumns.PRODUCT_SKU).asText());
    rows.set(
        SKU_PRICE_ID,
        coalesce(
            source.value(AwsCurColumns.RATE_CODE).asText(),
            source.value(AwsCurColumns.RATE_ID).asText()));
    rows.set(CHARGE_DESCRIPTION, source.value(AwsCurColumns.DESCRIPTION).asText());
    rows.set(USAGE_TYPE, source.value(AwsCurColumns.USAGE_TYPE).asText());
  }

  private static void accountsAndPlaces(NormalizedRows rows, SourceRows source) {
    rows.set(BILLING_ACCOUNT_ID, source.value(AwsCurColumns.PAYER_ACCOUNT_ID).asText());
    rows.set(BILLING_ACCOUNT_NAME, source.value(AwsCurColumns.PAYER_ACCOUNT_NAME).asText());
    rows.set(SUB_ACCOUNT_ID, source.value(AwsCurColumns.USAGE_ACCOUNT_ID).asText());
    rows.set(SUB_ACCOUNT_NAME, source.value(AwsCurColumns.USAGE_ACCOUNT_NAME).asText());
    rows.set(INVOICE_ID, source.value(AwsCurColumns.INVOICE_ID).asText());
    rows.set(PROVIDER_NAME, lit("AWS"));
    rows.set(
        INVOICE_ISSUER_NAME,
        coalesce(
            source.value(AwsCurColumns.INVOICING_ENTITY).asText(),
            lit("Amazon Web Services, Inc.")));
    rows.set(
        PUBLISHER_NAME,
        coalesce(
            source.value(AwsCurColumns.LEGAL_ENTITY).asText(), lit("Amazon Web Services, Inc.")));
    rows.set(
        REGION_ID,
        coalesce(
            source.value(AwsCurColumns.REGION_CODE).asText(),
            source.value(AwsCurColumns.REGION).asText(),
            productAttribute(source, "region_code")));
    rows.set(REGION_NAME, source.value(AwsCurColumns.LOCATION).asText());
    rows.set(AVAILABILITY_ZONE, source.value(AwsCurColumns.AVAILABILITY_ZONE).asText());
    Column resourceId = source.value(AwsCurColumns.RESOURCE_ID).asText();
    rows.set(io.fleetcost.model.CostColumns.RESOURCE_ID, resourceId);
    Column arn = when(resourceId.startsWith("arn:"), split(resourceId, ":"));
    rows.set(
        RESOURCE_NAME,
        when(arn.isNotNull(), InstanceTypeExpressions.nullIfEmpty(try_element_at(arn, lit(6)))));
    rows.set(
        RESOURCE_TYPE,
        when(
            arn.isNotNull(),
            InstanceTypeExpressions.nullIfEmpty(
                regexp_replace(try_element_at(arn, lit(6)), "/.*$", ""))));
  }

  private static void tags(NormalizedRows rows, SourceRows source) {
    if (source.has(SourceRows.SOURCE_TAGS)) {
      rows.set(TAGS, source.column(SourceRows.SOURCE_TAGS));
      return;
    }
    SourceValue tags = source.value(AwsCurColumns.RESOURCE_TAGS_MAP);
    if (source.has(PARSED_TAGS)) {
      rows.set(TAGS, rows.checkedJsonObject(TAGS, tags, source.column(PARSED_TAGS)));
      return;
    }
    Column map = tags.type() instanceof MapType ? tags.column() : rows.jsonObject(TAGS, tags);
    Column userKeys = transform_keys(map, (k, v) -> regexp_replace(k, "^" + USER_TAG_PREFIX, ""));
    rows.set(TAGS, map_filter(userKeys, (k, v) -> v.isNotNull().and(v.notEqual(lit("")))));
  }

  private static final String USER_TAG_PREFIX = "user_";

  /**
   * CUR 2.0's tags as FOCUS keeps them: user tags without their {@code user_} prefix, and no empty
   * values. As the map expressions above do: a key that two entries come to share keeps its first
   * place and its last value (FleetCost's {@code spark.sql.mapKeyDedupPolicy} is LAST_WIN), and
   * empty values are dropped after that.
   */
  static LinkedHashMap<String, String> userTags(LinkedHashMap<String, String> parsed) {
    LinkedHashMap<String, String> keyed = new LinkedHashMap<>();
    parsed.forEach(
        (key, value) ->
            keyed.put(
                key.startsWith(USER_TAG_PREFIX) ? key.substring(USER_TAG_PREFIX.length()) : key,
                value));
    keyed.values().removeIf(value -> value == null || value.isEmpty());
    return keyed;
  }

  private static void instance(NormalizedRows rows, SourceRows source) {
    Column fromUsageType =
        InstanceTypeExpressions.fromAwsUsageType(source.value(AwsCurColumns.USAGE_TYPE).asText());
    rows.set(
        io.fleetcost.model.CostColumns.INSTANCE_TYPE,
        coalesce(
            source.value(AwsCurColumns.INSTANCE_TYPE).asText(),
            productAttribute(source, "instance_type"),
            fromUsageType));
    Column gpu =
        coalesce(source.value(AwsCurColumns.GPU).asText(), productAttribute(source, "gpu"));
    rows.set(GPU_COUNT, gpu.try_cast(DataTypes.IntegerType));
    // CUR's gpuMemory is the instance's total ("320 GB" on a p4d.24xlarge); the table holds memory
    // per GPU.
    Column gpuMemory =
        coalesce(
            source.value(AwsCurColumns.GPU_MEMORY).asText(),
            productAttribute(source, "gpu_memory"));
    Column totalMemory =
        InstanceTypeExpressions.nullIfEmpty(regexp_extract(gpuMemory, "([0-9]+)", 1))
            .try_cast(DataTypes.IntegerType);
    Column count = rows.get(GPU_COUNT);
    rows.set(
        GPU_MEMORY_GIB,
        when(count.gt(lit(0)), totalMemory.divide(count).cast(DataTypes.IntegerType)));
  }

  /**
   * A product attribute from CUR 2.0's {@code product} map (a map in Parquet, JSON text in CSV).
   */
  private static Column productAttribute(SourceRows source, String key) {
    if (!source.has(AwsCurColumns.PRODUCT_MAP)) {
      return lit(null).cast(DataTypes.StringType);
    }
    SourceValue product = source.value(AwsCurColumns.PRODUCT_MAP);
    Column map =
        product.type() instanceof MapType
            ? product.column()
            : source.has(PARSED_PRODUCT)
                ? source.column(PARSED_PRODUCT)
                : NormalizedRows.parseJsonObject(product.asText());
    return InstanceTypeExpressions.nullIfEmpty(
        try_element_at(map, lit(key)).cast(DataTypes.StringType));
  }
}
