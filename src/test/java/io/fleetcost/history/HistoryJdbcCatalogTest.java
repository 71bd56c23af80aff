package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.spark.SharedSpark;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history in a warehouse whose tables the JDBC catalog commits (a SQLite file): the same write
 * protocol, upgrades and reads as with the file-system catalog, the tables listed in the database,
 * and the errors of a warehouse or a database it cannot use. {@link HistoryConcurrentWritersTest}
 * runs two writers at once.
 */
class HistoryJdbcCatalogTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
  private static final LocalDate SECOND = LocalDate.parse("2026-10-02");

  @TempDir Path dir;

  private static HistoryStore open(Path warehouse, HistoryCatalog catalog, StringBuilder log) {
    return HistoryStore.open(
        SharedSpark.session(),
        warehouse.toString(),
        "fleetcost",
        catalog,
        line -> log.append(line).append('\n'),
        TableCommitHook.NONE);
  }

  private static void writeBothDatesAndRerunTheSecond(HistoryStore store) {
    SparkSession spark = SharedSpark.session();
    store.write(FIRST, HistoryRecords.of(spark, FIRST, "run-1", 1));
    store.write(SECOND, HistoryRecords.of(spark, SECOND, "run-2", 2));
    store.write(SECOND, HistoryRecords.of(spark, SECOND, "run-3", 3));
  }

  /** The catalog's rows in its SQLite file: {@code namespace.table} of every table it lists. */
  private static List<String> listed(Path sqlite) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT table_namespace, table_name FROM iceberg_tables ORDER BY table_name")) {
      while (rows.next()) {
        tables.add(rows.getString(1) + "." + rows.getString(2));
      }
    }
    return tables;
  }

  @Test
  void theJdbcCatalogKeepsTheWriteProtocolAndListsEveryTableInItsSqliteFile() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path warehouse = dir.resolve("warehouse");
    HistoryCatalog sqlite = HistoryCatalog.jdbc(null, Map.of());
    assertThat(HistoryStore.exists(spark, warehouse.toString(), "fleetcost", sqlite))
        .as("before the first open")
        .isFalse();
    assertThat(warehouse.resolve(HistoryStore.SQLITE_FILE))
        .as("looking creates no database")
        .doesNotExist();

    HistoryStore store = open(warehouse, sqlite, new StringBuilder());
    writeBothDatesAndRerunTheSecond(store);
    HistoryStore fileSystem =
        HistoryStore.open(spark, dir.resolve("hadoop").toString(), "fleetcost", line -> {});
    writeBothDatesAndRerunTheSecond(fileSystem);

    assertThat(store.table(HistoryTables.RUNS))
        .as("a catalog of its own")
        .isNotEqualTo(fileSystem.table(HistoryTables.RUNS));
    assertThat(HistoryDumps.dump(store, List.of()))
        .as("every row, run ids too")
        .isEqualTo(HistoryDumps.dump(fileSystem, List.of()));
    assertThat(HistoryDumps.runIdsOf(store, SECOND))
        .allSatisfy((table, ids) -> assertThat(ids).as(table).containsExactly("run-3"));
    assertThat(listed(warehouse.resolve(HistoryStore.SQLITE_FILE)))
        .containsExactlyInAnyOrder(
            HistoryTables.ALL.stream().map(t -> "fleetcost." + t).toArray(String[]::new));
    assertThat(warehouse.resolve("fleetcost/runs/metadata/version-hint.text"))
        .as("no file-system catalog commit")
        .doesNotExist();
    assertThat(HistoryStore.exists(spark, warehouse.toString(), "fleetcost", sqlite)).isTrue();

    // an older FleetCost's tables: runs without a column added since, gpu_profiles partitioned by
    // run_date only
    spark.sql(
        "ALTER TABLE " + store.table(HistoryTables.RUNS) + " DROP COLUMN external_recommendations");
    Spark3Util.loadIcebergTable(spark, store.table(HistoryTables.GPU_PROFILES))
        .updateSpec()
        .removeField("run_id")
        .commit();
    StringBuilder log = new StringBuilder();
    HistoryStore upgraded = open(warehouse, sqlite, log);
    assertThat(log.toString())
        .contains(
            "history: adding column external_recommendations to runs",
            "history: partitioning gpu_profiles by run_id");
    assertThat(Arrays.asList(spark.table(upgraded.table(HistoryTables.RUNS)).schema().fieldNames()))
        .contains("external_recommendations");
    assertThat(upgraded.runDates()).containsExactly(FIRST, SECOND);
    List<String> dropped =
        List.of("run_id", "external_recommendations"); // the older dates read it as null now
    assertThat(HistoryDumps.current(upgraded, dropped))
        .isEqualTo(HistoryDumps.current(fileSystem, dropped));
    assertThat(upgraded.runs())
        .allSatisfy(run -> assertThat(run.externalRecommendations()).isEmpty());
  }

  @Test
  void aSqliteFileNamedByTheJobHoldsTheCatalogOutsideTheWarehouse() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Path file = dir.resolve("state/catalog.sqlite");
    HistoryStore store =
        open(warehouse, HistoryCatalog.jdbc("jdbc:sqlite:" + file, Map.of()), new StringBuilder());
    store.write(FIRST, HistoryRecords.of(SharedSpark.session(), FIRST, "run-1", 1));
    assertThat(store.runDates()).containsExactly(FIRST);
    assertThat(listed(file)).hasSize(HistoryTables.ALL.size());
    assertThat(warehouse.resolve(HistoryStore.SQLITE_FILE)).doesNotExist();
  }

  @Test
  void aWarehouseOfTheFileSystemCatalogIsNotOpenedWithTheJdbcCatalog() {
    Path warehouse = dir.resolve("warehouse");
    HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {})
        .write(FIRST, HistoryRecords.of(SharedSpark.session(), FIRST, "run-1", 1));
    assertThatThrownBy(
            () -> open(warehouse, HistoryCatalog.jdbc(null, Map.of()), new StringBuilder()))
        .isInstanceOfSatisfying(
            FleetCostException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
        .hasMessageContaining("written with the file-system catalog (history.catalog: hadoop)")
        .hasMessageContaining("register_table");
  }

  @Test
  void theDefaultSqliteFileNeedsALocalWarehouse() {
    assertThatThrownBy(
            () ->
                HistoryStore.open(
                    SharedSpark.session(),
                    "s3a://bucket/history",
                    "fleetcost",
                    HistoryCatalog.jdbc(null, Map.of()),
                    line -> {},
                    TableCommitHook.NONE))
        .isInstanceOf(FleetCostException.class)
        .hasMessageContaining("needs a local warehouse")
        .hasMessageContaining("history.jdbc-uri");
  }

  @Test
  void anUnreachableDatabaseFailsTheOpenWithoutPrintingThePassword() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort(); // free once closed: nothing listens there
    }
    HistoryCatalog postgres =
        HistoryCatalog.jdbc(
            "jdbc:postgresql://127.0.0.1:" + closed + "/fleetcost?connectTimeout=2",
            Map.of(
                "FLEETCOST_HISTORY_JDBC_USER",
                "fleetcost",
                "FLEETCOST_HISTORY_JDBC_PASSWORD",
                "pw-7f3a9c"));
    StringBuilder log = new StringBuilder();
    assertThatThrownBy(() -> open(dir.resolve("warehouse"), postgres, log))
        .isInstanceOfSatisfying(
            FleetCostException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL))
        .hasMessageContaining("Cannot open the history tables")
        .hasMessageContaining("127.0.0.1:" + closed)
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("pw-7f3a9c"));
    assertThat(log.toString()).doesNotContain("pw-7f3a9c");
  }

  private static String stackText(Throwable e) {
    java.io.StringWriter text = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }
}
