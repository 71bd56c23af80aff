package io.fleetcost.billing.gcp;

import static io.fleetcost.model.CostColumns.*;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;
import io.fleetcost.billing.Container;
import io.fleetcost.billing.Decoding;
import io.fleetcost.billing.DuplicateRows;
import io.fleetcost.billing.InstanceTypeExpressions;
import io.fleetcost.billing.JsonLinesDecoder;
import io.fleetcost.billing.NormalizedCostSchema;
import io.fleetcost.billing.NormalizedRows;
import io.fleetcost.billing.ReadContext;
import io.fleetcost.billing.ServiceCategories;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.SourceRows;
import io.fleetcost.billing.SourceValue;
import io.fleetcost.model.PricingSubcategory;
import io.fleetcost.model.ServiceCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the Cloud Billing export to BigQuery, as newline-delimited JSON (what {@code bq extract}
 * and {@code EXPORT DATA} write) or Parquet, standard or detailed table.
 *
 * <ul>
 *   <li>BilledCost = {@code cost} (before credits); EffectiveCost = {@code cost} + Σ {@code
 *       credits[].amount} (credits are negative), not floored, so that it reconciles with the
 *       export; the credit sum is kept in {@code x_CreditAmount}.
 *   <li>BillingPeriodStart/End from {@code invoice.month}, a month in US Pacific time, converted to
 *       UTC.
 *   <li>Tags = project labels overlaid with resource labels.
 *   <li>Spot / preemptible SKUs → PricingCategory Dynamic; usage covered by committed-use-discount
 *       credits → Committed; "Commitment …" SKUs are the commitment fees → ChargeCategory Purchase.
 * </ul>
 */
final class GcpBigQueryBillingSource implements BillingSource {
  private static final MapType TEXT_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
  private static final String PACIFIC = "America/Los_Angeles";
  private static final String MACHINE_SPEC_LABEL = "compute.googleapis.com/machine_spec";
  private static final Map<String, String> COST_TYPES =
      Map.of(
          "regular",
          "Usage",
          "tax",
          "Tax",
          "adjustment",
          "Adjustment",
          "rounding_error",
          "Adjustment");

  @Override
  public BillingFormat format() {
    return BillingFormat.GCP_BIGQUERY;
  }

  @Override
  public Dataset<Row> read(ReadContext context, List<SourceFile> files) {
    List<Dataset<Row>> normalized = new ArrayList<>();
    List<JsonLinesDecoder.FileTask> jsonTasks =
        files.stream()
            .filter(f -> f.layout().container() == Container.JSON_LINES)
            .map(f -> new JsonLinesDecoder.FileTask(f.path(), f.displayPath()))
            .toList();
    if (!jsonTasks.isEmpty()) {
      Dataset<Row> lines =
          new JsonLinesDecoder(context.spark(), context.rowsDecoded()).decode(jsonTasks);
      normalized.add(normalize(new SourceRows(parseJson(lines), Set.of()), context));
    }
    List<SourceFile> parquet =
        files.stream().filter(f -> f.layout().container() == Container.PARQUET).toList();
    for (Dataset<Row> group :
        Decoding.parquet(
            context,
            parquet,
            GcpExportColumns.COLUMNS,
            Decoding.Extra.NONE,
            Decoding.noTags(),
            Set.of())) {
      normalized.add(normalize(new SourceRows(group, Set.of()), context));
    }
    return BillingSource.union(context, normalized);
  }

  static Dataset<Row> parseJson(Dataset<Row> lines) {
    Column parsed =
        from_json(
            col(RAW_RECORD),
            GcpBillingExportSchema.JSON,
            Map.of(
                "mode",
                "PERMISSIVE",
                "columnNameOfCorruptRecord",
                GcpBillingExportSchema.CORRUPT_RECORD));
    List<Column> columns = new ArrayList<>();
    columns.add(col(SOURCE_FILE));
    columns.add(col(SOURCE_LINE));
    columns.add(col(RAW_RECORD));
    columns.add(trim(col(RAW_RECORD)).as(SourceRows.SOURCE_RECORD));
    Dataset<Row> withParsed = lines.withColumn("x_Parsed", parsed);
    for (String field : GcpBillingExportSchema.JSON.fieldNames()) {
      if (!field.equals(GcpBillingExportSchema.CORRUPT_RECORD)) {
        columns.add(col("x_Parsed").getField(field).as(field));
      }
    }
    columns.add(
        when(
                col("x_Parsed").getField(GcpBillingExportSchema.CORRUPT_RECORD).isNotNull(),
                lit("the line is not a JSON object of the billing export's schema"))
            .as(SourceRows.DECODE_ERROR));
    return withParsed.select(columns.toArray(new Column[0]));
  }

  /**
   * The identity of a row, for overlapping extracts ({@link DuplicateRows}): the whole line (or
   * Parquet row), so {@code export_time} is part of it. The export is append-only: late usage and
   * corrections arrive as further rows with a later export_time, and Google's own queries sum every
   * row; only the same line twice is the same row.
   */
  static Dataset<Row> normalize(SourceRows source, ReadContext context) {
    Fields fields = new Fields(source);
    NormalizedRows rows = new NormalizedRows(source, BillingFormat.GCP_BIGQUERY.cliName());
    if (context.rowIdentity()) {
      rows.identity(DuplicateRows.recordIdentity(source));
    }

    rows.requiredTimestamp(CHARGE_PERIOD_START, fields.value("usage_start_time"));
    rows.requiredTimestamp(CHARGE_PERIOD_END, fields.value("usage_end_time"));
    billingPeriod(rows, fields.value("invoice", "month"));

    Column skuDescription = fields.value("sku", "description").asText();
    Column commitmentFee = coalesce(skuDescription.rlike(GcpSkus.COMMITMENT_PATTERN), lit(false));
    Column usage = chargeCategory(rows, fields, commitmentFee);
    costs(rows, fields);
    SourceValue currency = fields.value("currency");
    rows.requiredText(BILLING_CURRENCY, currency);
    rows.set(BILLING_CURRENCY, upper(currency.asText()));

    accountsAndService(rows, fields, context.serviceCategories());
    skuPlaceAndUsage(rows, fields, skuDescription);
    tags(rows, fields);
    pricing(rows, fields, skuDescription, commitmentFee, usage);
    gpu(rows, fields, skuDescription);
    return rows.build();
  }

  /**
   * The charge category by cost type (a commitment's fee is a purchase) and its frequency.
   *
   * @return the category by cost type alone, Usage when there is none
   */
  private static Column chargeCategory(NormalizedRows rows, Fields fields, Column commitmentFee) {
    SourceValue costType = fields.value("cost_type");
    Column category = NormalizedRows.lookup(lower(costType.asText()), COST_TYPES);
    rows.check(
        "unknown_value:" + CHARGE_CATEGORY,
        costType.isPresent().and(category.isNull()),
        concat(
            lit("cost_type '"),
            costType.asText(),
            lit("' is not a known billing export cost type")));
    Column usage = coalesce(category, lit("Usage"));
    rows.set(
        CHARGE_CATEGORY,
        when(usage.equalTo(lit("Usage")).and(commitmentFee), lit("Purchase")).otherwise(usage));
    rows.set(
        CHARGE_FREQUENCY,
        when(commitmentFee, lit("Recurring"))
            .when(usage.equalTo(lit("Usage")), lit("Usage-Based")));
    return usage;
  }

  /** The cost, its credits, and EffectiveCost = cost + credits. */
  private static void costs(NormalizedRows rows, Fields fields) {
    SourceValue cost = fields.value("cost");
    rows.requiredDecimal(BILLED_COST, cost);
    rows.set(CONTRACTED_COST, rows.get(BILLED_COST));
    credits(rows, fields);
    rows.set(
        EFFECTIVE_COST,
        rows.get(BILLED_COST)
            .plus(coalesce(rows.get(CREDIT_AMOUNT), lit(0).cast(NormalizedCostSchema.DECIMAL))));
    rows.decimal(LIST_COST, fields.value("cost_at_list"));
    rows.decimal(CONTRACTED_UNIT_PRICE, fields.value("price", "effective_price"));
  }

  private static void accountsAndService(
      NormalizedRows rows, Fields fields, ServiceCategories categories) {
    rows.set(BILLING_ACCOUNT_ID, fields.value("billing_account_id").asText());
    rows.set(SUB_ACCOUNT_ID, fields.value("project", "id").asText());
    rows.set(SUB_ACCOUNT_NAME, fields.value("project", "name").asText());
    rows.set(PROVIDER_NAME, lit("Google Cloud"));
    rows.set(PUBLISHER_NAME, coalesce(fields.value("seller_name").asText(), lit("Google Cloud")));
    rows.set(INVOICE_ISSUER_NAME, lit("Google Cloud"));
    Column serviceName = fields.value("service", "description").asText();
    rows.set(SERVICE_NAME, serviceName);
    rows.set(
        SERVICE_CATEGORY,
        coalesce(
            NormalizedRows.lookup(lower(serviceName), categories.forProvider("Google Cloud")),
            lit(ServiceCategory.OTHER.focusName())));
  }

  private static void skuPlaceAndUsage(NormalizedRows rows, Fields fields, Column skuDescription) {
    rows.set(SKU_ID, fields.value("sku", "id").asText());
    rows.set(CHARGE_DESCRIPTION, skuDescription);
    rows.set(USAGE_TYPE, skuDescription);
    rows.set(
        REGION_ID,
        coalesce(
            fields.value("location", "region").asText(),
            fields.value("location", "location").asText()));
    rows.set(AVAILABILITY_ZONE, fields.value("location", "zone").asText());
    rows.set(RESOURCE_ID, fields.value("resource", "global_name").asText());
    rows.set(RESOURCE_NAME, fields.value("resource", "name").asText());
    rows.decimal(CONSUMED_QUANTITY, fields.value("usage", "amount"));
    rows.set(CONSUMED_UNIT, fields.value("usage", "unit").asText());
    rows.decimal(PRICING_QUANTITY, fields.value("usage", "amount_in_pricing_units"));
    rows.set(PRICING_UNIT, fields.value("usage", "pricing_unit").asText());
  }

  private static void billingPeriod(NormalizedRows rows, SourceValue invoiceMonth) {
    Column pacificMonthStart =
        try_to_timestamp(concat(invoiceMonth.asText(), lit("01")), lit("yyyyMMdd"));
    rows.check(
        "unparseable_timestamp:" + BILLING_PERIOD_START,
        invoiceMonth.isPresent().and(pacificMonthStart.isNull()),
        concat(lit("invoice.month '"), invoiceMonth.asText(), lit("' is not a YYYYMM month")));
    Column usageMonthStart =
        date_trunc("month", from_utc_timestamp(rows.get(CHARGE_PERIOD_START), PACIFIC));
    Column monthStart = coalesce(pacificMonthStart, usageMonthStart);
    rows.set(BILLING_PERIOD_START, to_utc_timestamp(monthStart, PACIFIC));
    rows.set(
        BILLING_PERIOD_END,
        to_utc_timestamp(add_months(monthStart, 1).cast(DataTypes.TimestampType), PACIFIC));
  }

  private static void credits(NormalizedRows rows, Fields fields) {
    if (!fields.has("credits")) {
      rows.set(CREDIT_AMOUNT, lit(null));
      return;
    }
    Column credits = fields.column("credits");
    Column zero = lit(0).cast(NormalizedCostSchema.DECIMAL);
    Column sum =
        aggregate(
            credits,
            zero,
            (acc, credit) ->
                acc.plus(
                        coalesce(
                            credit.getField("amount").try_cast(NormalizedCostSchema.DECIMAL), zero))
                    .cast(NormalizedCostSchema.DECIMAL));
    rows.set(CREDIT_AMOUNT, when(credits.isNotNull(), sum));
    rows.check(
        "unparseable_decimal:" + CREDIT_AMOUNT,
        coalesce(
            exists(
                credits,
                c ->
                    c.getField("amount")
                        .isNotNull()
                        .and(c.getField("amount").try_cast(NormalizedCostSchema.DECIMAL).isNull())),
            lit(false)),
        lit("a credits[].amount is not a decimal number"));
  }

  private static void tags(NormalizedRows rows, Fields fields) {
    Column empty = map().cast(TEXT_MAP);
    Column projectLabels =
        fields.has("project", "labels")
            ? map_from_entries(fields.column("project", "labels"))
            : empty;
    Column labels = fields.has("labels") ? map_from_entries(fields.column("labels")) : empty;
    Column merged = map_concat(coalesce(projectLabels, empty), coalesce(labels, empty));
    rows.set(TAGS, map_filter(merged.cast(TEXT_MAP), (k, v) -> v.isNotNull()));
  }

  private static void pricing(
      NormalizedRows rows,
      Fields fields,
      Column skuDescription,
      Column commitmentFee,
      Column category) {
    Column spot = coalesce(skuDescription.rlike(GcpSkus.SPOT_PATTERN), lit(false));
    Column cudCredit = lit(null).cast(DataTypes.StringType);
    Column cudId = lit(null).cast(DataTypes.StringType);
    if (fields.has("credits")) {
      Column cud =
          filter(
              fields.column("credits"),
              c -> upper(c.getField("type")).startsWith("COMMITTED_USAGE_DISCOUNT"));
      Column first = try_element_at(cud, lit(1));
      cudCredit = upper(first.getField("type"));
      cudId = coalesce(first.getField("id"), first.getField("name"));
    }
    Column committed = cudCredit.isNotNull().or(commitmentFee);
    Column usage = category.equalTo(lit("Usage"));
    rows.set(
        PRICING_CATEGORY,
        when(spot, lit("Dynamic")).when(committed, lit("Committed")).when(usage, lit("Standard")));
    rows.set(
        PRICING_SUBCATEGORY,
        when(spot, lit(PricingSubcategory.SPOT.label()))
            .when(committed, lit(PricingSubcategory.COMMITTED_USE.label()))
            .when(usage, lit(PricingSubcategory.ON_DEMAND.label())));
    rows.set(COMMITMENT_DISCOUNT_ID, when(cudCredit.isNotNull(), cudId));
    rows.set(COMMITMENT_DISCOUNT_TYPE, when(committed, lit("Committed Use Discount")));
    rows.set(
        COMMITMENT_DISCOUNT_CATEGORY,
        when(cudCredit.endsWith("DOLLAR_BASE"), lit("Spend"))
            .when(cudCredit.isNotNull(), lit("Usage")));
    rows.set(COMMITMENT_DISCOUNT_STATUS, when(cudCredit.isNotNull(), lit("Used")));
  }

  private static void gpu(NormalizedRows rows, Fields fields, Column skuDescription) {
    Column machineSpec = lit(null).cast(DataTypes.StringType);
    if (fields.has("system_labels")) {
      Column matches =
          filter(
              fields.column("system_labels"),
              l -> l.getField("key").equalTo(lit(MACHINE_SPEC_LABEL)));
      machineSpec = try_element_at(matches, lit(1)).getField("value");
    }
    rows.set(INSTANCE_TYPE, InstanceTypeExpressions.nullIfEmpty(machineSpec));
    Column skuGpu =
        InstanceTypeExpressions.nullIfEmpty(
            regexp_extract(skuDescription, GcpSkus.GPU_MODEL_PATTERN, 1));
    rows.set(GPU_MODEL, upper(regexp_extract(skuGpu, "^(\\S+)", 1)));
    rows.set(
        GPU_MEMORY_GIB,
        InstanceTypeExpressions.nullIfEmpty(regexp_extract(skuGpu, "(?i)([0-9]+)\\s*gb", 1))
            .try_cast(DataTypes.IntegerType));
    Column seconds =
        unix_seconds(rows.get(CHARGE_PERIOD_END))
            .minus(unix_seconds(rows.get(CHARGE_PERIOD_START)));
    Column gpuSeconds = fields.value("usage", "amount").column().try_cast(DataTypes.DoubleType);
    Column unit = lower(fields.value("usage", "unit").asText());
    rows.set(
        GPU_COUNT,
        when(
            skuGpu.isNotNull().and(unit.equalTo(lit("seconds"))).and(seconds.gt(lit(0))),
            round(gpuSeconds.divide(seconds)).cast(DataTypes.IntegerType)));
  }

  /** Nested fields of the export, whether they exist in this file or not. */
  private static final class Fields {
    private final SourceRows source;

    Fields(SourceRows source) {
      this.source = source;
    }

    boolean has(String top, String... path) {
      if (!source.has(top)) {
        return false;
      }
      DataType type = source.type(top);
      for (String name : path) {
        if (!(type instanceof StructType struct) || !List.of(struct.fieldNames()).contains(name)) {
          return false;
        }
        type = struct.apply(name).dataType();
      }
      return true;
    }

    Column column(String top, String... path) {
      Column column = source.column(top);
      for (String name : path) {
        column = column.getField(name);
      }
      return column;
    }

    SourceValue value(String top, String... path) {
      String label = path.length == 0 ? top : top + "." + String.join(".", path);
      if (!has(top, path)) {
        return SourceValue.missing(label);
      }
      DataType type = source.type(top);
      for (String name : path) {
        type = ((StructType) type).apply(name).dataType();
      }
      Column column = column(top, path);
      if (DataTypes.StringType.sameType(type)) {
        return SourceValue.text(source.cleanText(column), label);
      }
      return new SourceValue(column, type, label);
    }
  }
}
