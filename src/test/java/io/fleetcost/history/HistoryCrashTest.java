package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import io.fleetcost.cli.FleetCostMain;
import io.fleetcost.samplefleet.HistoryFleets;
import io.fleetcost.spark.SharedSpark;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL while it writes the history (a separate JVM, {@code kill -9}) leaves the history as it
 * was, and re-running the date gives the same tables as a run that was never interrupted.
 */
class HistoryCrashTest {
  private static final String FIRST = "2026-10-01";
  private static final String SECOND = "2026-10-02";

  @TempDir Path dir;

  @Test
  void aRunKilledDuringItsHistoryWriteLeavesTheHistoryIntactAndARerunMatchesAnUninterruptedRun() throws Exception {
    Path data = dir.resolve("fleet");
    HistoryFleets.write(data, Instant.parse("2026-10-01T00:00:00Z"), true);

    // the reference: both dates, uninterrupted
    Path reference = dir.resolve("reference");
    Path referenceJob = HistoryJobs.write(dir, "crash", data, reference);
    run(referenceJob, FIRST);
    run(referenceJob, SECOND);
    Map<String, List<String>> uninterrupted = dump(reference);

    // the same history, but the second date's run is killed twice while it writes the tables, then re-run
    Path warehouse = dir.resolve("warehouse");
    Path job = HistoryJobs.write(dir.resolve("crashing"), "crash", data, warehouse);
    run(job, FIRST);
    Map<String, List<String>> before = dump(warehouse);
    for (String table : List.of(HistoryTables.GPU_PROFILES, HistoryTables.REALIZED_SAVINGS)) {
      String line = killWhenLogged(job, SECOND, "history: writing " + table + " for " + SECOND);
      HistoryStore store = HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", l -> {});
      List<LocalDate> complete = store.runDates();
      if (complete.contains(LocalDate.parse(SECOND))) {
        // the kill came after the last commit: the date is whole
        assertThat(dump(warehouse)).as("killed after %s", line).isEqualTo(uninterrupted);
      } else {
        assertThat(complete).as("killed at %s", line).containsExactly(LocalDate.parse(FIRST));
        assertThat(firstDateRows(dump(warehouse))).as("the first date's rows after the kill at %s", line).isEqualTo(firstDateRows(before));
      }
    }
    run(job, SECOND);
    assertThat(dump(warehouse)).isEqualTo(uninterrupted);
  }

  private static void run(Path job, String date) {
    Cli.Result result = Cli.run("run", job.toString(), "--date", date, "--out", job.resolveSibling("out-" + date).toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private static Map<String, List<String>> dump(Path warehouse) {
    return HistoryDumps.dump(HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", l -> {}), List.of("run_id"));
  }

  private static Map<String, List<String>> firstDateRows(Map<String, List<String>> dump) {
    Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
    dump.forEach((table, lines) -> rows.put(table, lines.stream().filter(l -> l.startsWith("[" + FIRST)).toList()));
    return rows;
  }

  /** Starts {@code fleetcost run} in its own JVM and sends it SIGKILL as soon as it logs {@code marker}. */
  private String killWhenLogged(Path job, String date, String marker) throws Exception {
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
    command.add(System.getProperty("java.class.path"));
    command.add(FleetCostMain.class.getName());
    command.addAll(List.of("run", job.toString(), "--date", date, "--out", job.resolveSibling("out-killed").toString()));
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (System.nanoTime() < deadline) {
        String log = Files.readString(err, StandardCharsets.UTF_8);
        if (log.contains(marker)) {
          process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
          assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
          assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
          return marker;
        }
        assertThat(process.isAlive()).as("the run ended before it logged '%s':%n%s", marker, log).isTrue();
        Thread.sleep(10);
      }
      throw new AssertionError("no '" + marker + "' in 4 minutes");
    } finally {
      process.destroyForcibly();
    }
  }
}
