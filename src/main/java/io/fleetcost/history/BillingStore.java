package io.fleetcost.history;

import static io.fleetcost.model.CostColumns.BILLING_PERIOD_START;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.ROW_IDENTITY_HASH;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;

import io.fleetcost.billing.NormalizedCostSchema;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The kept normalized billing table and its ledger, two Iceberg tables in the history's warehouse
 * (its catalog and namespace, {@link HistoryStore#table}), for incremental billing ingest ({@link
 * BillingIncrement} decides what to read and replace):
 *
 * <ul>
 *   <li>{@value #ROWS}: the normalized table ({@link NormalizedCostSchema#STRUCT}) with {@value
 *       #INPUT} (the job's billing input) and {@value #BILLING_PERIOD} (the first day of the month
 *       of {@code BillingPeriodStart}), partitioned by input, {@code ProviderName} and billing
 *       period, so that replacing an input's periods removes whole data files;
 *   <li>{@value #FILES}: the ledger, one row per billing file ingested: input, path, bytes,
 *       SHA-256, format, the billing periods its rows fell in, and the run id and time of the
 *       ingest; partitioned by input.
 * </ul>
 *
 * A run replaces the rows of the periods it read in one commit ({@link #replace}), then the ledger
 * rows of the inputs that changed in one commit ({@link #writeLedger}): killed between the two, the
 * ledger is behind the rows, and the next run reads those files again and replaces the same periods
 * with the same rows.
 */
public final class BillingStore {
  public static final String ROWS = "billing_rows";
  public static final String FILES = "billing_files";

  /** The job's billing input a row or file belongs to. */
  public static final String INPUT = "input";

  /** The first day of the month of a row's {@code BillingPeriodStart} (UTC). */
  public static final String BILLING_PERIOD = "billing_period";

  private static final String TABLE_PROPERTIES =
      " TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd')";
  private static final String FILES_COLUMNS =
      "input STRING, path STRING, bytes BIGINT, sha256 STRING, format STRING, billing_periods ARRAY<DATE>, run_id STRING,"
          + " ingested_at TIMESTAMP";

  private final SparkSession spark;
  private final HistoryStore history;
  private final Consumer<String> log;
  private final TableCommitHook commitHook;

  private BillingStore(
      SparkSession spark, HistoryStore history, Consumer<String> log, TableCommitHook commitHook) {
    this.spark = spark;
    this.history = history;
    this.log = log;
    this.commitHook = commitHook;
  }

  /**
   * Creates the two tables in the history's catalog when they are missing, and adds to {@value
   * #ROWS} the normalized columns a newer FleetCost has (nullable: rows read before have them
   * empty; {@code run --full} reads them again).
   *
   * @param commitHook called before each commit, with the table's name and the run date
   */
  public static BillingStore open(
      SparkSession spark, HistoryStore history, Consumer<String> log, TableCommitHook commitHook) {
    BillingStore store = new BillingStore(spark, history, log, commitHook);
    try {
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + history.table(ROWS)
              + " ("
              + rowColumns()
              + ") USING iceberg"
              + " PARTITIONED BY ("
              + INPUT
              + ", ProviderName, "
              + BILLING_PERIOD
              + ")"
              + TABLE_PROPERTIES);
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + history.table(FILES)
              + " ("
              + FILES_COLUMNS
              + ") USING iceberg"
              + " PARTITIONED BY ("
              + INPUT
              + ")"
              + TABLE_PROPERTIES);
      Set<String> present =
          new HashSet<>(Arrays.asList(spark.table(history.table(ROWS)).schema().fieldNames()));
      for (StructField field : NormalizedCostSchema.STRUCT.fields()) {
        if (!present.contains(field.name())) {
          log.accept("history: adding column " + field.name() + " to " + ROWS);
          spark.sql(
              "ALTER TABLE "
                  + history.table(ROWS)
                  + " ADD COLUMNS (`"
                  + field.name()
                  + "` "
                  + field.dataType().sql()
                  + ")");
        }
      }
    } catch (RuntimeException e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot open the kept billing tables in " + history.warehouse() + ": " + e.getMessage(),
          e);
    }
    return store;
  }

  private static String rowColumns() {
    StringBuilder ddl = new StringBuilder(INPUT + " STRING, " + BILLING_PERIOD + " DATE");
    for (StructField field : NormalizedCostSchema.STRUCT.fields()) {
      ddl.append(", `").append(field.name()).append("` ").append(field.dataType().sql());
    }
    return ddl.toString();
  }

  /**
   * The billing period of a normalized row: the month of {@code BillingPeriodStart} (of the charge
   * when it has none).
   */
  public static Column billingPeriod() {
    return trunc(to_date(coalesce(col(BILLING_PERIOD_START), col(CHARGE_PERIOD_START))), "month");
  }

  /** The table's full name in Spark SQL. */
  public String table(String name) {
    return history.table(name);
  }

  /** The table's name in its warehouse ({@code namespace.table}), for summaries. */
  public String displayName(String name) {
    String full = history.table(name);
    return full.substring(full.indexOf('.') + 1);
  }

  /** The ledger: every billing file ingested, with the billing periods of its rows. */
  public List<BillingIncrement.Ingested> ledger() {
    List<BillingIncrement.Ingested> entries = new ArrayList<>();
    for (Row row : spark.table(table(FILES)).collectAsList()) {
      SortedSet<YearMonth> periods = new TreeSet<>();
      List<Date> months =
          row.isNullAt(row.fieldIndex("billing_periods"))
              ? List.of()
              : row.getList(row.fieldIndex("billing_periods"));
      months.forEach(m -> periods.add(YearMonth.from(m.toLocalDate())));
      Timestamp at = row.getAs("ingested_at");
      entries.add(
          new BillingIncrement.Ingested(
              row.getAs(INPUT),
              row.getAs("path"),
              row.isNullAt(row.fieldIndex("bytes")) ? -1 : row.<Long>getAs("bytes"),
              row.getAs("sha256"),
              row.getAs("format"),
              periods,
              row.getAs("run_id"),
              at == null ? null : at.toInstant()));
    }
    return entries;
  }

  /**
   * Replaces the rows of {@code periods} with {@code rows}' rows of them, in one commit (no commit
   * when there are no periods). Iceberg removes whole data files: each holds one input's rows of
   * one billing period.
   *
   * @param rows normalized rows ({@link NormalizedCostSchema#STRUCT}'s columns) with {@value
   *     #INPUT}
   */
  public void replace(
      Dataset<Row> rows, SortedSet<BillingIncrement.Period> periods, LocalDate runDate) {
    replace(rows, periods, new TreeSet<>(), Set.of(), runDate);
  }

  /**
   * Replaces the rows of {@code periods} with {@code rows}' rows of them and adds to the {@code
   * appended} periods the rows of {@code appendedFrom}'s files, in one commit (none when there is
   * nothing to do): an overwrite by the filter of the replaced periods whose new data files also
   * hold the appended rows, or an append when nothing is replaced.
   */
  public void replace(
      Dataset<Row> rows,
      SortedSet<BillingIncrement.Period> periods,
      SortedSet<BillingIncrement.Period> appended,
      Set<String> appendedFrom,
      LocalDate runDate) {
    if (periods.isEmpty() && appended.isEmpty()) {
      return;
    }
    Column added =
        appended.isEmpty()
            ? lit(false)
            : ofPeriods(appended).and(col(SOURCE_FILE).isin(appendedFrom.toArray()));
    Column written = periods.isEmpty() ? added : ofPeriods(periods).or(added);
    Dataset<Row> data = aligned(rows.withColumn(BILLING_PERIOD, billingPeriod()).filter(written));
    log.accept(
        "history: "
            + (periods.isEmpty()
                ? ""
                : "replacing " + periods.size() + " billing periods (" + periods + ")")
            + (periods.isEmpty() || appended.isEmpty() ? "" : " and ")
            + (appended.isEmpty() ? "" : "appending to " + appended.size() + " (" + appended + ")")
            + " of "
            + ROWS);
    commitHook.beforeCommit(ROWS, runDate);
    try {
      if (periods.isEmpty()) {
        data.writeTo(table(ROWS)).append();
      } else {
        data.writeTo(table(ROWS)).overwrite(ofPeriods(periods));
      }
    } catch (Exception e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot replace billing periods "
              + periods
              + (appended.isEmpty() ? "" : " or append to " + appended)
              + " in "
              + table(ROWS)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The periods among {@code candidates} whose rows in {@code fresh} share no row identity with the
   * kept rows of the period ({@code x_RowIdentityHash}; equal hashes count as shared, so a
   * collision only costs a replacement) and whose kept rows all have one (a row read before without
   * a comparison, or by an older FleetCost, might be the same row).
   *
   * @param fresh normalized rows with {@value #INPUT}
   */
  public SortedSet<BillingIncrement.Period> disjoint(
      Dataset<Row> fresh, SortedSet<BillingIncrement.Period> candidates) {
    if (candidates.isEmpty()) {
      return new TreeSet<>();
    }
    Column of = ofPeriods(candidates);
    Dataset<Row> kept =
        spark
            .table(table(ROWS))
            .filter(of)
            .select(col(INPUT), col(BILLING_PERIOD), col(ROW_IDENTITY_HASH));
    Dataset<Row> hashes =
        fresh
            .withColumn(BILLING_PERIOD, billingPeriod())
            .filter(of.and(col(ROW_IDENTITY_HASH).isNotNull()))
            .select(col(INPUT), col(BILLING_PERIOD), col(ROW_IDENTITY_HASH))
            .distinct();
    Dataset<Row> shared =
        kept.filter(col(ROW_IDENTITY_HASH).isNotNull())
            .join(
                broadcast(hashes),
                CollectionConverters.asScala(List.of(INPUT, BILLING_PERIOD, ROW_IDENTITY_HASH))
                    .toSeq(),
                "left_semi")
            .select(col(INPUT), col(BILLING_PERIOD))
            .union(
                kept.filter(col(ROW_IDENTITY_HASH).isNull())
                    .select(col(INPUT), col(BILLING_PERIOD)))
            .distinct();
    SortedSet<BillingIncrement.Period> disjoint = new TreeSet<>(candidates);
    for (Row row : shared.collectAsList()) {
      disjoint.remove(
          new BillingIncrement.Period(
              row.getString(0), YearMonth.from(row.getDate(1).toLocalDate())));
    }
    return disjoint;
  }

  /** {@code (input = a AND billing_period IN (…)) OR (input = b AND …)}. */
  static Column ofPeriods(SortedSet<BillingIncrement.Period> periods) {
    Map<String, List<Date>> months = new TreeMap<>();
    periods.forEach(
        p ->
            months
                .computeIfAbsent(p.input(), k -> new ArrayList<>())
                .add(Date.valueOf(p.month().atDay(1))));
    Column filter = null;
    for (Map.Entry<String, List<Date>> entry : months.entrySet()) {
      Column one =
          col(INPUT)
              .equalTo(lit(entry.getKey()))
              .and(col(BILLING_PERIOD).isin(entry.getValue().toArray()));
      filter = filter == null ? one : filter.or(one);
    }
    return filter;
  }

  /** The rows cast to the table's columns, in its order. */
  private Dataset<Row> aligned(Dataset<Row> rows) {
    StructType schema = spark.table(table(ROWS)).schema();
    return rows.select(
        Arrays.stream(schema.fields())
            .map(f -> col("`" + f.name() + "`").cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new));
  }

  /**
   * Replaces the ledger rows of {@code inputs} with {@code entries}' rows of them, in one commit
   * (none when there are no inputs).
   */
  public void writeLedger(
      List<BillingIncrement.Ingested> entries, Set<String> inputs, LocalDate runDate) {
    if (inputs.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (BillingIncrement.Ingested e : entries) {
      if (inputs.contains(e.input())) {
        rows.add(
            RowFactory.create(
                e.input(),
                e.path(),
                e.bytes(),
                e.sha256(),
                e.format(),
                e.periods().stream().map(m -> Date.valueOf(m.atDay(1))).toList(),
                e.runId(),
                e.ingestedAt() == null ? null : Timestamp.from(e.ingestedAt())));
      }
    }
    Dataset<Row> frame = spark.createDataFrame(rows, StructType.fromDDL(FILES_COLUMNS));
    log.accept("history: writing " + FILES + " of " + inputs.size() + " billing inputs");
    commitHook.beforeCommit(FILES, runDate);
    try {
      frame.writeTo(table(FILES)).overwrite(col(INPUT).isin(inputs.toArray()));
    } catch (Exception e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL, "Cannot write " + table(FILES) + ": " + e.getMessage(), e);
    }
  }

  /** The kept rows of the inputs, with exactly the normalized table's columns. */
  public Dataset<Row> rows(Collection<String> inputs) {
    return spark
        .table(table(ROWS))
        .filter(col(INPUT).isin(inputs.toArray()))
        .select(
            Arrays.stream(NormalizedCostSchema.STRUCT.fieldNames())
                .map(n -> col("`" + n + "`"))
                .toArray(Column[]::new));
  }

  /**
   * The input of every file that has rows in the kept table, among {@code inputs}: source file →
   * input.
   */
  public Map<String, String> inputsOfFiles(Collection<String> inputs) {
    Map<String, String> files = new LinkedHashMap<>();
    for (Row row :
        spark
            .table(table(ROWS))
            .filter(col(INPUT).isin(inputs.toArray()))
            .select(col(SOURCE_FILE), col(INPUT))
            .distinct()
            .orderBy(col(SOURCE_FILE))
            .collectAsList()) {
      files.put(row.getString(0), row.getString(1));
    }
    return files;
  }
}
