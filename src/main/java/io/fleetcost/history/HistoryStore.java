package io.fleetcost.history;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
 *
 * <p>This class is the entry point; the work is done by {@link SparkCatalogRegistration} (the
 * warehouse as a Spark catalog), {@link HistoryTableSetup} (creating and upgrading the tables),
 * {@link RunDateWriter} (a run date's write) and {@link HistoryReader} (the reads), on the tables
 * of {@link HistoryWarehouse}.
 */
public final class HistoryStore {
  /** The default JDBC catalog's SQLite file in the warehouse folder. */
  public static final String SQLITE_FILE = "catalog.db";

  /** How often an open with a JDBC catalog starts again after another run's concurrent change. */
  private static final int OPEN_ATTEMPTS = 3;

  private final HistoryWarehouse tables;
  private final HistoryReader reader;
  private final RunDateWriter writer;

  private HistoryStore(HistoryWarehouse tables, Consumer<String> log, TableCommitHook commitHook) {
    this.tables = tables;
    this.reader = new HistoryReader(tables);
    this.writer = new RunDateWriter(tables, log, commitHook);
  }

  /**
   * Registers the warehouse as a Spark catalog (named after the warehouse, so that one JVM can use
   * several), creates the namespace and any missing table, and upgrades a warehouse written by an
   * older FleetCost (the columns added since, the run ids of its rows: {@link HistoryTableSetup})
   * before anything reads or writes it.
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
      SparkCatalogRegistration.requireLocal(
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
    String name = SparkCatalogRegistration.register(spark, uri, catalog, true);
    HistoryWarehouse tables = new HistoryWarehouse(spark, name, namespace, uri);
    HistoryTableSetup setup = new HistoryTableSetup(tables, log);
    for (int attempt = 1; ; attempt++) {
      try {
        setup.createAndUpgrade(catalog);
        return new HistoryStore(tables, log, commitHook);
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
        setup.refreshCreated();
      }
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
    return SparkCatalogRegistration.exists(spark, warehouse, namespace, catalog);
  }

  /** The table's full name in Spark SQL. */
  public String table(String name) {
    return tables.table(name);
  }

  public String warehouse() {
    return tables.warehouse();
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
    writer.write(runDate, records);
  }

  /** The rows of a table that readers see ({@link HistoryReader#current}). */
  Dataset<Row> current(String table) {
    return reader.current(table);
  }

  /** Complete run dates (those with a {@code runs} row), oldest first. */
  public List<LocalDate> runDates() {
    return reader.runDates();
  }

  /** The newest complete run date before {@code date}. */
  public Optional<LocalDate> previousRunDate(LocalDate date) {
    return reader.previousRunDate(date);
  }

  public List<RealizedRow> realized(LocalDate runDate) {
    return reader.realized(runDate);
  }

  public List<OpportunityRow> opportunities(LocalDate runDate) {
    return reader.opportunities(runDate);
  }

  public List<RunRow> runs() {
    return reader.runs();
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
    return reader.snapshot(month, upTo, budgets);
  }
}
