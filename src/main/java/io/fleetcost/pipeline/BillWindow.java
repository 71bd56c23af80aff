package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_CATEGORY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.GPU_COUNT;
import static io.fleetcost.model.CostColumns.INSTANCE_TYPE;
import static io.fleetcost.model.CostColumns.PRICING_CATEGORY;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.REGION_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_NAME;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;
import static io.fleetcost.model.CostColumns.SUB_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.TAGS;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.ResourceBill;
import io.fleetcost.scan.BillingGovernance;
import io.fleetcost.telemetry.ResourceKeys;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The billing side of the savings window: the rows whose charge period starts in {@code [start,
 * end)}, summed per provider and currency (the spend and its monthly rate) and per GPU resource
 * (its monthly cost).
 *
 * <p>A provider's bill covers the window from its first charge in it to its last charge end, capped
 * at the window: exports lag by a day or more, and the monthly rate is cost × 730 ÷ covered hours.
 * A resource's billed hours run from its own first charge in the window (it may have been launched
 * since) to the end of its provider's coverage (a resource stopped halfway is charged for the time
 * it ran, over the whole span).
 */
public final class BillWindow {
  private BillWindow() {}

  public static Dataset<Row> inWindow(Dataset<Row> normalized, Instant start, Instant end) {
    return normalized.filter(
        col(CHARGE_PERIOD_START)
            .geq(lit(Timestamp.from(start)))
            .and(col(CHARGE_PERIOD_START).lt(lit(Timestamp.from(end)))));
  }

  /** The columns {@link #spend}, {@link #resources} and {@link #untaggedSpend} read. */
  public static Dataset<Row> columnsUsed(Dataset<Row> rows) {
    return rows.select(
        col(PROVIDER_NAME),
        col(BILLING_CURRENCY),
        col(EFFECTIVE_COST),
        col(CHARGE_PERIOD_START),
        col(CHARGE_PERIOD_END),
        col(CHARGE_CATEGORY),
        col(RESOURCE_ID),
        col(RESOURCE_NAME),
        col(SUB_ACCOUNT_ID),
        col(REGION_ID),
        col(INSTANCE_TYPE),
        col(GPU_COUNT),
        col(PRICING_CATEGORY),
        col(SOURCE_FILE),
        col(SOURCE_LINE),
        col(TAGS));
  }

  /**
   * A window of the bill: the rows whose charge period starts in {@code [start, end)}, and the
   * resources its telemetry saw (billed resources without GPUs count when their key is among them).
   */
  public record Span(Instant start, Instant end, List<String> telemetryKeys) {
    public Span {
      telemetryKeys = telemetryKeys.stream().filter(java.util.Objects::nonNull).distinct().toList();
    }
  }

  /**
   * One window's bill: its spend per provider and currency, its GPU resources and its untagged
   * spend.
   */
  public record Bill(
      List<ProviderSpend> spend, List<ResourceBill> resources, BillingGovernance governance) {}

  /**
   * The index of the window a row is counted in: a row counts in every window its charge starts in.
   */
  static final String WINDOW = "x_Window";

  /**
   * The bills of several windows, in one pass over their rows: a history seeded or backfilled over
   * N dates aggregates the bill N times over, in three Spark jobs, instead of N times three jobs
   * over windows that mostly overlap.
   */
  public static List<Bill> bills(
      SparkSession spark,
      Dataset<Row> normalized,
      List<Span> spans,
      List<String> ownerTags,
      BigDecimal untaggedThreshold) {
    Instant first = spans.stream().map(Span::start).min(Instant::compareTo).orElseThrow();
    Instant last = spans.stream().map(Span::end).max(Instant::compareTo).orElseThrow();
    // the aggregations read the windows' rows: the columns they use are read from the table once
    Dataset<Row> billed =
        columnsUsed(inWindow(normalized, first, last)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> windowed = windowed(spark, billed, spans);
      List<List<ProviderSpend>> spend = spend(windowed, spans);
      List<List<ResourceBill>> resources = resources(spark, windowed, spans, spend);
      List<BillingGovernance> governance =
          untaggedSpend(windowed, spans.size(), ownerTags, untaggedThreshold);
      List<Bill> bills = new ArrayList<>();
      for (int i = 0; i < spans.size(); i++) {
        bills.add(new Bill(spend.get(i), resources.get(i), governance.get(i)));
      }
      return bills;
    } finally {
      billed.unpersist();
    }
  }

  /** Each row once per window it counts in, with the window's index in {@link #WINDOW}. */
  private static Dataset<Row> windowed(SparkSession spark, Dataset<Row> rows, List<Span> spans) {
    List<Row> bounds = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      bounds.add(
          RowFactory.create(
              i, Timestamp.from(spans.get(i).start()), Timestamp.from(spans.get(i).end())));
    }
    StructType schema =
        new StructType()
            .add(WINDOW, DataTypes.IntegerType, false)
            .add("x_WindowStart", DataTypes.TimestampType, false)
            .add("x_WindowEnd", DataTypes.TimestampType, false);
    return rows.join(
            broadcast(spark.createDataFrame(bounds, schema)),
            col(CHARGE_PERIOD_START)
                .geq(col("x_WindowStart"))
                .and(col(CHARGE_PERIOD_START).lt(col("x_WindowEnd"))))
        .drop("x_WindowStart", "x_WindowEnd");
  }

  public static List<ProviderSpend> spend(Dataset<Row> inWindow, Instant start, Instant end) {
    return spend(inWindow.withColumn(WINDOW, lit(0)), List.of(new Span(start, end, List.of())))
        .get(0);
  }

  private static List<List<ProviderSpend>> spend(Dataset<Row> windowed, List<Span> spans) {
    List<List<ProviderSpend>> spend = perWindow(spans.size());
    for (Row row :
        windowed
            .groupBy(col(WINDOW), col(PROVIDER_NAME), col(BILLING_CURRENCY))
            .agg(
                sum(col(EFFECTIVE_COST)),
                count(lit(1)),
                min(col(CHARGE_PERIOD_START)),
                max(col(CHARGE_PERIOD_END)))
            .orderBy(col(WINDOW), col(PROVIDER_NAME), col(BILLING_CURRENCY))
            .collectAsList()) {
      Span span = spans.get(row.getInt(0));
      Instant first = row.getTimestamp(5).toInstant();
      Instant last = row.isNullAt(6) ? span.end() : row.getTimestamp(6).toInstant();
      spend
          .get(row.getInt(0))
          .add(
              new ProviderSpend(
                  orUnknown(row.getString(1)),
                  orUnknown(row.getString(2)),
                  row.isNullAt(3) ? BigDecimal.ZERO : row.getDecimal(3),
                  row.getLong(4),
                  first.isAfter(span.start()) ? first : span.start(),
                  last.isBefore(span.end()) ? last : span.end()));
    }
    return spend;
  }

  /**
   * The resources of the window that have GPUs by their instance type, or whose key is among {@code
   * telemetryKeys}.
   */
  public static List<ResourceBill> resources(
      SparkSession spark,
      Dataset<Row> inWindow,
      List<String> telemetryKeys,
      List<ProviderSpend> spend,
      Instant start) {
    return resources(
            spark,
            inWindow.withColumn(WINDOW, lit(0)),
            List.of(new Span(start, start, telemetryKeys)),
            List.of(spend))
        .get(0);
  }

  private static List<List<ResourceBill>> resources(
      SparkSession spark,
      Dataset<Row> windowed,
      List<Span> spans,
      List<List<ProviderSpend>> spend) {
    Column key = ResourceKeys.fromBill(col(PROVIDER_NAME), col(RESOURCE_ID), col(RESOURCE_NAME));
    Dataset<Row> keyed =
        windowed.withColumn("resource_key", key).filter(col("resource_key").isNotNull());
    List<Row> telemetryKeys = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      for (String telemetryKey : spans.get(i).telemetryKeys()) {
        telemetryKeys.add(RowFactory.create(i, telemetryKey));
      }
    }
    Dataset<Row> keys =
        spark.createDataFrame(
            telemetryKeys,
            new StructType()
                .add("x_KeyWindow", DataTypes.IntegerType, false)
                .add("telemetry_key", DataTypes.StringType, false));
    Column gpuRow = coalesce(col(GPU_COUNT), lit(0)).gt(lit(0));
    // the instance's own rows; its disks and network may share its key (GCP names boot disks after
    // the instance,
    // AWS data transfer carries the instance id) but do not change with its shape
    Column instanceRow = col(INSTANCE_TYPE).isNotNull();
    String[] resource = {WINDOW, PROVIDER_NAME, "resource_key", BILLING_CURRENCY};
    Dataset<Row> summed =
        keyed
            .groupBy(col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
            .agg(
                coalesce(min(when(instanceRow, col(RESOURCE_ID))), min(col(RESOURCE_ID)))
                    .as("resource_id"),
                coalesce(min(when(instanceRow, col(RESOURCE_NAME))), min(col(RESOURCE_NAME)))
                    .as("resource_name"),
                coalesce(min(when(instanceRow, col(SUB_ACCOUNT_ID))), min(col(SUB_ACCOUNT_ID)))
                    .as("account_id"),
                coalesce(min(when(gpuRow, col(REGION_ID))), min(col(REGION_ID))).as("region"),
                coalesce(min(when(gpuRow, col(INSTANCE_TYPE))), min(col(INSTANCE_TYPE)))
                    .as("instance_type"),
                max(coalesce(col(GPU_COUNT), lit(0))).as("gpu_count"),
                // what it is priced as now: the largest of its latest hour's rows (instance rows
                // before others), so a
                // resource moved to spot or under a commitment in the window is taken as it runs
                // today
                max_by(
                        col(PRICING_CATEGORY),
                        struct(
                            when(instanceRow, lit(1)).otherwise(lit(0)),
                            col(CHARGE_PERIOD_START),
                            col(EFFECTIVE_COST),
                            col(PRICING_CATEGORY)))
                    .as("pricing_category"),
                sum(col(EFFECTIVE_COST)).as("all_cost"),
                count(lit(1)).as("all_rows"),
                sum(when(instanceRow, col(EFFECTIVE_COST))).as("instance_cost"),
                count(when(instanceRow, lit(1))).as("instance_rows"),
                coalesce(
                        min(when(instanceRow, col(CHARGE_PERIOD_START))),
                        min(col(CHARGE_PERIOD_START)))
                    .as("first_start"),
                coalesce(
                        max(when(instanceRow, col(CHARGE_PERIOD_END))), max(col(CHARGE_PERIOD_END)))
                    .as("last_end"),
                slice(
                        array_sort(
                            collect_list(
                                struct(
                                    when(instanceRow, lit(0)).otherwise(lit(1)),
                                    col(SOURCE_FILE),
                                    col(SOURCE_LINE)))),
                        1,
                        5)
                    .as("sample_rows"))
            .join(
                broadcast(keys),
                col("resource_key")
                    .equalTo(col("telemetry_key"))
                    .and(col(WINDOW).equalTo(col("x_KeyWindow"))),
                "left")
            .filter(col("gpu_count").gt(lit(0)).or(col("telemetry_key").isNotNull()));
    // the latest value of each tag wins when a resource was re-tagged in the window
    Dataset<Row> tags =
        keyed
            .join(
                summed.select(
                    col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY)),
                resource,
                "left_semi")
            .select(
                col(WINDOW),
                col(PROVIDER_NAME),
                col("resource_key"),
                col(BILLING_CURRENCY),
                col(CHARGE_PERIOD_START),
                explode(col(TAGS)).as(new String[] {"tag_key", "tag_value"}))
            .groupBy(
                col(WINDOW),
                col(PROVIDER_NAME),
                col("resource_key"),
                col(BILLING_CURRENCY),
                col("tag_key"))
            .agg(
                max_by(col("tag_value"), struct(col(CHARGE_PERIOD_START), col("tag_value")))
                    .as("tag_value"))
            .groupBy(col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
            .agg(
                map_from_entries(collect_list(struct(col("tag_key"), col("tag_value"))))
                    .as("tags"));
    List<Map<String, Instant>> coverageEnd = new ArrayList<>();
    for (List<ProviderSpend> windowSpend : spend) {
      Map<String, Instant> ends = new LinkedHashMap<>();
      windowSpend.forEach(s -> ends.put(s.provider() + "|" + s.currency(), s.coveredTo()));
      coverageEnd.add(ends);
    }
    List<List<ResourceBill>> bills = perWindow(spans.size());
    for (Row row :
        summed
            .join(tags, resource, "left")
            .orderBy(col(WINDOW), col(PROVIDER_NAME), col("resource_key"), col(BILLING_CURRENCY))
            .collectAsList()) {
      int window = row.<Integer>getAs(WINDOW);
      bills.get(window).add(resourceBill(row, spans.get(window).start(), coverageEnd.get(window)));
    }
    return bills;
  }

  private static ResourceBill resourceBill(
      Row row, Instant start, Map<String, Instant> coverageEnd) {
    String provider = orUnknown(row.getAs(PROVIDER_NAME));
    String currency = orUnknown(row.getAs(BILLING_CURRENCY));
    Instant first = row.<Timestamp>getAs("first_start").toInstant();
    Instant from = first.isAfter(start) ? first : start;
    Instant to = coverageEnd.getOrDefault(provider + "|" + currency, from);
    List<String> sampleRows = new ArrayList<>();
    for (Row ref : row.<Row>getList(row.fieldIndex("sample_rows"))) {
      sampleRows.add(ref.getString(1) + ":" + ref.get(2));
    }
    long instanceRows = row.<Long>getAs("instance_rows");
    BigDecimal allCost = decimal(row, "all_cost");
    BigDecimal cost = instanceRows > 0 ? decimal(row, "instance_cost") : allCost;
    long rows = instanceRows > 0 ? instanceRows : row.<Long>getAs("all_rows");
    Map<String, String> tagMap =
        row.isNullAt(row.fieldIndex("tags")) ? Map.of() : row.getJavaMap(row.fieldIndex("tags"));
    Timestamp lastEnd = row.getAs("last_end");
    return new ResourceBill(
        provider,
        row.getAs("resource_key"),
        row.getAs("resource_id"),
        row.getAs("account_id"),
        row.getAs("region"),
        currency,
        row.getAs("instance_type"),
        ((Number) row.getAs("gpu_count")).intValue(),
        row.getAs("pricing_category"),
        tagMap,
        new BilledResource.BillingBasis(
            row.getAs("resource_name"),
            cost,
            Math.max(0, Duration.between(from, to).toSeconds() / 3600d),
            rows,
            allCost.subtract(cost),
            row.<Long>getAs("all_rows") - rows,
            first.toString(),
            lastEnd == null ? null : lastEnd.toInstant().toString(),
            coverageEnd.containsKey(provider + "|" + currency) ? to.toString() : null,
            sampleRows));
  }

  private static BigDecimal decimal(Row row, String field) {
    return row.isNullAt(row.fieldIndex(field))
        ? BigDecimal.ZERO
        : row.getDecimal(row.fieldIndex(field));
  }

  /**
   * The usage spend of the window without an owner tag, per currency (tag keys matched ignoring
   * case and separators, like the savings engine's), with the ten largest untagged resources.
   */
  public static BillingGovernance untaggedSpend(
      Dataset<Row> inWindow, List<String> ownerTags, BigDecimal threshold) {
    return untaggedSpend(inWindow.withColumn(WINDOW, lit(0)), 1, ownerTags, threshold).get(0);
  }

  private static List<BillingGovernance> untaggedSpend(
      Dataset<Row> windowed, int windows, List<String> ownerTags, BigDecimal threshold) {
    List<String> wanted = ownerTags.stream().map(BilledResource::tagKey).toList();
    Column owned =
        when(col(TAGS).isNull(), lit(false))
            .otherwise(
                org.apache
                    .spark
                    .sql
                    .functions
                    .size(
                        org.apache.spark.sql.functions.map_filter(
                            col(TAGS),
                            (k, v) ->
                                org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .regexp_replace(
                                        org.apache.spark.sql.functions.lower(k), "[^a-z0-9]", "")
                                    .isin(wanted.toArray())
                                    .and(v.isNotNull())
                                    .and(org.apache.spark.sql.functions.trim(v).notEqual(lit("")))))
                    .gt(lit(0)));
    Dataset<Row> usage =
        windowed.filter(col(CHARGE_CATEGORY).equalTo(lit("Usage"))).withColumn("x_Owned", owned);
    List<List<BillingGovernance.CurrencyShare>> shares = perWindow(windows);
    for (Row row :
        usage
            .groupBy(col(WINDOW), col(BILLING_CURRENCY))
            .agg(
                sum(col(EFFECTIVE_COST)),
                sum(when(col("x_Owned").equalTo(lit(false)), col(EFFECTIVE_COST))))
            .orderBy(col(WINDOW), col(BILLING_CURRENCY))
            .collectAsList()) {
      shares
          .get(row.getInt(0))
          .add(
              new BillingGovernance.CurrencyShare(
                  orUnknown(row.getString(1)),
                  row.isNullAt(2) ? BigDecimal.ZERO : row.getDecimal(2),
                  row.isNullAt(3) ? BigDecimal.ZERO : row.getDecimal(3)));
    }
    List<List<BillingGovernance.UntaggedResource>> largest = perWindow(windows);
    for (Row row :
        usage
            .filter(
                col("x_Owned")
                    .equalTo(lit(false))
                    .and(coalesce(col(RESOURCE_ID), col(RESOURCE_NAME)).isNotNull()))
            .groupBy(
                col(WINDOW),
                col(PROVIDER_NAME),
                coalesce(col(RESOURCE_ID), col(RESOURCE_NAME)).as("resource"),
                col(BILLING_CURRENCY))
            .agg(sum(col(EFFECTIVE_COST)).as("cost"))
            .withColumn(
                "x_Rank",
                row_number()
                    .over(
                        org.apache.spark.sql.expressions.Window.partitionBy(col(WINDOW))
                            .orderBy(
                                col("cost").desc(),
                                col("resource"),
                                col(PROVIDER_NAME),
                                col(BILLING_CURRENCY))))
            .filter(col("x_Rank").leq(lit(10)))
            .orderBy(col(WINDOW), col("x_Rank"))
            .collectAsList()) {
      largest
          .get(row.getInt(0))
          .add(
              new BillingGovernance.UntaggedResource(
                  orUnknown(row.getString(1)),
                  row.getString(2),
                  orUnknown(row.getString(3)),
                  row.getDecimal(4)));
    }
    List<BillingGovernance> governance = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      governance.add(new BillingGovernance(shares.get(i), ownerTags, threshold, largest.get(i)));
    }
    return governance;
  }

  private static <T> List<List<T>> perWindow(int windows) {
    List<List<T>> lists = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }

  /**
   * Rows without a provider or currency are kept by ingest (and counted there); here they group
   * under a name.
   */
  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? "(unknown)" : value;
  }
}
