package io.fleetcost.billing.window;

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
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.ResourceBill;
import io.fleetcost.scan.BillingGovernance;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A resource is matched to the telemetry by a key of its bill rows that the caller passes
 * ({@code resourceKey}: telemetry's {@code ResourceKeys.fromBill}), as the telemetry package reads
 * billing's and the packages have no cycles. The GPU resources are summed by {@link ResourceBills},
 * the untagged spend by {@link UntaggedSpend}.
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
   *
   * @param resourceKey the key of a bill row that the spans' telemetry keys are matched against
   */
  public static List<Bill> bills(
      SparkSession spark,
      Dataset<Row> normalized,
      List<Span> spans,
      Column resourceKey,
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
      List<List<ResourceBill>> resources =
          ResourceBills.resources(spark, windowed, spans, resourceKey, spend);
      List<BillingGovernance> governance =
          UntaggedSpend.untaggedSpend(windowed, spans.size(), ownerTags, untaggedThreshold);
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
   * The resources of the window that have GPUs by their instance type, or whose key ({@code
   * resourceKey}) is among {@code telemetryKeys}.
   */
  public static List<ResourceBill> resources(
      SparkSession spark,
      Dataset<Row> inWindow,
      Column resourceKey,
      List<String> telemetryKeys,
      List<ProviderSpend> spend,
      Instant start) {
    return ResourceBills.resources(
            spark,
            inWindow.withColumn(WINDOW, lit(0)),
            List.of(new Span(start, start, telemetryKeys)),
            resourceKey,
            List.of(spend))
        .get(0);
  }

  /**
   * The usage spend of the window without an owner tag, per currency (tag keys matched ignoring
   * case and separators, like the savings engine's), with the ten largest untagged resources.
   */
  public static BillingGovernance untaggedSpend(
      Dataset<Row> inWindow, List<String> ownerTags, BigDecimal threshold) {
    return UntaggedSpend.untaggedSpend(inWindow.withColumn(WINDOW, lit(0)), 1, ownerTags, threshold)
        .get(0);
  }

  static <T> List<List<T>> perWindow(int windows) {
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
  static String orUnknown(String value) {
    return value == null || value.isBlank() ? "(unknown)" : value;
  }
}
