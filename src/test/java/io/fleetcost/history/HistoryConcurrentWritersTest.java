package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.spark.SharedSpark;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of different dates writing one warehouse at the same moment, as two drivers on a cluster
 * do, with the JDBC catalog (its default SQLite file in the warehouse): both dates land, complete,
 * with the rows of a history written by one run after the other, and no commit is lost.
 *
 * <p>Each writer is a JVM of its own ({@link ConcurrentHistoryWriter}) that opens the fresh
 * warehouse (both create the tables), writes its date and re-runs it: 17 commits each. Every one of
 * them meets the other writer's same commit ({@link RendezvousFileIO}), so both build their new
 * metadata on the same table and swap the catalog's pointer at once: in each pair one swap fails
 * and is retried on the newer table. With the file-system catalog the same pair would be a
 * check-then-rename race between two JVMs; the JDBC catalog's swap is an {@code UPDATE} that
 * matches only the metadata the commit started from.
 */
class HistoryConcurrentWritersTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-11-03");
  private static final LocalDate SECOND = LocalDate.parse("2026-11-04");

  /**
   * Commits per table of one writer: its two writes of the date, then (after the second flip) its
   * cleanup.
   */
  private static final Map<String, Integer> COMMITS_PER_WRITER = commitsPerWriter();

  @TempDir Path dir;

  private static Map<String, Integer> commitsPerWriter() {
    Map<String, Integer> commits = new LinkedHashMap<>();
    HistoryTables.POINTED_AT.forEach(table -> commits.put(table, 3));
    commits.put(HistoryTables.RUNS, 2);
    return commits;
  }

  @Test
  void twoWritersOfDifferentDatesAtOnceBothLandAndNoCommitIsLost() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Path rendezvous = Files.createDirectories(dir.resolve("rendezvous"));
    Process a = start(warehouse, rendezvous, "a", "b", FIRST);
    Process b = start(warehouse, rendezvous, "b", "a", SECOND);
    SparkSession spark = SharedSpark.session();
    HistoryStore sequential;
    try {
      // meanwhile, the same writes one after the other, in a warehouse of the file-system catalog
      sequential =
          HistoryStore.open(spark, dir.resolve("sequential").toString(), "fleetcost", line -> {});
      for (String writer : List.of("a", "b")) {
        LocalDate date = writer.equals("a") ? FIRST : SECOND;
        sequential.write(date, HistoryRecords.of(spark, date, writer + "-1", 1));
        sequential.write(date, HistoryRecords.of(spark, date, writer + "-2", 2));
      }
      for (Process writer : List.of(a, b)) {
        assertThat(writer.waitFor(5, TimeUnit.MINUTES))
            .as("the writers end within 5 minutes")
            .isTrue();
      }
      assertThat(a.exitValue()).as("writer a:%n%s", log("a")).isZero();
      assertThat(b.exitValue()).as("writer b:%n%s", log("b")).isZero();
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
    assertThat(warehouse.resolve(HistoryStore.SQLITE_FILE))
        .as("the catalog's default SQLite file")
        .isRegularFile();

    HistoryStore store =
        HistoryStore.open(
            spark,
            warehouse.toString(),
            "fleetcost",
            HistoryCatalog.jdbc(null, Map.of()),
            line -> {},
            TableCommitHook.NONE);
    assertThat(store.runDates()).as("both dates are complete").containsExactly(FIRST, SECOND);
    assertThat(store.runs())
        .extracting(RunRow::runId)
        .as("each date's current run: its writer's re-run")
        .containsExactly("a-2", "b-2");

    Map<String, List<String>> rows = HistoryDumps.dump(store, List.of());
    assertThat(rows)
        .as("every row of both dates")
        .isEqualTo(HistoryDumps.dump(sequential, List.of()));
    assertThat(rows).allSatisfy((table, tableRows) -> assertThat(tableRows).as(table).hasSize(2));

    Map<String, Integer> writes = new TreeMap<>();
    for (String writer : List.of("a", "b")) {
      for (String table : Files.readAllLines(rendezvous.resolve("writes-" + writer))) {
        writes.merge(table, 1, Integer::sum);
      }
    }
    for (String table : HistoryTables.ALL) {
      int commits = 2 * COMMITS_PER_WRITER.get(table);
      long snapshots = count(spark, store.table(table) + ".snapshots", "true");
      long lineage = count(spark, store.table(table) + ".history", "is_current_ancestor");
      assertThat(snapshots)
          .as("%s: one snapshot per commit of both writers", table)
          .isEqualTo(commits);
      assertThat(lineage)
          .as("%s: every snapshot an ancestor of the current one (none replaced by another)", table)
          .isEqualTo(commits);
      assertThat(writes.get(table))
          .as(
              "%s: metadata files written: each commit once, and once more for the loser of each of its %d collisions",
              table, commits / 2)
          .isEqualTo(commits + commits / 2);
    }
  }

  private static long count(SparkSession spark, String metadataTable, String condition) {
    return spark
        .sql("SELECT count(*) FROM " + metadataTable + " WHERE " + condition)
        .first()
        .getLong(0);
  }

  private String log(String writer) throws Exception {
    return Files.readString(dir.resolve("writer-" + writer + ".log"), StandardCharsets.UTF_8);
  }

  private Process start(
      Path warehouse, Path rendezvous, String writer, String other, LocalDate date)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Stream.of(ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(String[]::new))
        .filter(
            o ->
                o.startsWith("--add-opens")
                    || o.startsWith("-XX:+IgnoreUnrecognized")
                    || o.startsWith("-Dio.netty"))
        .forEach(command::add);
    command.add("-Xmx768m");
    command.add(
        "-XX:+UseSerialGC"); // two small JVMs beside the test's: no parallel GC threads to compete
    // for the cores
    command.add(
        "-Dlog4j2.configurationFile="
            + TestPaths.PROJECT.resolve("target/classes/log4j2.properties"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ConcurrentHistoryWriter.class.getName());
    command.addAll(
        List.of(warehouse.toString(), rendezvous.toString(), writer, other, date.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("writer-" + writer + ".log").toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }
}
