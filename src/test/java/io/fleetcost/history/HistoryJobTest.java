package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.cli.Cli;
import io.fleetcost.samplefleet.HistoryFleets;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history tables as {@code fleetcost run} writes them: re-runs, savings realized from one month
 * to the next, and the report of the month just closed.
 */
class HistoryJobTest {
  @TempDir Path dir;

  /**
   * Two months in one warehouse, run once for the tests that read them: month1.yaml over an October
   * fleet with an idle VM, run for 2 Oct into out1; month2.yaml over a November fleet without it,
   * run for 2 Nov into out2.
   */
  @TempDir static Path twoMonths;

  @BeforeAll
  static void runTwoMonths() throws Exception {
    Path october = twoMonths.resolve("october");
    Path november = twoMonths.resolve("november");
    HistoryFleets.write(october, Instant.parse("2026-10-01T00:00:00Z"), true);
    HistoryFleets.write(november, Instant.parse("2026-11-01T00:00:00Z"), false);
    Path warehouse = twoMonths.resolve("warehouse");
    run(
        HistoryJobs.write(twoMonths, "month1", october, warehouse),
        "2026-10-02",
        twoMonths.resolve("out1"));
    run(
        HistoryJobs.write(twoMonths, "month2", november, warehouse),
        "2026-11-02",
        twoMonths.resolve("out2"));
  }

  private Path job(String name, Path data, Path warehouse) throws Exception {
    return HistoryJobs.write(dir, name, data, warehouse);
  }

  private static void run(Path job, String date, Path out) {
    Cli.Result result = Cli.run("run", job.toString(), "--date", date, "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void anIdleVmGoneFromTheNextMonthsBillIsRealizedForTheBilledDrop() throws Exception {
    HistoryStore store =
        HistoryStore.open(
            SharedSpark.session(),
            twoMonths.resolve("warehouse").toString(),
            "fleetcost",
            line -> {});
    assertThat(store.runDates())
        .containsExactly(LocalDate.parse("2026-10-02"), LocalDate.parse("2026-11-02"));

    // month 1: the idle VM is an opportunity; its bill over the 2-day window is 48 h × 0.526 =
    // 25.248 USD,
    // a spend rate of 25.248 ÷ 48 × 730 = 383.98 USD a month (= 0.526 × 730)
    List<OpportunityRow> first = store.opportunities(LocalDate.parse("2026-10-02"));
    OpportunityRow idle =
        first.stream()
            .filter(o -> o.resourceId().equals(HistoryFleets.IDLE_VM))
            .findFirst()
            .orElseThrow();
    assertThat(idle.lever()).isEqualTo("idle");
    List<RealizedRow> tracked1 = store.realized(LocalDate.parse("2026-10-02"));
    RealizedRow open =
        tracked1.stream()
            .filter(r -> r.opportunityId().equals(idle.id()))
            .findFirst()
            .orElseThrow();
    assertThat(open.status()).isEqualTo(SavingStatus.OPEN);
    assertThat(open.baselineMonthlyCostUsd()).isEqualByComparingTo("383.98");

    // month 2: the VM is gone from the bill and the opportunity with it: realized = 383.98 − 0, the
    // billed drop
    assertThat(store.opportunities(LocalDate.parse("2026-11-02")))
        .noneMatch(o -> o.id().equals(idle.id()));
    RealizedRow closed =
        store.realized(LocalDate.parse("2026-11-02")).stream()
            .filter(r -> r.opportunityId().equals(idle.id()))
            .findFirst()
            .orElseThrow();
    assertThat(closed.status()).isEqualTo(SavingStatus.REALIZED);
    assertThat(closed.identifiedOn()).isEqualTo(LocalDate.parse("2026-10-02"));
    assertThat(closed.closedOn()).isEqualTo(LocalDate.parse("2026-11-02"));
    assertThat(closed.currentMonthlyCostUsd()).isEqualByComparingTo("0.00");
    assertThat(closed.realizedMonthlySavingUsd())
        .isEqualByComparingTo(
            HistoryFleets.IDLE_HOURLY
                .multiply(BigDecimal.valueOf(730))
                .setScale(2, java.math.RoundingMode.HALF_EVEN));
    RunRow november2 = store.runs().get(1);
    assertThat(november2.realizedMonthlyUsd()).isEqualByComparingTo("383.98");
    // the daily spend of both months is there, each usage day once
    HistorySnapshot snapshot =
        store.snapshot(java.time.YearMonth.of(2026, 11), LocalDate.parse("2026-11-02"), Map.of());
    assertThat(snapshot.closed()).isFalse();
    assertThat(snapshot.asOf()).isEqualTo(LocalDate.parse("2026-11-02"));
    assertThat(snapshot.spend())
        .extracting(SpendRow::usageDate)
        .contains(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01"));
    assertThat(snapshot.realized()).anyMatch(r -> r.status() == SavingStatus.REALIZED);
    // read up to 2 Nov, October is closed: as of its last day, its figures those of its last run (2
    // Oct)
    HistorySnapshot october =
        store.snapshot(java.time.YearMonth.of(2026, 10), LocalDate.parse("2026-11-02"), Map.of());
    assertThat(october.closed()).isTrue();
    assertThat(october.asOf()).isEqualTo(LocalDate.parse("2026-10-31"));
    assertThat(october.runs())
        .extracting(RunRow::runDate)
        .containsExactly(LocalDate.parse("2026-10-02"));
    assertThat(october.realized()).noneMatch(r -> r.status() == SavingStatus.REALIZED);
  }

  @Test
  void inTheFirstDaysOfAMonthTheRunReportsTheMonthJustClosedAndReportSaysSo() throws Exception {
    JsonNode first =
        new ObjectMapper().readTree(twoMonths.resolve("out1/summary.json").toFile()).get("report");
    JsonNode second =
        new ObjectMapper().readTree(twoMonths.resolve("out2/summary.json").toFile()).get("report");

    // 2 Oct is within the close day (3), but the history has no September run to close: October to
    // date
    assertThat(first.get("month").asText()).isEqualTo("2026-10");
    assertThat(first.get("closed").asBoolean()).isFalse();
    assertThat(first.get("as_of").asText()).isEqualTo("2026-10-02");
    // 2 Nov: October closed, as of its last day. Its bill is the 2 days of the October fleet (the
    // November fleet's
    // bill has no October day), so the spend is the month-to-date report's, and it is not
    // projected: 1–2 Oct month to
    // date projected to 31 days, closed it is what was spent
    assertThat(second.get("month").asText()).isEqualTo("2026-10");
    assertThat(second.get("closed").asBoolean()).isTrue();
    assertThat(second.get("as_of").asText()).isEqualTo("2026-10-31");
    BigDecimal spent = first.get("spend_month_to_date_usd").decimalValue();
    assertThat(spent).isPositive();
    assertThat(second.get("spend_month_to_date_usd").decimalValue()).isEqualByComparingTo(spent);
    assertThat(second.get("projected_month_usd").decimalValue()).isEqualByComparingTo(spent);
    // (spent is rounded to cents: × 15.5 it is off by up to 0.005 × 15.5 ≈ 0.08)
    assertThat(first.get("projected_month_usd").decimalValue())
        .isCloseTo(
            spent.multiply(BigDecimal.valueOf(31)).divide(BigDecimal.valueOf(2)),
            org.assertj.core.data.Offset.offset(new BigDecimal("0.08")));

    // fleetcost report: October ended before the history's newest run (2 Nov): closed, the run's
    // figures
    Path reportOut = dir.resolve("report-october");
    Cli.Result report =
        Cli.run(
            "report",
            twoMonths.resolve("month2.yaml").toString(),
            "--month",
            "2026-10",
            "--out",
            reportOut.toString());
    assertThat(report.exitCode()).as(report.toString()).isZero();
    assertThat(report.out()).contains("for 2026-10 (closed month), as of 2026-10-31");
    JsonNode headline = new ObjectMapper().readTree(reportOut.resolve("report.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) headline).remove("artifacts");
    ((com.fasterxml.jackson.databind.node.ObjectNode) second).remove("artifacts");
    assertThat(headline).isEqualTo(second);
  }

  @Test
  void runningADateTwiceGivesIdenticalTables() throws Exception {
    Path october = dir.resolve("october");
    HistoryFleets.write(october, Instant.parse("2026-10-01T00:00:00Z"), true);
    Path warehouse = dir.resolve("warehouse");
    Path job = job("twice", october, warehouse);
    run(job, "2026-10-01", dir.resolve("out"));
    run(job, "2026-10-02", dir.resolve("out"));
    HistoryStore store =
        HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {});
    Map<String, List<String>> once = HistoryDumps.dump(store, List.of("run_id"));
    Map<String, List<String>> firstRunOfTheDate =
        HistoryDumps.dumpOf(store, LocalDate.parse("2026-10-02"), List.of());
    assertThat(firstRunOfTheDate.get(HistoryTables.SECURITY_FINDINGS)).isEmpty();
    List<RunRow> runsOnce = store.runs();
    Map<String, Long> snapshotsOnce = snapshots(store);
    assertThat(snapshotsOnce)
        .as("a date's first write: one commit per table")
        .allSatisfy((table, count) -> assertThat(count).as(table).isEqualTo(2));
    run(job, "2026-10-02", dir.resolve("out"));
    Map<String, List<String>> twice = HistoryDumps.dump(store, List.of("run_id"));
    assertThat(twice).isEqualTo(once);
    // identical because the second run replaced the date, not because it left it alone: one commit
    // of its rows per
    // table (in runs, the one that made them current), and one that removed the first run's rows
    // from each table
    // that had any (security_findings has none: the job scans no manifests)
    Map<String, Long> commitsOfTheRerun = new TreeMap<>();
    snapshotsOnce.forEach(
        (table, count) ->
            commitsOfTheRerun.put(
                table,
                count
                    + 1
                    + (table.equals(HistoryTables.RUNS) || firstRunOfTheDate.get(table).isEmpty()
                        ? 0
                        : 1)));
    assertThat(snapshots(store)).isEqualTo(commitsOfTheRerun);
    List<RunRow> runsTwice = store.runs();
    assertThat(runsTwice.get(0).runId())
        .as("2026-10-01, not run again")
        .isEqualTo(runsOnce.get(0).runId());
    assertThat(runsTwice.get(1).runId())
        .as("2026-10-02, run again")
        .isNotEqualTo(runsOnce.get(1).runId());
    assertThat(HistoryDumps.runIdsOf(store, LocalDate.parse("2026-10-02")))
        .as("every table's rows of 2026-10-02 are the re-run's (security_findings has none)")
        .allSatisfy(
            (table, runIds) -> assertThat(runIds).as(table).isSubsetOf(runsTwice.get(1).runId()));
    assertThat(once.get(HistoryTables.RUNS)).hasSize(2);
    assertThat(once.get(HistoryTables.OPPORTUNITIES)).isNotEmpty();
    assertThat(once.get(HistoryTables.DAILY_SPEND)).isNotEmpty();
  }

  /** Each table's number of Iceberg snapshots: one per commit. */
  private static Map<String, Long> snapshots(HistoryStore store) {
    Map<String, Long> snapshots = new TreeMap<>();
    for (String table : HistoryTables.ALL) {
      snapshots.put(table, SharedSpark.session().table(store.table(table) + ".snapshots").count());
    }
    return snapshots;
  }

  @Test
  void backfillRecordsEveryDateOfTheRangeOldestFirstAndWritesTheLastDatesOutputs()
      throws Exception {
    Path october = dir.resolve("october");
    HistoryFleets.write(october, Instant.parse("2026-10-01T00:00:00Z"), true);
    Path warehouse = dir.resolve("warehouse");
    Path out = dir.resolve("out");
    Cli.Result result =
        Cli.run(
            "backfill",
            job("range", october, warehouse).toString(),
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-03",
            "--out",
            out.toString());
    // the fleet's samples end on 2 Oct 23:45, more than 6 hours before the end of 3 Oct: the last
    // date's telemetry is
    // stale, which fails the run (exit 1) after every date is recorded and the outputs are written
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "STALE telemetry 'vms': the newest row reaches 2026-10-02T23:45:00Z, 24.3 h before the end of 2026-10-03");
    assertThat(result.out()).contains("history: 3 run dates recorded (2026-10-01 to 2026-10-03)");
    // the job names no manifests: no score, although the bill's untagged-spend check evaluated the
    // bill
    assertThat(result.out())
        .contains("security: score n/a — no manifests scanned, compliance n/a, 0 findings");
    HistoryStore store =
        HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {});
    List<RunRow> runs = store.runs();
    assertThat(runs)
        .extracting(RunRow::runDate)
        .containsExactly(
            LocalDate.parse("2026-10-01"),
            LocalDate.parse("2026-10-02"),
            LocalDate.parse("2026-10-03"));
    // backfilled dates are full runs (scanned, not seeded), each over its own window: 1 Oct sees a
    // day of data, 2 Oct two
    assertThat(runs).noneMatch(RunRow::seeded);
    assertThat(runs.get(0).windowEnd()).isEqualTo("2026-10-02T00:00:00Z");
    assertThat(runs.get(1).windowEnd()).isEqualTo("2026-10-03T00:00:00Z");
    assertThat(runs.get(0).gpuHours())
        .isEqualTo(2 * 24.0); // two GPUs, the one day of data in the window
    assertThat(runs.get(1).gpuHours()).isEqualTo(2 * 48.0);
    // the data ends on 3 Oct 00:00, so the last date's window ends there too
    assertThat(runs.get(2).windowEnd()).isEqualTo("2026-10-03T00:00:00Z");
    com.fasterxml.jackson.databind.JsonNode summary =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("run_date").asText()).isEqualTo("2026-10-03");
    assertThat(summary.get("report").get("month").asText()).isEqualTo("2026-10");
    assertThat(
            Cli.run(
                    "backfill",
                    job("range2", october, warehouse).toString(),
                    "--from",
                    "2026-10-03",
                    "--to",
                    "2026-10-01")
                .exitCode())
        .as("a range that ends before it starts")
        .isEqualTo(2);
  }
}
