package io.fleetcost.history;

import static io.fleetcost.history.HistoryDumps.RUN_ID;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-run of a complete date killed with SIGKILL in the middle of writing the history tables
 * leaves every date as readers saw it before, and running the date again gives the tables of a run
 * that was never interrupted.
 *
 * <p>The kill point is not a guess: the killed run is {@code fleetcost run} in its own JVM ({@link
 * BlockedHistoryRun}) with a hook that blocks before one table's commit; the test sends SIGKILL
 * only once the hook says it is blocked there. The tables written before that one then hold the
 * killed run's rows of the date, that one and the ones after it do not, and the test checks exactly
 * that.
 *
 * <p>Readers do not see them because every row carries its run's id and a date's {@code runs} row,
 * written last, names the run whose rows are current: {@link HistoryStore#runDates}, {@link
 * HistoryStore#previousRunDate} (what the next run's realized-savings tracking starts from) and
 * {@link HistoryStore#snapshot} (the report) read only those. Killed before {@code gpu_profiles},
 * {@code daily_spend} holds two runs' rows of the date; killed before {@code runs}, every other
 * table does. A date's first write killed before {@code runs} is the same case without the previous
 * run's rows: {@link HistoryRerunTest} stops one there in this JVM (and re-runs before {@code
 * gpu_profiles}, before {@code runs} and while they remove older rows), which keeps this test,
 * whose every kill costs a whole run in a new JVM, to two kills.
 */
class HistoryCrashTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
  private static final LocalDate SECOND = LocalDate.parse("2026-10-02");

  @TempDir Path dir;

  @Test
  void
      aRerunKilledBeforeATablesCommitLeavesEveryDateAsReadersSawItAndTheNextRunMatchesAnUninterruptedRun()
          throws Exception {
    Path data = dir.resolve("fleet");
    HistoryFleets.write(data, Instant.parse("2026-10-01T00:00:00Z"), true);

    Path warehouse = dir.resolve("warehouse");
    Path job = job("crashing", data, warehouse);
    run(job, FIRST);
    Map<String, List<String>> firstDate =
        HistoryDumps.dumpOf(store(warehouse), FIRST, List.of()); // run_id too
    run(job, SECOND);
    // the reference is this warehouse before any kill, as the two runs wrote it uninterrupted: a
    // second warehouse run
    // over the same inputs holds the same rows but for run_id, and cost two more runs
    Map<String, List<String>> uninterrupted = HistoryDumps.dump(store(warehouse), RUN_ID);
    Map<String, List<String>> uninterruptedSecond =
        HistoryDumps.dumpOf(store(warehouse), SECOND, RUN_ID);
    assertThat(uninterruptedSecond)
        .as("the second date has rows in every table")
        .allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());
    ReadersSee complete = ReadersSee.of(store(warehouse));
    assertThat(complete.runDates()).containsExactly(FIRST, SECOND);
    assertThat(complete.report().asOf()).isEqualTo(SECOND);

    // re-runs of the complete second date, killed before gpu_profiles, then before the runs flip:
    // the second kill
    // finds the first one's rows in daily_spend and leaves its own in every table but runs
    for (String table : List.of(HistoryTables.GPU_PROFILES, HistoryTables.RUNS)) {
      killAndCheck(job, warehouse, table, complete, uninterruptedSecond);
    }

    run(job, SECOND);
    HistoryStore store = store(warehouse);
    assertThat(store.runDates()).containsExactly(FIRST, SECOND);
    assertThat(HistoryDumps.dump(store, RUN_ID))
        .as("the history after the re-run")
        .isEqualTo(uninterrupted);
    String current = store.runs().get(1).runId();
    assertThat(HistoryDumps.runIdsOf(store, SECOND))
        .as(
            "the second date's run ids: only the re-run's, the killed runs' and the previous run's rows are gone")
        .allSatisfy((table, runIds) -> assertThat(runIds).as(table).containsExactly(current));
    assertThat(HistoryDumps.dumpOf(store, FIRST, List.of()))
        .as("the first date, never run again")
        .isEqualTo(firstDate);
  }

  /**
   * What readers of the warehouse see: its complete dates, every table's rows of their current runs
   * (run ids too), the report's history of the month, and the date a next run's realized-savings
   * tracking starts from.
   */
  private record ReadersSee(
      List<LocalDate> runDates,
      Map<String, List<String>> current,
      HistorySnapshot report,
      Optional<LocalDate> previous) {
    static ReadersSee of(HistoryStore store) {
      return new ReadersSee(
          store.runDates(),
          HistoryDumps.current(store, List.of()),
          store.snapshot(YearMonth.from(FIRST), SECOND, Map.of()),
          store.previousRunDate(SECOND.plusDays(1)));
    }
  }

  /**
   * Kills a re-run of the second date before {@code table}'s commit, and checks that readers see
   * what they saw before, while the tables before that one hold the killed run's rows of the date
   * (the uninterrupted run's rows, but for their run id) and the others do not.
   */
  private void killAndCheck(
      Path job,
      Path warehouse,
      String table,
      ReadersSee before,
      Map<String, List<String>> uninterruptedSecond)
      throws Exception {
    Map<String, List<String>> runIdsBefore = HistoryDumps.runIdsOf(store(warehouse), SECOND);
    killBeforeCommit(job, table);
    String kill = "the re-run killed before " + table;

    HistoryStore store = store(warehouse);
    ReadersSee after = ReadersSee.of(store);
    assertThat(after.runDates()).as("complete dates after %s", kill).isEqualTo(before.runDates());
    assertThat(after.current())
        .as("the rows readers see after %s", kill)
        .isEqualTo(before.current());
    assertThat(after.report()).as("the report's history after %s", kill).isEqualTo(before.report());
    assertThat(after.previous())
        .as("the date a next run starts from after %s", kill)
        .isEqualTo(before.previous());

    Set<String> killed = new TreeSet<>();
    HistoryDumps.runIdsOf(store, SECOND)
        .forEach(
            (written, runIds) ->
                runIds.stream()
                    .filter(id -> !runIdsBefore.get(written).contains(id))
                    .forEach(killed::add));
    assertThat(killed).as("the run ids %s wrote", kill).hasSize(1);
    List<String> committed = HistoryTables.ALL.subList(0, HistoryTables.ALL.indexOf(table));
    Map<String, List<String>> killedRows =
        HistoryDumps.dumpOf(store, SECOND, killed.iterator().next(), RUN_ID);
    for (String written : HistoryTables.ALL) {
      if (committed.contains(written)) {
        assertThat(killedRows.get(written))
            .as("%s, committed before %s", written, kill)
            .isEqualTo(uninterruptedSecond.get(written));
      } else {
        assertThat(killedRows.get(written))
            .as("%s, not committed before %s", written, kill)
            .isEmpty();
      }
    }
  }

  /**
   * The history fleet's job with a manifest to scan, so that every table, findings too, has rows
   * for each date.
   */
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
    // the killed runs' own JVMs split each shuffle into 2 partitions, as this JVM's shared session
    // does, rather than
    // FleetCost's default of 16: two VMs' rows need no more tasks than that
    Files.writeString(
        job,
        Files.readString(job)
            + "security:\n  - name: k8s\n    path: "
            + manifests
            + "\n"
            + "spark:\n  conf:\n    spark.sql.shuffle.partitions: \"2\"\n    spark.default.parallelism: \"2\"\n");
    return job;
  }

  private static void run(Path job, LocalDate date) {
    Cli.Result result =
        Cli.run(
            "run",
            job.toString(),
            "--date",
            date.toString(),
            "--out",
            job.resolveSibling("out-" + date).toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  /**
   * The warehouse as this JVM's readers see it now. The shared session's Iceberg catalog caches
   * tables, and a table another JVM committed to would be read at its cached snapshot: each read
   * starts from the tables' current metadata.
   */
  private static HistoryStore store(Path warehouse) {
    HistoryStore store =
        HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {});
    for (String table : HistoryTables.ALL) {
      SharedSpark.session().sql("REFRESH TABLE " + store.table(table));
    }
    return store;
  }

  /**
   * Starts the second date's {@code fleetcost run} in its own JVM, blocked before {@code table}'s
   * commit, and sends it SIGKILL once it is blocked there.
   */
  private void killBeforeCommit(Path job, String table) throws Exception {
    Path blocked = dir.resolve("blocked-before-" + table);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens")
          || option.startsWith("-XX:+IgnoreUnrecognized")
          || option.startsWith("-Dio.netty")) {
        command.add(option);
      }
    }
    command.add("-Xmx1g");
    command.add(
        "-Dlog4j2.configurationFile="
            + TestPaths.PROJECT.resolve("target/classes/log4j2.properties"));
    command.add("-cp");
    command.add(
        System.getProperty("java.class.path")); // target/test-classes too, for BlockedHistoryRun
    command.add(BlockedHistoryRun.class.getName());
    command.addAll(List.of(table, SECOND.toString(), blocked.toString()));
    command.addAll(
        List.of(
            "run",
            job.toString(),
            "--date",
            SECOND.toString(),
            "--out",
            job.resolveSibling("out-killed-" + table).toString()));
    Path log = dir.resolve("killed-before-" + table + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!Files.exists(blocked)) {
        assertThat(process.isAlive())
            .as(
                "the run ended before it reached the commit of %s:%n%s",
                table, Files.readString(log, StandardCharsets.UTF_8))
            .isTrue();
        assertThat(System.nanoTime())
            .as("blocked before the commit of %s within 4 minutes", table)
            .isLessThan(deadline);
        Thread.sleep(20);
      }
      process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block, no cleanup
      // runs
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed run is gone").isTrue();
      assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    } finally {
      process.destroyForcibly();
    }
  }
}
