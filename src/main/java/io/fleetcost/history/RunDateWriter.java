package io.fleetcost.history;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a run date's rows to every table, atomically for readers ({@link HistoryStore#write}): the
 * run's rows beside the current ones, then the flip of the date's {@code runs} row, then the
 * removal of the other runs' rows.
 */
final class RunDateWriter {
  private final SparkSession spark;
  private final HistoryWarehouse tables;
  private final Consumer<String> log;
  private final TableCommitHook commitHook;

  RunDateWriter(HistoryWarehouse tables, Consumer<String> log, TableCommitHook commitHook) {
    this.spark = tables.spark();
    this.tables = tables;
    this.log = log;
    this.commitHook = commitHook;
  }

  /** {@link HistoryStore#write}. */
  void write(LocalDate runDate, HistoryStore.DateRecords records) {
    String runId = Objects.requireNonNull(records.run().runId(), "the run's runId is null");
    Date date = Date.valueOf(runDate);
    writeRunRows(
        runDate,
        runId,
        HistoryTables.DAILY_SPEND,
        records.dailySpend().withColumn("run_date", lit(date)));
    writeRunRows(
        runDate,
        runId,
        HistoryTables.GPU_PROFILES,
        frame(HistoryTables.GPU_PROFILES, records.gpuProfiles(), HistoryRows::row));
    writeRunRows(
        runDate,
        runId,
        HistoryTables.OPPORTUNITIES,
        frame(HistoryTables.OPPORTUNITIES, records.opportunities(), HistoryRows::row));
    writeRunRows(
        runDate,
        runId,
        HistoryTables.SECURITY_FINDINGS,
        frame(HistoryTables.SECURITY_FINDINGS, records.findings(), HistoryRows::row));
    writeRunRows(
        runDate,
        runId,
        HistoryTables.REALIZED_SAVINGS,
        frame(HistoryTables.REALIZED_SAVINGS, records.realized(), HistoryRows::row));

    log.accept("history: writing " + HistoryTables.RUNS + " for " + runDate);
    Dataset<Row> run =
        tables.aligned(
            HistoryTables.RUNS, frame(HistoryTables.RUNS, List.of(records.run()), RunRows::row));
    commitHook.beforeCommit(HistoryTables.RUNS, runDate);
    tables.overwrite(HistoryTables.RUNS, run, col("run_date").equalTo(lit(date)), "write");

    for (String table : HistoryTables.POINTED_AT) {
      removeOtherRuns(runDate, runId, table);
    }
  }

  /**
   * Writes the run's rows of the date, replacing only rows of the same run (a retried write of the
   * run), so that the date's current rows stay as they are until the flip.
   */
  private void writeRunRows(LocalDate runDate, String runId, String table, Dataset<Row> rows) {
    log.accept("history: writing " + table + " for " + runDate);
    Dataset<Row> aligned = tables.aligned(table, rows.withColumn("run_id", lit(runId)));
    commitHook.beforeCommit(table, runDate);
    tables.overwrite(
        table,
        aligned,
        HistoryWarehouse.ofDate(runDate).and(col("run_id").equalTo(lit(runId))),
        "write");
  }

  /**
   * Removes the date's rows of every run but {@code runId}, once {@code runs} points at {@code
   * runId}: whole data files, by partition (a file holds the rows of one date and one run), in one
   * commit, and no commit when there are none.
   */
  private void removeOtherRuns(LocalDate runDate, String runId, String table) {
    Expression others =
        Expressions.and(
            Expressions.equal("run_date", runDate.toString()),
            Expressions.or(Expressions.isNull("run_id"), Expressions.notEqual("run_id", runId)));
    if (!tables.hasFiles(table, others)) {
      return;
    }
    log.accept("history: removing older runs' rows of " + table + " for " + runDate);
    commitHook.beforeCleanup(table, runDate);
    try {
      tables.iceberg(table).newDelete().deleteFromRowFilter(others).commit();
    } catch (RuntimeException e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot remove older runs' rows of "
              + runDate
              + " from history table "
              + tables.table(table)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The values as rows of the table, without {@code run_id} for the tables that {@code runs} points
   * at.
   */
  private <T> Dataset<Row> frame(String table, List<T> values, Function<T, Row> toRow) {
    List<Row> rows = new ArrayList<>(values.size());
    for (T value : values) {
      rows.add(toRow.apply(value));
    }
    StructType schema = HistoryWarehouse.schemaOf(table);
    if (!table.equals(HistoryTables.RUNS)) {
      schema =
          new StructType(
              Arrays.stream(schema.fields())
                  .filter(f -> !f.name().equals("run_id"))
                  .toArray(StructField[]::new));
    }
    return spark.createDataFrame(rows, schema);
  }
}
