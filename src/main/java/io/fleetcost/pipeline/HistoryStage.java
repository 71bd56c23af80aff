package io.fleetcost.pipeline;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.pipeline.JobRun.HistoryOutcome;
import io.fleetcost.pipeline.JobRun.Request;
import io.fleetcost.quality.InputCoverage;
import io.fleetcost.quality.InputKind;
import io.fleetcost.savings.RecommendationComparison;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.telemetry.GpuDays;
import io.fleetcost.telemetry.NodeInventory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The run recorded in the history: the earlier dates first (those of {@code fleetcost backfill}, or
 * the days seeded from this run's data on a history's first run), then the run date.
 *
 * <p>{@link #recordHistory} is over 60 lines: it is kept whole, as it was in {@code JobRun}, so
 * that changes to its loop over the earlier dates apply to it unchanged.
 */
final class HistoryStage {
  private final RunContext run;

  HistoryStage(RunContext run) {
    this.run = run;
  }

  /**
   * @param telemetry the run's telemetry, or null when the job reads none
   */
  HistoryOutcome run(
      Dataset<Row> normalized,
      BillingIngestResult billing,
      TelemetryStage.Outcome telemetry,
      SavingsStage.Result savings,
      ScanResult security,
      List<InputCoverage> coverage) {
    TelemetryIngestResult ingested = telemetry == null ? null : telemetry.ingest();
    HistoryRecorder.InputFigures figures =
        new HistoryRecorder.InputFigures(
            billing.rowsRead(),
            billing.rowsQuarantined(),
            new TreeMap<>(billing.quarantinedByReason()),
            ingested == null ? 0 : ingested.valuesRead(),
            ingested == null ? 0 : ingested.valuesQuarantined());
    boolean billComplete =
        coverage.stream().noneMatch(c -> c.kind() == InputKind.BILLING && c.status().failsTheRun());
    return recordHistory(
        run.spark(),
        run.store(),
        run.request(),
        run.runId(),
        run.progress(),
        normalized,
        telemetry == null ? null : telemetry.days(),
        telemetry == null ? null : telemetry.lastSample(),
        run.inventory(),
        run.catalog(),
        savings.job(),
        security,
        figures,
        coverage,
        billComplete,
        savings.compared() == null ? List.of() : savings.compared());
  }

  private static HistoryOutcome recordHistory(
      SparkSession spark,
      HistoryStore store,
      Request request,
      String runId,
      ProgressReporter progress,
      Dataset<Row> normalized,
      Dataset<Row> gpuDays,
      String lastSample,
      NodeInventory inventory,
      Catalog catalog,
      SavingsJob.Result savings,
      ScanResult security,
      HistoryRecorder.InputFigures figures,
      List<InputCoverage> coverage,
      boolean billComplete,
      List<RecommendationComparison.Row> external) {
    JobConfig config = request.config();
    HistoryRecorder recorder = new HistoryRecorder(store, config, billComplete);
    List<LocalDate> earlier = request.historyDates();
    boolean seeded = false;
    if (earlier.isEmpty()
        && config.history().seedDays() > 0
        && store.previousRunDate(request.runDate()).isEmpty()) {
      earlier =
          seedDates(
              savings.costAnalysis().window(), request.runDate(), config.history().seedDays());
      seeded = true;
    }
    List<String> recorded = new ArrayList<>();
    // every date records the daily spend up to it: the days are summed once, each date keeps its
    // part
    Dataset<Row> spendByDay =
        recorder
            .dailySpend(normalized, request.runDate(), config.savings().exchangeRatesToUsd())
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // seeded dates end before the data does, so their windows end at their own midnight: their bill
    // is the rows of
    // those windows, read once
    Dataset<Row> earlierBills =
        !seeded
            ? normalized
            : BillWindow.inWindow(
                    normalized,
                    earlier
                        .get(0)
                        .plusDays(1)
                        .minusDays(config.savings().lookbackDays())
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant(),
                    earlier
                        .get(earlier.size() - 1)
                        .plusDays(1)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant())
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // the earlier dates' windows are merged from the kept days: those days are read from the
    // history once
    Dataset<Row> earlierDays =
        gpuDays == null || earlier.isEmpty()
            ? gpuDays
            : gpuDays
                .filter(
                    org.apache
                        .spark
                        .sql
                        .functions
                        .col(GpuDays.DAY)
                        .geq(
                            org.apache.spark.sql.functions.lit(
                                earlier.get(0).minusDays(config.savings().lookbackDays() + 1L)))
                        .and(
                            org.apache
                                .spark
                                .sql
                                .functions
                                .col(GpuDays.DAY)
                                .leq(
                                    org.apache.spark.sql.functions.lit(
                                        earlier.get(earlier.size() - 1)))))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // an earlier date keeps its history only: its profiles and opportunities are not written as
    // files
    List<SavingsJob.Dated> dates =
        earlier.stream().map(date -> new SavingsJob.Dated(date, null)).toList();
    List<SavingsJob.Result> results =
        dates.isEmpty()
            ? List.of()
            : new SavingsJob(spark, progress)
                .run(
                    earlierBills,
                    earlierDays,
                    lastSample,
                    inventory,
                    config.savings(),
                    config.governance().untaggedSpendMaxFraction(),
                    catalog,
                    dates);
    for (int i = 0; i < earlier.size(); i++) {
      LocalDate date = earlier.get(i);
      SavingsJob.Result result = results.get(i);
      try (ProgressReporter.Stage stage =
          progress.start(
              "record history",
              date + (seeded ? " (seeded from this run's data)" : ""),
              () -> "")) {
        recorder.record(
            date,
            runId,
            seeded,
            earlierBills,
            spendByDay,
            result,
            seeded ? null : security,
            figures,
            List.of(),
            List.of());
        recorded.add(date.toString());
        stage.finish(result.savings().opportunities().size() + " opportunities");
      }
    }
    if (earlierDays != gpuDays) {
      earlierDays.unpersist();
    }
    if (earlierBills != normalized) {
      earlierBills.unpersist();
    }
    io.fleetcost.history.RunRow last;
    try (ProgressReporter.Stage stage =
        progress.start("record history", request.runDate().toString(), () -> "")) {
      last =
          recorder.record(
              request.runDate(),
              runId,
              false,
              normalized,
              spendByDay,
              savings,
              security,
              figures,
              coverage,
              external);
      recorded.add(request.runDate().toString());
      stage.finish("6 tables in " + store.warehouse());
    }
    spendByDay.unpersist();
    return new HistoryOutcome(
        store.warehouse(),
        config.history().namespace(),
        recorded,
        seeded ? recorded.subList(0, recorded.size() - 1) : List.of(),
        last.realizedMonthlyUsd(),
        last.inProgressMonthlyUsd());
  }

  /**
   * The {@code days} dates before the last day of the run's window (the newest day the data
   * covers), that come before the run date: for a run over data that ends before the run date, the
   * seeded days are the data's last days.
   */
  static List<LocalDate> seedDates(
      io.fleetcost.report.CostAnalysis.Window window, LocalDate runDate, int days) {
    LocalDate lastDay =
        LocalDate.ofInstant(Instant.parse(window.end()).minusSeconds(1), java.time.ZoneOffset.UTC);
    List<LocalDate> dates = new ArrayList<>();
    for (int i = days; i >= 1; i--) {
      LocalDate date = lastDay.minusDays(i);
      if (date.isBefore(runDate)) {
        dates.add(date);
      }
    }
    return dates;
  }
}
