package io.fleetcost.history;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.telemetry.GpuDays;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the history keeps of the telemetry read so far, so that a night reads only what is new: the
 * daily aggregates ({@code gpu_days}, one row per UTC day, GPU and label set, partitioned by day;
 * {@link GpuDays}) and the ledger of the files they came from ({@code telemetry_files}, one row per
 * file and UTC day of its samples, with the file's size and SHA-256). A night replaces the days it
 * read again in one commit, then rewrites the ledger: a kill between the two leaves files the
 * ledger does not list yet, which the next night reads again.
 */
public final class TelemetryDayStore {
  public static final String GPU_DAYS = "gpu_days";
  public static final String FILES = "telemetry_files";

  static final StructType FILES_SCHEMA =
      new StructType()
          .add("input", DataTypes.StringType, false)
          .add("path", DataTypes.StringType, false)
          .add("bytes", DataTypes.LongType, false)
          .add("sha256", DataTypes.StringType, false)
          .add("day", DataTypes.DateType, true)
          .add("samples", DataTypes.LongType, false)
          .add("newest", DataTypes.TimestampType, true)
          .add("run_id", DataTypes.StringType, false);

  private final SparkSession spark;
  private final HistoryStore store;
  private final Consumer<String> log;

  /**
   * One file's samples of one UTC day as the ledger lists them ({@code day} null, {@code samples}
   * 0: a file without samples).
   */
  public record FileDay(
      String input,
      String path,
      long bytes,
      String sha256,
      LocalDate day,
      long samples,
      Instant newest,
      String runId) {}

  private TelemetryDayStore(SparkSession spark, HistoryStore store, Consumer<String> log) {
    this.spark = spark;
    this.store = store;
    this.log = log;
  }

  /** Opens the two tables in the history's catalog, creating them when missing. */
  public static TelemetryDayStore open(
      SparkSession spark, HistoryStore store, Consumer<String> log) {
    TelemetryDayStore days = new TelemetryDayStore(spark, store, log);
    try {
      days.create(GPU_DAYS, GpuDays.schema(), "PARTITIONED BY (" + GpuDays.DAY + ")");
      days.create(FILES, FILES_SCHEMA, "");
    } catch (RuntimeException e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot open the telemetry tables of the history in "
              + store.warehouse()
              + ": "
              + e.getMessage(),
          e);
    }
    return days;
  }

  private void create(String table, StructType schema, String partitioning) {
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + store.table(table)
            + " ("
            + schema.toDDL()
            + ") USING iceberg "
            + partitioning
            + " TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd')");
  }

  /** Every kept daily aggregate. */
  public Dataset<Row> days() {
    return spark.table(store.table(GPU_DAYS));
  }

  /** The days whose aggregates were computed with other settings than {@code settingsId}. */
  public List<LocalDate> daysNotOf(String settingsId) {
    return days()
        .filter(col(GpuDays.SETTINGS).notEqual(lit(settingsId)))
        .select(GpuDays.DAY)
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getDate(0).toLocalDate())
        .sorted()
        .toList();
  }

  /** The ledger, in no particular order. */
  public List<FileDay> ledger() {
    List<FileDay> rows = new ArrayList<>();
    for (Row r : spark.table(store.table(FILES)).collectAsList()) {
      rows.add(
          new FileDay(
              r.getString(0),
              r.getString(1),
              r.getLong(2),
              r.getString(3),
              r.isNullAt(4) ? null : r.getDate(4).toLocalDate(),
              r.getLong(5),
              r.isNullAt(6) ? null : r.getTimestamp(6).toInstant(),
              r.getString(7)));
    }
    return rows;
  }

  /**
   * Replaces the aggregates of {@code replaced} days by {@code rows} (of those days), in one
   * commit.
   */
  public void replaceDays(Dataset<Row> rows, Collection<LocalDate> replaced) {
    if (replaced.isEmpty()) {
      return;
    }
    log.accept("history: writing " + GPU_DAYS + " for " + replaced.size() + " days");
    StructType schema = spark.table(store.table(GPU_DAYS)).schema();
    Dataset<Row> aligned =
        rows.selectExpr(
            Arrays.stream(schema.fields())
                .map(f -> "CAST(" + f.name() + " AS " + f.dataType().sql() + ") AS " + f.name())
                .toArray(String[]::new));
    Object[] dates = replaced.stream().sorted().map(Date::valueOf).toArray();
    try {
      aligned.writeTo(store.table(GPU_DAYS)).overwrite(col(GpuDays.DAY).isin(dates));
    } catch (Exception e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot write history table " + store.table(GPU_DAYS) + ": " + e.getMessage(),
          e);
    }
  }

  /** Replaces the whole ledger (a few rows per file: one commit, rewriting it). */
  public void writeLedger(List<FileDay> rows) {
    log.accept("history: writing " + FILES + " (" + rows.size() + " file days)");
    List<Row> out = new ArrayList<>(rows.size());
    for (FileDay r : rows) {
      out.add(
          RowFactory.create(
              r.input(),
              r.path(),
              r.bytes(),
              r.sha256(),
              r.day() == null ? null : Date.valueOf(r.day()),
              r.samples(),
              r.newest() == null ? null : Timestamp.from(r.newest()),
              r.runId()));
    }
    try {
      spark.createDataFrame(out, FILES_SCHEMA).writeTo(store.table(FILES)).overwrite(lit(true));
    } catch (Exception e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot write history table " + store.table(FILES) + ": " + e.getMessage(),
          e);
    }
  }
}
