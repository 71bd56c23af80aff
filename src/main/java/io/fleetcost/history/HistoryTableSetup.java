package io.fleetcost.history;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * Opening a warehouse's history tables: creates the namespace and any missing table, refuses a
 * warehouse that the other kind of catalog committed, and upgrades a warehouse written by an older
 * FleetCost before anything reads or writes it.
 */
final class HistoryTableSetup {
  private final SparkSession spark;
  private final HistoryWarehouse tables;
  private final Consumer<String> log;

  HistoryTableSetup(HistoryWarehouse tables, Consumer<String> log) {
    this.spark = tables.spark();
    this.tables = tables;
    this.log = log;
  }

  /**
   * Drops the catalog's cached tables, so that the next attempt reads what the other run committed.
   */
  void refreshCreated() {
    for (String table : HistoryTables.ALL) {
      try {
        if (spark.catalog().tableExists(tables.table(table))) {
          spark.sql("REFRESH TABLE " + tables.table(table));
        }
      } catch (RuntimeException e) {
        log.accept(
            "history: cannot refresh "
                + table
                + " ("
                + e.getMessage()
                + ")"); // the next attempt tells why
      }
    }
  }

  /**
   * Creates the namespace and any missing table, and upgrades the tables of an older FleetCost: one
   * attempt of {@link HistoryStore#open}.
   */
  void createAndUpgrade(HistoryCatalog kind) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + tables.catalog() + "." + tables.namespace());
    if (kind.jdbc()) {
      refuseFileSystemTables();
    } else {
      refuseCatalogTables();
    }
    for (String table : HistoryTables.ALL) {
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + tables.table(table)
              + " ("
              + HistoryTables.columns(table)
              + ") USING iceberg"
              + " PARTITIONED BY ("
              + HistoryTables.partitioning(table)
              + ")"
              + " TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd')");
      addMissingColumns(table);
    }
    for (String table : HistoryTables.POINTED_AT) {
      partitionByRunId(table);
      fillRunIds(table);
    }
    convertPlanJson();
  }

  /**
   * A warehouse whose tables a file-system catalog committed is not opened with a JDBC catalog that
   * does not list them: the JDBC catalog would create new, empty tables in their folders, and the
   * history would look lost.
   */
  private void refuseFileSystemTables() {
    if (spark.catalog().tableExists(tables.table(HistoryTables.RUNS))) {
      return;
    }
    Path hint =
        new Path(
            new Path(new Path(tables.warehouse()), tables.namespace()),
            HistoryTables.RUNS + "/metadata/version-hint.text");
    boolean fileSystemTables;
    try {
      fileSystemTables =
          hint.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(hint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (fileSystemTables) {
      throw FleetCostException.userError(
          "Cannot open the history in %s with the JDBC catalog: its tables were written with the file-system catalog"
              + " (history.catalog: hadoop), which the JDBC catalog does not list. Keep history.catalog: hadoop, or"
              + " register each table's newest metadata file in the JDBC catalog first (Iceberg's register_table"
              + " procedure)",
          tables.warehouse());
    }
  }

  /**
   * The converse: a {@code runs} table whose metadata files a JDBC catalog wrote ({@code
   * 00000-<uuid>.metadata.json}, no {@code version-hint.text}) is not opened with the file-system
   * catalog, which would start a table of its own in the same folder.
   */
  private void refuseCatalogTables() {
    Path metadata =
        new Path(
            new Path(new Path(tables.warehouse()), tables.namespace()),
            HistoryTables.RUNS + "/metadata");
    boolean catalogTables;
    try {
      FileSystem fs = metadata.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(metadata) || fs.exists(new Path(metadata, "version-hint.text"))) {
        return;
      }
      catalogTables =
          Arrays.stream(fs.listStatus(metadata))
              .map(status -> status.getPath().getName())
              .anyMatch(name -> name.endsWith(".metadata.json") && !name.startsWith("v"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (catalogTables) {
      throw FleetCostException.userError(
          "Cannot open the history in %s with the file-system catalog: its tables were written with the JDBC catalog"
              + " (history.catalog: jdbc); set history.catalog and history.jdbc-uri as the runs that wrote it do",
          tables.warehouse());
    }
  }

  /**
   * A warehouse written by an older FleetCost lacks the columns added since: they are added
   * (nullable; the older dates read them as null), so an upgrade keeps the history.
   */
  private void addMissingColumns(String table) {
    Set<String> present = new HashSet<>(Arrays.asList(tables.rows(table).schema().fieldNames()));
    for (StructField field : HistoryWarehouse.schemaOf(table).fields()) {
      if (!present.contains(field.name())) {
        log.accept("history: adding column " + field.name() + " to " + table);
        spark.sql(
            "ALTER TABLE "
                + tables.table(table)
                + " ADD COLUMNS ("
                + field.name()
                + " "
                + field.dataType().sql()
                + ")");
      }
    }
  }

  /**
   * A table created before {@code run_id} was partitioned by {@code run_date} only: {@code run_id}
   * is added to its partitioning (files written from now on; the older files are rewritten by
   * {@link #fillRunIds}), so that no data file ever holds two runs' rows.
   */
  private void partitionByRunId(String table) {
    Table iceberg = tables.iceberg(table);
    int runId = iceberg.schema().findField("run_id").fieldId();
    if (iceberg.spec().fields().stream().noneMatch(field -> field.sourceId() == runId)) {
      log.accept("history: partitioning " + table + " by run_id");
      iceberg.updateSpec().addField("run_id").commit();
    }
  }

  /**
   * The rows an older FleetCost wrote have no {@code run_id}: each gets the run id of its date's
   * {@code runs} row, in one commit per table that rewrites the dates concerned (by {@code
   * run_date}, which every file's partition has), so that a kill leaves the table either filled or
   * not, and the next open fills it. Rows of a date without a {@code runs} row were left by an
   * older run killed before its {@code runs} commit: they were never read, and are dropped.
   */
  private void fillRunIds(String table) {
    if (!tables.hasFiles(table, Expressions.isNull("run_id"))) {
      return; // upgraded: the common case, answered from the table's metadata
    }
    Dataset<Row> rows = tables.rows(table);
    Object[] dates =
        rows.filter(col("run_id").isNull()).select("run_date").distinct().collectAsList().stream()
            .map(r -> r.get(0))
            .toArray();
    if (dates.length == 0) {
      return;
    }
    log.accept(
        "history: filling run_id of " + table + " from runs (" + dates.length + " run dates)");
    Dataset<Row> runIds =
        tables
            .rows(HistoryTables.RUNS)
            .select(col("run_date").as("runs_run_date"), col("run_id").as("runs_run_id"));
    Dataset<Row> filled =
        rows.filter(col("run_date").isin(dates))
            .join(runIds, col("run_date").equalTo(col("runs_run_date")), "left")
            .withColumn("run_id", coalesce(col("run_id"), col("runs_run_id")))
            .filter(col("run_id").isNotNull())
            .drop("runs_run_date", "runs_run_id");
    tables.overwrite(
        table, tables.aligned(table, filled), col("run_date").isin(dates), "fill the run ids of");
  }

  /**
   * An older FleetCost wrote a MIG opportunity's plan as JSON text ({@code plan_json}): its rows
   * get the typed {@code plan} parsed from it, in one commit that rewrites the dates concerned (as
   * {@link #fillRunIds}), then {@code plan_json} is dropped from the table's schema (older
   * snapshots keep it). A kill between the two leaves {@code plan_json} for the next open to drop.
   * Text that does not parse as a plan gives an empty plan.
   */
  private void convertPlanJson() {
    String table = HistoryTables.OPPORTUNITIES;
    Table iceberg = tables.iceberg(table);
    if (iceberg.schema().findField("plan_json") == null) {
      return; // upgraded, or created without it
    }
    Dataset<Row> rows = tables.rows(table);
    Object[] dates =
        rows
            .filter(col("plan").isNull().and(col("plan_json").isNotNull()))
            .select("run_date")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.get(0))
            .toArray();
    if (dates.length > 0) {
      log.accept(
          "history: converting plan_json of "
              + table
              + " to plan ("
              + dates.length
              + " run dates)");
      DataType plan = HistoryWarehouse.schemaOf(table).apply("plan").dataType();
      Dataset<Row> converted =
          rows.filter(col("run_date").isin(dates))
              .withColumn("plan", coalesce(col("plan"), from_json(col("plan_json"), plan)));
      tables.overwrite(
          table,
          tables.aligned(table, converted),
          col("run_date").isin(dates),
          "convert the MIG plans of");
    }
    log.accept("history: dropping column plan_json of " + table);
    iceberg.refresh(); // sees the commit above
    iceberg.updateSchema().deleteColumn("plan_json").commit();
  }
}
