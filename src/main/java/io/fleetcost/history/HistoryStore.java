package io.fleetcost.history;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fleetcost.config.HistoryConfig;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The history tables in an Apache Iceberg warehouse (a folder on a local disk, HDFS or an object
 * store) with a file-system (Hadoop) catalog, or a JDBC catalog ({@link HistoryCatalog}). Each
 * table write is one Iceberg commit (the rename of a new {@code vN.metadata.json}, or the update of
 * the table's row in the catalog's database), so a killed run leaves every table as it was before
 * the interrupted commit.
 *
 * <p>Every row carries the {@code run_id} of the run that wrote it, and a date's {@code runs} row
 * is the pointer to its current version: readers here see a table's rows of a date only when their
 * run is the one that date's {@code runs} row names ({@link #current}), so a date is complete when
 * its {@code runs} row exists and is always read as one run. A run writes its rows beside the
 * current ones and moves the pointer in one commit ({@link #write}): a run killed at any point, the
 * first of a date or a re-run, leaves every date as readers saw it before. The Hadoop catalog
 * supports one writer at a time per table; the JDBC catalog several, each commit landing or retried
 * on the newer table.
 */
public final class HistoryStore {
  private final SparkSession spark;
  private final String catalog;
  private final String namespace;
  private final String warehouse;
  private final Consumer<String> log;
  private final TableCommitHook commitHook;

  private HistoryStore(
      SparkSession spark,
      String catalog,
      String namespace,
      String warehouse,
      Consumer<String> log,
      TableCommitHook commitHook) {
    this.spark = spark;
    this.catalog = catalog;
    this.namespace = namespace;
    this.warehouse = warehouse;
    this.log = log;
    this.commitHook = commitHook;
  }

  /**
   * Registers the warehouse as a Spark catalog (named after the warehouse, so that one JVM can use
   * several), creates the namespace and any missing table, and upgrades a warehouse written by an
   * older FleetCost ({@link #addMissingColumns}, {@link #fillRunIds}) before anything reads or
   * writes it.
   *
   * @param log receives a line before each table write (progress)
   */
  public static HistoryStore open(
      SparkSession spark, String warehouse, String namespace, Consumer<String> log) {
    return open(spark, warehouse, namespace, log, TableCommitHook.NONE);
  }

  /**
   * As {@link #open(SparkSession, String, String, Consumer)}, calling {@code commitHook} before
   * each table's write.
   */
  public static HistoryStore open(
      SparkSession spark,
      String warehouse,
      String namespace,
      Consumer<String> log,
      TableCommitHook commitHook) {
    return open(spark, warehouse, namespace, HistoryCatalog.HADOOP, log, commitHook);
  }

  /**
   * As {@link #open(SparkSession, String, String, Consumer, TableCommitHook)}, with the tables
   * committed by {@code catalog}. With a JDBC catalog, other runs may open the same warehouse at
   * the same moment: creating a table or the namespace another run has just created, or adding a
   * column it has just added, fails once, and the open starts again from what is there.
   */
  public static HistoryStore open(
      SparkSession spark,
      String warehouse,
      String namespace,
      HistoryCatalog catalog,
      Consumer<String> log,
      TableCommitHook commitHook) {
    Objects.requireNonNull(commitHook, "commitHook is null");
    if (catalog.jdbc() && catalog.jdbcUri() == null) {
      requireLocal(
          warehouse, new Path(warehouse).toUri().getScheme()); // before its file system is loaded
    }
    String uri;
    try {
      Path path = new Path(warehouse);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      uri = fs.makeQualified(path).toString();
      fs.mkdirs(path);
    } catch (IOException | IllegalArgumentException e) {
      throw new FleetCostException(
          ErrorCode.USER_ERROR,
          "Cannot open the history warehouse " + warehouse + ": " + e.getMessage(),
          e);
    }
    String name = register(spark, uri, catalog, true);
    HistoryStore store = new HistoryStore(spark, name, namespace, uri, log, commitHook);
    for (int attempt = 1; ; attempt++) {
      try {
        store.createAndUpgrade(catalog);
        return store;
      } catch (FleetCostException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!catalog.jdbc() || attempt == OPEN_ATTEMPTS) {
          throw new FleetCostException(
              ErrorCode.EXTERNAL,
              "Cannot open the history tables in "
                  + uri
                  + (catalog.jdbc() ? " (" + catalog + ")" : "")
                  + ": "
                  + e.getMessage(),
              e);
        }
        log.accept(
            "history: opening the tables again (attempt " + (attempt + 1) + "): " + e.getMessage());
        store.refreshCreated();
      }
    }
  }

  /**
   * Drops the catalog's cached tables, so that the next attempt reads what the other run committed.
   */
  private void refreshCreated() {
    for (String table : HistoryTables.ALL) {
      try {
        if (spark.catalog().tableExists(table(table))) {
          spark.sql("REFRESH TABLE " + table(table));
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

  /** How often an open with a JDBC catalog starts again after another run's concurrent change. */
  private static final int OPEN_ATTEMPTS = 3;

  private void createAndUpgrade(HistoryCatalog kind) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + "." + namespace);
    if (kind.jdbc()) {
      refuseFileSystemTables();
    } else {
      refuseCatalogTables();
    }
    for (String table : HistoryTables.ALL) {
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + table(table)
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
  }

  /**
   * A warehouse whose tables a file-system catalog committed is not opened with a JDBC catalog that
   * does not list them: the JDBC catalog would create new, empty tables in their folders, and the
   * history would look lost.
   */
  private void refuseFileSystemTables() {
    if (spark.catalog().tableExists(table(HistoryTables.RUNS))) {
      return;
    }
    Path hint =
        new Path(
            new Path(new Path(warehouse), namespace),
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
          warehouse);
    }
  }

  /**
   * The converse: a {@code runs} table whose metadata files a JDBC catalog wrote ({@code
   * 00000-<uuid>.metadata.json}, no {@code version-hint.text}) is not opened with the file-system
   * catalog, which would start a table of its own in the same folder.
   */
  private void refuseCatalogTables() {
    Path metadata =
        new Path(new Path(new Path(warehouse), namespace), HistoryTables.RUNS + "/metadata");
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
          warehouse);
    }
  }

  /**
   * Sets the Spark catalog of the warehouse ({@code uri}, qualified) with {@code kind}, and returns
   * its name. A JDBC catalog's name is also its {@code catalog_name} in the database, so it depends
   * on the warehouse only: every run of the warehouse, on any host, finds the same tables there.
   *
   * @param create whether a SQLite file may be created (false: {@link #exists} only looks)
   */
  private static String register(
      SparkSession spark, String uri, HistoryCatalog kind, boolean create) {
    if (!kind.jdbc()) {
      String name = "fleetcost_history_" + HexFormat.of().formatHex(sha(uri)).substring(0, 10);
      spark.conf().set("spark.sql.catalog." + name, "org.apache.iceberg.spark.SparkCatalog");
      spark.conf().set("spark.sql.catalog." + name + ".type", "hadoop");
      spark.conf().set("spark.sql.catalog." + name + ".warehouse", uri);
      return name;
    }
    String name =
        "fleetcost_history_" + HexFormat.of().formatHex(sha("jdbc " + uri)).substring(0, 10);
    String prefix = "spark.sql.catalog." + name;
    String jdbcUri = jdbcUri(spark, uri, kind, create);
    // Spark keeps a catalog once loaded: one JVM cannot read a warehouse through two databases
    String loaded = spark.conf().getOption(prefix + ".uri").getOrElse(() -> null);
    if (loaded != null && !loaded.equals(jdbcUri)) {
      throw FleetCostException.userError(
          "Cannot open the history in %s with the JDBC catalog %s: this process has opened it with another database",
          uri, kind.jdbcUri());
    }
    spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set(prefix + ".type", "jdbc");
    spark.conf().set(prefix + ".uri", jdbcUri);
    spark.conf().set(prefix + ".warehouse", uri);
    // V1: the catalog table has Iceberg's view column (V0, the default, logs a warning on every
    // start)
    spark.conf().set(prefix + ".jdbc.schema-version", "V1");
    if (jdbcUri.startsWith(HistoryConfig.SQLITE_PREFIX)) {
      // two runs' JVMs commit to one file: a run that finds it locked waits for the other's
      // statement to end instead
      // of failing (SQLite's default is to fail at once); WAL lets reads go on during a write
      spark.conf().set(prefix + ".jdbc.busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
      spark.conf().set(prefix + ".jdbc.journal_mode", "WAL");
    }
    if (kind.user() != null) {
      spark.conf().set(prefix + ".jdbc.user", kind.user());
    }
    if (kind.password() != null) {
      spark
          .conf()
          .set(
              prefix + ".jdbc.password",
              kind.password()); // redacted by spark.redaction.regex in the UI and logs
    }
    kind.properties().forEach((key, value) -> spark.conf().set(prefix + "." + key, value));
    return name;
  }

  private static final int SQLITE_BUSY_TIMEOUT_MS = 60_000;

  /**
   * The catalog's JDBC URI: the configured one, or a SQLite file {@code catalog.db} in a local
   * warehouse.
   */
  private static String jdbcUri(
      SparkSession spark, String uri, HistoryCatalog kind, boolean create) {
    String jdbcUri = kind.jdbcUri();
    if (jdbcUri == null) {
      Path warehouse = new Path(uri);
      requireLocal(uri, warehouse.toUri().getScheme());
      jdbcUri =
          HistoryConfig.SQLITE_PREFIX
              + new java.io.File(warehouse.toUri().getPath(), SQLITE_FILE).getPath();
    }
    if (create && jdbcUri.startsWith(HistoryConfig.SQLITE_PREFIX)) {
      java.io.File parent = sqliteFile(jdbcUri).getAbsoluteFile().getParentFile();
      if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
        throw FleetCostException.userError(
            "Cannot create the folder %s of the history's SQLite catalog", parent);
      }
    }
    return jdbcUri;
  }

  private static void requireLocal(String warehouse, String scheme) {
    if (scheme != null && !scheme.equals("file")) {
      throw FleetCostException.userError(
          "Cannot open the history in %s with the JDBC catalog: its default SQLite file needs a local warehouse; set"
              + " history.jdbc-uri (a PostgreSQL database, or a SQLite file on a local disk)",
          warehouse);
    }
  }

  /** The default JDBC catalog's SQLite file in the warehouse folder. */
  public static final String SQLITE_FILE = "catalog.db";

  private static java.io.File sqliteFile(String jdbcUri) {
    String file = jdbcUri.substring(HistoryConfig.SQLITE_PREFIX.length());
    int query = file.indexOf('?');
    file = query < 0 ? file : file.substring(0, query);
    return new java.io.File(file.startsWith("file:") ? java.net.URI.create(file).getPath() : file);
  }

  /**
   * A warehouse written by an older FleetCost lacks the columns added since: they are added
   * (nullable; the older dates read them as null), so an upgrade keeps the history.
   */
  private void addMissingColumns(String table) {
    Set<String> present =
        new HashSet<>(Arrays.asList(spark.table(table(table)).schema().fieldNames()));
    for (StructField field : schemaOf(table).fields()) {
      if (!present.contains(field.name())) {
        log.accept("history: adding column " + field.name() + " to " + table);
        spark.sql(
            "ALTER TABLE "
                + table(table)
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
    Table iceberg = iceberg(table);
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
    if (!hasFiles(table, Expressions.isNull("run_id"))) {
      return; // upgraded: the common case, answered from the table's metadata
    }
    Dataset<Row> rows = spark.table(table(table));
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
        spark
            .table(table(HistoryTables.RUNS))
            .select(col("run_date").as("runs_run_date"), col("run_id").as("runs_run_id"));
    Dataset<Row> filled =
        rows.filter(col("run_date").isin(dates))
            .join(runIds, col("run_date").equalTo(col("runs_run_date")), "left")
            .withColumn("run_id", coalesce(col("run_id"), col("runs_run_id")))
            .filter(col("run_id").isNotNull())
            .drop("runs_run_date", "runs_run_id");
    overwrite(table, aligned(table, filled), col("run_date").isin(dates), "fill the run ids of");
  }

  /**
   * The table as Iceberg's API sees it: the instance Spark's catalog caches, so that both see each
   * other's commits.
   */
  private Table iceberg(String table) {
    try {
      return Spark3Util.loadIcebergTable(spark, table(table));
    } catch (ParseException | NoSuchTableException e) {
      throw new IllegalStateException("Cannot load " + table(table) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the table has a data file that may hold rows matching {@code filter} (exact on
   * partition columns).
   */
  private boolean hasFiles(String table, Expression filter) {
    try (CloseableIterable<FileScanTask> files =
        iceberg(table).newScan().filter(filter).planFiles()) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether a warehouse holds FleetCost history (its {@code runs} table), without creating
   * anything.
   */
  public static boolean exists(SparkSession spark, String warehouse, String namespace) {
    return exists(spark, warehouse, namespace, HistoryCatalog.HADOOP);
  }

  /**
   * Whether a warehouse holds FleetCost history in {@code catalog} (its {@code runs} table),
   * without creating a table or a SQLite file.
   */
  public static boolean exists(
      SparkSession spark, String warehouse, String namespace, HistoryCatalog catalog) {
    if (!catalog.jdbc()) {
      return hadoopExists(spark, warehouse, namespace);
    }
    try {
      Path path = new Path(warehouse);
      String uri =
          path.getFileSystem(spark.sparkContext().hadoopConfiguration())
              .makeQualified(path)
              .toString();
      String jdbcUri = jdbcUri(spark, uri, catalog, false);
      if (jdbcUri.startsWith(HistoryConfig.SQLITE_PREFIX) && !sqliteFile(jdbcUri).isFile()) {
        return false;
      }
      String name = register(spark, uri, catalog, false);
      return spark.catalog().tableExists(name + "." + namespace + "." + HistoryTables.RUNS);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (FleetCostException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot read the history catalog of "
              + warehouse
              + " ("
              + catalog
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static boolean hadoopExists(SparkSession spark, String warehouse, String namespace) {
    try {
      Path runs =
          new Path(new Path(new Path(warehouse), namespace), HistoryTables.RUNS + "/metadata");
      return runs.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(runs);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The table's full name in Spark SQL. */
  public String table(String name) {
    return catalog + "." + namespace + "." + name;
  }

  public String warehouse() {
    return warehouse;
  }

  /**
   * What one run date writes. {@code dailySpend} has the {@code daily_spend} columns except {@code
   * run_date} and {@code run_id}; every row is written with {@code run}'s run id.
   */
  public record DateRecords(
      Dataset<Row> dailySpend,
      List<GpuProfileRow> gpuProfiles,
      List<OpportunityRow> opportunities,
      List<FindingRow> findings,
      List<RealizedRow> realized,
      RunRow run) {}

  /**
   * Replaces the run date's rows in every table with one run's, atomically for readers:
   *
   * <ol>
   *   <li>each table but {@code runs}, in write order: the run's rows of the date, tagged with its
   *       run id, beside the rows of the date's current run (which readers go on seeing);
   *   <li>{@code runs}: the date's row replaced by the run's, in one commit (the flip: from now on
   *       readers see the run's rows in every table, and no longer the previous run's);
   *   <li>each table but {@code runs}: the date's rows of any other run removed (the previous
   *       run's, and those a killed run left before its flip).
   * </ol>
   *
   * A kill before the flip leaves the date as readers saw it (the previous run, or nothing for a
   * first write); a kill after it leaves rows no reader sees, removed by the date's next write.
   */
  public void write(LocalDate runDate, DateRecords records) {
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
        frame(HistoryTables.GPU_PROFILES, records.gpuProfiles(), HistoryStore::row));
    writeRunRows(
        runDate,
        runId,
        HistoryTables.OPPORTUNITIES,
        frame(HistoryTables.OPPORTUNITIES, records.opportunities(), HistoryStore::row));
    writeRunRows(
        runDate,
        runId,
        HistoryTables.SECURITY_FINDINGS,
        frame(HistoryTables.SECURITY_FINDINGS, records.findings(), HistoryStore::row));
    writeRunRows(
        runDate,
        runId,
        HistoryTables.REALIZED_SAVINGS,
        frame(HistoryTables.REALIZED_SAVINGS, records.realized(), HistoryStore::row));

    log.accept("history: writing " + HistoryTables.RUNS + " for " + runDate);
    Dataset<Row> run =
        aligned(
            HistoryTables.RUNS,
            frame(HistoryTables.RUNS, List.of(records.run()), HistoryStore::row));
    commitHook.beforeCommit(HistoryTables.RUNS, runDate);
    overwrite(HistoryTables.RUNS, run, col("run_date").equalTo(lit(date)), "write");

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
    Dataset<Row> aligned = aligned(table, rows.withColumn("run_id", lit(runId)));
    commitHook.beforeCommit(table, runDate);
    overwrite(table, aligned, ofDate(runDate).and(col("run_id").equalTo(lit(runId))), "write");
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
    if (!hasFiles(table, others)) {
      return;
    }
    log.accept("history: removing older runs' rows of " + table + " for " + runDate);
    commitHook.beforeCleanup(table, runDate);
    try {
      iceberg(table).newDelete().deleteFromRowFilter(others).commit();
    } catch (RuntimeException e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot remove older runs' rows of "
              + runDate
              + " from history table "
              + table(table)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static Column ofDate(LocalDate runDate) {
    return col("run_date").equalTo(lit(Date.valueOf(runDate)));
  }

  /**
   * The rows cast to the table's columns, in its order (an upgrade appends the columns it adds).
   */
  private Dataset<Row> aligned(String table, Dataset<Row> rows) {
    StructType schema = spark.table(table(table)).schema();
    return rows.selectExpr(
        Arrays.stream(schema.fields())
            .map(f -> "CAST(" + f.name() + " AS " + f.dataType().sql() + ") AS " + f.name())
            .toArray(String[]::new));
  }

  /**
   * One Iceberg commit: removes the table's rows that match {@code replaced} and adds {@code rows}.
   * Iceberg removes whole data files, and fails on a file where only some rows match; none does
   * here, since every file holds one partition ({@code run_date}, and {@code run_id} in every table
   * but {@code runs}) and every filter is on those.
   */
  private void overwrite(String table, Dataset<Row> rows, Column replaced, String action) {
    try {
      rows.writeTo(table(table)).overwrite(replaced);
    } catch (Exception e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot "
              + action
              + " history table "
              + table(table)
              + " ("
              + replaced
              + "): "
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
    StructType schema = schemaOf(table);
    if (!table.equals(HistoryTables.RUNS)) {
      schema =
          new StructType(
              Arrays.stream(schema.fields())
                  .filter(f -> !f.name().equals("run_id"))
                  .toArray(StructField[]::new));
    }
    return spark.createDataFrame(rows, schema);
  }

  private StructType schemaOf(String table) {
    return StructType.fromDDL(HistoryTables.columns(table).replace(" NOT NULL", ""));
  }

  /**
   * The rows of a table that readers see: each complete date's rows written by the run its {@code
   * runs} row names. Rows of other runs (a run killed before its flip, or the previous run of a
   * date until they are removed) are never read. Every read of this class goes through it.
   */
  Dataset<Row> current(String table) {
    Dataset<Row> runs = spark.table(table(HistoryTables.RUNS));
    if (table.equals(HistoryTables.RUNS)) {
      return runs; // the pointers themselves: one row per complete date
    }
    Dataset<Row> pointers =
        runs.select(col("run_date").as("current_run_date"), col("run_id").as("current_run_id"));
    return spark
        .table(table(table))
        .join(
            pointers,
            col("run_date")
                .equalTo(col("current_run_date"))
                .and(col("run_id").equalTo(col("current_run_id"))),
            "left_semi");
  }

  /** Complete run dates (those with a {@code runs} row), oldest first. */
  public List<LocalDate> runDates() {
    List<LocalDate> dates = new ArrayList<>();
    for (Row row :
        current(HistoryTables.RUNS)
            .select("run_date")
            .distinct()
            .orderBy("run_date")
            .collectAsList()) {
      dates.add(row.getDate(0).toLocalDate());
    }
    return dates;
  }

  /** The newest complete run date before {@code date}. */
  public Optional<LocalDate> previousRunDate(LocalDate date) {
    return runDates().stream().filter(d -> d.isBefore(date)).reduce((a, b) -> b);
  }

  public List<RealizedRow> realized(LocalDate runDate) {
    return read(
        HistoryTables.REALIZED_SAVINGS, runDate, HistoryStore::realizedRow, "opportunity_id");
  }

  public List<OpportunityRow> opportunities(LocalDate runDate) {
    return read(HistoryTables.OPPORTUNITIES, runDate, HistoryStore::opportunityRow, "rank");
  }

  public List<RunRow> runs() {
    List<RunRow> runs = new ArrayList<>();
    for (Row row : current(HistoryTables.RUNS).orderBy("run_date").collectAsList()) {
      runs.add(runRow(row));
    }
    return runs;
  }

  /**
   * The history of one report month, read up to the run date {@code upTo}: month to date as of the
   * month's newest complete run when {@code upTo} is in the month, closed as of its last day when
   * {@code upTo} is after it. A closed month's spend is each of its usage days as the newest run up
   * to {@code upTo} saw it, so the runs after the month complete it; its other figures are those of
   * the month's newest run.
   *
   * @param upTo the newest run date to read: a run's own date, or the history's newest for {@code
   *     fleetcost report --month}
   * @throws FleetCostException when the month has no complete run up to {@code upTo}
   */
  public HistorySnapshot snapshot(
      YearMonth month, LocalDate upTo, Map<String, BigDecimal> budgets) {
    List<RunRow> all = runs();
    List<RunRow> readable = all.stream().filter(r -> !r.runDate().isAfter(upTo)).toList();
    LocalDate lastRun =
        readable.stream()
            .map(RunRow::runDate)
            .filter(d -> YearMonth.from(d).equals(month))
            .reduce((a, b) -> b)
            .orElseThrow(
                () ->
                    FleetCostException.userError(
                        "Cannot report on %s: the history in %s has no complete run in that month up to %s (runs: %s)",
                        month,
                        warehouse,
                        upTo,
                        all.isEmpty()
                            ? "none"
                            : all.get(0).runDate() + " to " + all.get(all.size() - 1).runDate()));
    boolean closed = upTo.isAfter(month.atEndOfMonth());
    LocalDate asOf = closed ? month.atEndOfMonth() : lastRun;
    List<RunRow> runs = readable.stream().filter(r -> !r.runDate().isAfter(asOf)).toList();
    RunRow last = runs.get(runs.size() - 1);
    Optional<LocalDate> scanned =
        runs.stream().filter(r -> !r.seeded()).map(RunRow::runDate).reduce((a, b) -> b);
    return new HistorySnapshot(
        last.organization(),
        last.job(),
        month,
        closed,
        asOf,
        runs,
        spend(month, readable.stream().map(RunRow::runDate).toList()),
        opportunities(lastRun),
        scanned
            .map(
                d ->
                    read(
                        HistoryTables.SECURITY_FINDINGS,
                        d,
                        HistoryStore::findingRow,
                        "check_id",
                        "file",
                        "doc_index",
                        "name",
                        "path"))
            .orElse(List.of()),
        realized(lastRun),
        read(
            HistoryTables.GPU_PROFILES,
            lastRun,
            HistoryStore::gpuProfileRow,
            "resource_key",
            "gpu_key"),
        budgets);
  }

  /** Each usage day of the month and the month before, in the newest complete run that has it. */
  private List<SpendRow> spend(YearMonth month, List<LocalDate> complete) {
    Date from = Date.valueOf(month.minusMonths(1).atDay(1));
    Date to = Date.valueOf(month.atEndOfMonth());
    Dataset<Row> rows =
        current(HistoryTables.DAILY_SPEND)
            .filter(col("usage_date").between(lit(from), lit(to)))
            .filter(col("run_date").isin(complete.stream().map(Date::valueOf).toArray()));
    Dataset<Row> newest =
        rows.groupBy(col("usage_date").as("newest_usage_date"))
            .agg(org.apache.spark.sql.functions.max("run_date").as("newest_run"));
    List<SpendRow> spend = new ArrayList<>();
    for (Row row :
        rows.join(
                newest,
                col("usage_date")
                    .equalTo(col("newest_usage_date"))
                    .and(col("run_date").equalTo(col("newest_run"))))
            .drop("newest_usage_date", "newest_run")
            .orderBy(
                "usage_date",
                "provider",
                "billing_account_id",
                "sub_account_id",
                "service",
                "team",
                "currency")
            .collectAsList()) {
      spend.add(spendRow(row));
    }
    return spend;
  }

  /** A complete date's rows of a table, ordered by {@code orderBy}. */
  private <T> List<T> read(
      String table, LocalDate runDate, Function<Row, T> fromRow, String... orderBy) {
    List<T> values = new ArrayList<>();
    for (Row row :
        current(table)
            .filter(ofDate(runDate))
            .orderBy(
                Arrays.stream(orderBy)
                    .map(org.apache.spark.sql.functions::col)
                    .toArray(Column[]::new))
            .collectAsList()) {
      values.add(fromRow.apply(row));
    }
    return values;
  }

  // ---- rows <-> records

  private static Date date(LocalDate value) {
    return value == null ? null : Date.valueOf(value);
  }

  private static LocalDate localDate(Row row, String field) {
    Object value = row.getAs(field);
    return value == null ? null : ((Date) value).toLocalDate();
  }

  private static <K, V> scala.collection.Map<K, V> scalaMap(Map<K, V> map) {
    return map == null ? null : CollectionConverters.asScala(new TreeMap<>(map));
  }

  private static Map<String, Long> javaMap(Row row, String field) {
    Object value = row.getAs(field);
    if (value == null) {
      return null;
    }
    Map<String, Long> map = new TreeMap<>();
    @SuppressWarnings("unchecked")
    scala.collection.Map<String, Object> scala = (scala.collection.Map<String, Object>) value;
    CollectionConverters.asJava(scala).forEach((k, v) -> map.put(k, ((Number) v).longValue()));
    return map;
  }

  private static Row row(GpuProfileRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.resourceKey(),
        r.gpuKey(),
        r.cluster(),
        r.node(),
        r.gpuModel(),
        r.owner(),
        r.hours(),
        r.meanUtilization(),
        r.p95Utilization(),
        r.idleHours(),
        r.memoryMaxMib());
  }

  private static GpuProfileRow gpuProfileRow(Row r) {
    return new GpuProfileRow(
        localDate(r, "run_date"),
        r.getAs("resource_key"),
        r.getAs("gpu_key"),
        r.getAs("cluster"),
        r.getAs("node"),
        r.getAs("gpu_model"),
        r.getAs("owner"),
        r.getAs("hours"),
        r.getAs("mean_utilization"),
        r.getAs("p95_utilization"),
        r.getAs("idle_hours"),
        r.getAs("memory_max_mib"));
  }

  private static Row row(OpportunityRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.id(),
        r.rank(),
        r.lever(),
        r.resourceId(),
        r.resourceName(),
        r.provider(),
        r.accountId(),
        r.region(),
        r.instanceType(),
        r.gpuModel(),
        r.gpuCount(),
        r.owner(),
        r.currency(),
        r.currentMonthlyCost(),
        r.projectedMonthlyCost(),
        r.monthlySaving(),
        r.monthlySavingUsd(),
        r.confidence(),
        r.risk(),
        r.effort(),
        r.priority(),
        r.action(),
        r.planJson(),
        r.evidenceJson());
  }

  private static OpportunityRow opportunityRow(Row r) {
    return new OpportunityRow(
        localDate(r, "run_date"),
        r.getAs("id"),
        r.<Integer>getAs("rank"),
        r.getAs("lever"),
        r.getAs("resource_id"),
        r.getAs("resource_name"),
        r.getAs("provider"),
        r.getAs("account_id"),
        r.getAs("region"),
        r.getAs("instance_type"),
        r.getAs("gpu_model"),
        r.<Integer>getAs("gpu_count"),
        r.getAs("owner"),
        r.getAs("currency"),
        r.getAs("current_monthly_cost"),
        r.getAs("projected_monthly_cost"),
        r.getAs("monthly_saving"),
        r.getAs("monthly_saving_usd"),
        r.<Double>getAs("confidence"),
        r.getAs("risk"),
        r.<Integer>getAs("effort"),
        r.getAs("priority"),
        r.getAs("action"),
        r.getAs("plan_json"),
        r.getAs("evidence_json"));
  }

  private static Row row(FindingRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.checkId(),
        r.title(),
        r.severity(),
        r.weight(),
        r.file(),
        r.docIndex(),
        r.kind(),
        r.namespace(),
        r.name(),
        r.path(),
        r.message(),
        r.fix());
  }

  private static FindingRow findingRow(Row r) {
    return new FindingRow(
        localDate(r, "run_date"),
        r.getAs("check_id"),
        r.getAs("title"),
        r.getAs("severity"),
        r.<Integer>getAs("weight"),
        r.getAs("file"),
        r.<Integer>getAs("doc_index"),
        r.getAs("kind"),
        r.getAs("namespace"),
        r.getAs("name"),
        r.getAs("path"),
        r.getAs("message"),
        r.getAs("fix"));
  }

  private static Row row(RealizedRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.opportunityId(),
        r.lever(),
        r.resourceId(),
        r.owner(),
        r.status(),
        date(r.identifiedOn()),
        date(r.closedOn()),
        r.estimatedMonthlySavingUsd(),
        r.baselineMonthlyCostUsd(),
        r.currentMonthlyCostUsd(),
        r.realizedMonthlySavingUsd());
  }

  private static RealizedRow realizedRow(Row r) {
    return new RealizedRow(
        localDate(r, "run_date"),
        r.getAs("opportunity_id"),
        r.getAs("lever"),
        r.getAs("resource_id"),
        r.getAs("owner"),
        r.getAs("status"),
        localDate(r, "identified_on"),
        localDate(r, "closed_on"),
        r.getAs("estimated_monthly_saving_usd"),
        r.getAs("baseline_monthly_cost_usd"),
        r.getAs("current_monthly_cost_usd"),
        r.getAs("realized_monthly_saving_usd"));
  }

  private static Row row(RunRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.runId(),
        r.job(),
        r.organization(),
        r.seeded(),
        r.windowStart(),
        r.windowEnd(),
        r.spendMonthlyUsd(),
        r.gpuSpendMonthlyUsd(),
        r.identifiedMonthlyUsd(),
        r.opportunities(),
        r.inProgressMonthlyUsd(),
        r.realizedMonthlyUsd(),
        r.securityScore(),
        r.compliancePct(),
        scalaMap(r.findingsBySeverity()),
        r.billingRowsRead(),
        r.billingRowsQuarantined(),
        scalaMap(r.quarantinedByReason()),
        r.telemetryValuesRead(),
        r.telemetryValuesQuarantined(),
        r.gpuHours(),
        r.idleGpuHours(),
        r.unjoinedGpuHours(),
        r.gpusProfiled(),
        r.meanGpuUtilization(),
        scalaMap(r.utilizationBuckets()),
        r.resourcesWithoutTelemetry(),
        r.inputStatus().stream()
            .map(
                i ->
                    RowFactory.create(
                        i.name(),
                        i.kind(),
                        i.status(),
                        i.newestTimestamp(),
                        i.daysCovered(),
                        i.rows(),
                        i.detail()))
            .toList(),
        r.unmeasuredGpuMonthlyUsd(),
        r.securityFilesNotRead(),
        r.externalRecommendations().stream()
            .map(
                e ->
                    RowFactory.create(
                        e.resourceId(),
                        e.resourceName(),
                        e.provider(),
                        e.verdict(),
                        e.fleetcostLevers(),
                        e.fleetcostMonthlySaving(),
                        e.fleetcostCurrency(),
                        e.source(),
                        e.instanceType(),
                        e.cloudAction(),
                        e.cloudTargetInstanceType(),
                        e.cloudMonthlySaving(),
                        e.cloudCurrency(),
                        e.detail()))
            .toList());
  }

  private static List<RecommendationRow> externalRecommendations(Row r) {
    int field = r.fieldIndex("external_recommendations");
    List<Row> rows = r.isNullAt(field) ? List.of() : r.getList(field);
    return rows.stream()
        .map(
            e ->
                new RecommendationRow(
                    e.getAs("resource_id"),
                    e.getAs("resource_name"),
                    e.getAs("provider"),
                    e.getAs("verdict"),
                    e.getAs("fleetcost_levers"),
                    e.getAs("fleetcost_monthly_saving"),
                    e.getAs("fleetcost_currency"),
                    e.getAs("source"),
                    e.getAs("instance_type"),
                    e.getAs("cloud_action"),
                    e.getAs("cloud_target_instance_type"),
                    e.getAs("cloud_monthly_saving"),
                    e.getAs("cloud_currency"),
                    e.getAs("detail")))
        .toList();
  }

  private static List<InputStatus> inputStatus(Row r) {
    List<Row> rows =
        r.isNullAt(r.fieldIndex("input_status"))
            ? List.of()
            : r.getList(r.fieldIndex("input_status"));
    return rows.stream()
        .map(
            i ->
                new InputStatus(
                    i.getAs("name"),
                    i.getAs("kind"),
                    i.getAs("status"),
                    i.getAs("newest_timestamp"),
                    i.isNullAt(i.fieldIndex("days_covered")) ? 0 : i.<Integer>getAs("days_covered"),
                    i.isNullAt(i.fieldIndex("rows")) ? 0 : i.<Long>getAs("rows"),
                    i.getAs("detail")))
        .toList();
  }

  private static RunRow runRow(Row r) {
    return new RunRow(
        localDate(r, "run_date"),
        r.getAs("run_id"),
        r.getAs("job"),
        r.getAs("organization"),
        r.<Boolean>getAs("seeded"),
        r.getAs("window_start"),
        r.getAs("window_end"),
        r.getAs("spend_monthly_usd"),
        r.getAs("gpu_spend_monthly_usd"),
        r.getAs("identified_monthly_usd"),
        r.<Integer>getAs("opportunities"),
        r.getAs("in_progress_monthly_usd"),
        r.getAs("realized_monthly_usd"),
        r.getAs("security_score"),
        r.getAs("compliance_pct"),
        javaMap(r, "findings_by_severity"),
        r.<Long>getAs("billing_rows_read"),
        r.<Long>getAs("billing_rows_quarantined"),
        javaMap(r, "quarantined_by_reason"),
        r.<Long>getAs("telemetry_values_read"),
        r.<Long>getAs("telemetry_values_quarantined"),
        r.<Double>getAs("gpu_hours"),
        r.<Double>getAs("idle_gpu_hours"),
        r.<Double>getAs("unjoined_gpu_hours"),
        r.<Integer>getAs("gpus_profiled"),
        r.<Double>getAs("mean_gpu_utilization"),
        javaMap(r, "utilization_buckets"),
        r.<Integer>getAs("resources_without_telemetry"),
        inputStatus(r),
        r.getAs("unmeasured_gpu_monthly_usd"),
        r.<Integer>getAs("security_files_not_read"),
        externalRecommendations(r));
  }

  private static SpendRow spendRow(Row r) {
    return new SpendRow(
        localDate(r, "run_date"),
        localDate(r, "usage_date"),
        r.getAs("provider"),
        r.getAs("billing_account_id"),
        r.getAs("sub_account_id"),
        r.getAs("service"),
        r.getAs("team"),
        r.getAs("currency"),
        r.getAs("billed_cost"),
        r.getAs("effective_cost"),
        r.getAs("effective_cost_usd"),
        r.<Long>getAs("row_count"));
  }
}
