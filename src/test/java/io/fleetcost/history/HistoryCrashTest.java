package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import io.fleetcost.samplefleet.HistoryFleets;
import io.fleetcost.spark.SharedSpark;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle of writing a date's history tables leaves the complete dates as they were,
 * and re-running the date gives the tables of a run that was never interrupted.
 *
 * <p>The kill point is not a guess: the second date's run is {@code fleetcost run} in its own JVM ({@link
 * BlockedHistoryRun}) with a hook that blocks before one table's commit; the test sends SIGKILL only once the hook
 * says it is blocked there. The tables written before that one then hold the second date's rows, that one and the
 * ones after it do not, and the test checks exactly that.
 *
 * <p>Readers still see only complete dates because {@code runs} is written last and is the date's commit marker:
 * {@link HistoryStore#runDates}, {@link HistoryStore#previousRunDate} (what the next run's realized-savings tracking
 * starts from) and {@link HistoryStore#snapshot} (the report) take their dates from {@code runs} and read the other
 * tables only at those dates, so what a killed run committed to the earlier tables is never read. The kill before
 * {@code runs}, with every other table already holding the new date, is the sharpest case.
 */
class HistoryCrashTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
  private static final LocalDate SECOND = LocalDate.parse("2026-10-02");
  private static final List<String> RUN_ID = List.of("run_id");

  @TempDir Path dir;

  @Test
  void aRunKilledBeforeATablesCommitLeavesTheCompleteDatesAsTheyWereAndARerunMatchesAnUninterruptedRun() throws Exception {
    Path data = dir.resolve("fleet");
    HistoryFleets.write(data, Instant.parse("2026-10-01T00:00:00Z"), true);

    Path reference = dir.resolve("reference");
    Path referenceJob = job("uninterrupted", data, reference);
    run(referenceJob, FIRST);
    run(referenceJob, SECOND);
    Map<String, List<String>> uninterrupted = HistoryDumps.dump(store(reference), RUN_ID);
    Map<String, List<String>> uninterruptedSecond = HistoryDumps.dumpOf(store(reference), SECOND, RUN_ID);
    assertThat(uninterruptedSecond)
        .as("the second date has rows in every table")
        .allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());

    Path warehouse = dir.resolve("warehouse");
    Path job = job("crashing", data, warehouse);
    run(job, FIRST);
    Map<String, List<String>> firstDate = HistoryDumps.dumpOf(store(warehouse), FIRST, List.of()); // run_id too
    HistorySnapshot seenBefore = store(warehouse).snapshot(YearMonth.from(FIRST), SECOND, Map.of());
    assertThat(seenBefore.asOf()).isEqualTo(FIRST);

    // an early table, then the commit marker: the second kill finds the first one's partial date and leaves its own
    ExpectedAfterKill expected = new ExpectedAfterKill(warehouse, firstDate, uninterruptedSecond, seenBefore);
    for (String table : List.of(HistoryTables.GPU_PROFILES, HistoryTables.RUNS)) {
      killBeforeCommit(job, table);
      expected.assertKilledBefore(table);
    }

    run(job, SECOND);
    assertThat(store(warehouse).runDates()).containsExactly(FIRST, SECOND);
    assertThat(HistoryDumps.dump(store(warehouse), RUN_ID)).as("the history after the re-run").isEqualTo(uninterrupted);
  }

  /** The crashing warehouse's history before the kills, and the second date's rows of the uninterrupted history. */
  private record ExpectedAfterKill(
      Path warehouse, Map<String, List<String>> firstDate, Map<String, List<String>> uninterruptedSecond,
      HistorySnapshot seenBefore) {
    void assertKilledBefore(String table) {
      HistoryStore store = store(warehouse);
      assertThat(store.runDates()).as("complete dates after the kill before %s", table).containsExactly(FIRST);
      assertThat(HistoryDumps.dumpOf(store, FIRST, List.of()))
          .as("the first date's rows after the kill before %s", table)
          .isEqualTo(firstDate);

      // the kill came after every earlier table's commit and before this one's
      List<String> committed = HistoryTables.ALL.subList(0, HistoryTables.ALL.indexOf(table));
      Map<String, List<String>> second = HistoryDumps.dumpOf(store, SECOND, RUN_ID);
      for (String written : HistoryTables.ALL) {
        if (committed.contains(written)) {
          assertThat(second.get(written))
              .as("%s, committed before the kill before %s", written, table)
              .isEqualTo(uninterruptedSecond.get(written));
        } else {
          assertThat(second.get(written)).as("%s, after the kill before %s", written, table).isEmpty();
        }
      }

      // and yet readers see the first date only
      assertThat(store.previousRunDate(SECOND.plusDays(1))).as("the date a next run starts from").contains(FIRST);
      assertThat(store.snapshot(YearMonth.from(FIRST), SECOND, Map.of()))
          .as("the report's history after the kill before %s", table)
          .isEqualTo(seenBefore);
    }
  }

  /** The history fleet's job with a manifest to scan, so that every table, findings too, has rows for each date. */
  private Path job(String name, Path data, Path warehouse) throws Exception {
    Path manifests = Files.createDirectories(dir.resolve("k8s"));
    Files.writeString(
        manifests.resolve("pod.yaml"),
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Pod",
            "metadata:",
            "  name: trainer",
            "  namespace: ml",
            "spec:",
            "  containers:",
            "    - name: main",
            "      image: registry.example.com/trainer:1.0",
            "      securityContext:",
            "        privileged: true",
            ""));
    Path job = HistoryJobs.write(dir.resolve(name), "crash", data, warehouse);
    Files.writeString(job, Files.readString(job) + "security:\n  - name: k8s\n    path: " + manifests + "\n");
    return job;
  }

  private static void run(Path job, LocalDate date) {
    Cli.Result result =
        Cli.run("run", job.toString(), "--date", date.toString(), "--out", job.resolveSibling("out-" + date).toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  /**
   * The warehouse as this JVM's readers see it now. The shared session's Iceberg catalog caches tables, and a table
   * another JVM committed to would be read at its cached snapshot: each read starts from the tables' current metadata.
   */
  private static HistoryStore store(Path warehouse) {
    HistoryStore store = HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {});
    for (String table : HistoryTables.ALL) {
      SharedSpark.session().sql("REFRESH TABLE " + store.table(table));
    }
    return store;
  }

  /**
   * Starts the second date's {@code fleetcost run} in its own JVM, blocked before {@code table}'s commit, and sends it
   * SIGKILL once it is blocked there.
   */
  private void killBeforeCommit(Path job, String table) throws Exception {
    Path blocked = dir.resolve("blocked-before-" + table);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens") || option.startsWith("-XX:+IgnoreUnrecognized") || option.startsWith("-Dio.netty")) {
        command.add(option);
      }
    }
    command.add("-Xmx1g");
    command.add("-Dlog4j2.configurationFile=" + TestPaths.PROJECT.resolve("target/classes/log4j2.properties"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path")); // target/test-classes too, for BlockedHistoryRun
    command.add(BlockedHistoryRun.class.getName());
    command.addAll(List.of(table, SECOND.toString(), blocked.toString()));
    command.addAll(
        List.of("run", job.toString(), "--date", SECOND.toString(), "--out", job.resolveSibling("out-killed-" + table).toString()));
    Path log = dir.resolve("killed-before-" + table + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!Files.exists(blocked)) {
        assertThat(process.isAlive())
            .as("the run ended before it reached the commit of %s:%n%s", table, Files.readString(log, StandardCharsets.UTF_8))
            .isTrue();
        assertThat(System.nanoTime()).as("blocked before the commit of %s within 4 minutes", table).isLessThan(deadline);
        Thread.sleep(20);
      }
      process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block, no cleanup runs
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed run is gone").isTrue();
      assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    } finally {
      process.destroyForcibly();
    }
  }
}
