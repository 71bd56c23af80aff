package io.fleetcost.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fleetcost.billing.window.BillWindow;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.DailySpend;
import io.fleetcost.history.RunRow;
import io.fleetcost.pipeline.JobRun.HistoryOutcome;
import io.fleetcost.pipeline.JobRun.Request;
import io.fleetcost.quality.InputCoverage;
import io.fleetcost.quality.InputKind;
import io.fleetcost.report.CostAnalysis;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.telemetry.GpuDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The run recorded in the history: the earlier dates first (those of {@code fleetcost backfill}, or
 * the days seeded from this run's data on a history's first run), then the run date.
 */
final class HistoryStage implements RunStage {
  private final RunContext run;

  HistoryStage(RunContext run) {
    this.run = run;
  }

  @Override
  public String name() {
    return "history";
  }

  @Override
  public StageResults run(StageResults before) {
    return before.withHistory(
        record(
            before.normalized(),
            before.billing().ingest(),
            before.telemetry(),
            before.savings(),
            before.security().scan(),
            before.coverage()));
  }

  /**
   * @param telemetry the run's telemetry, or null when the job reads none
   */
  private HistoryOutcome record(
      Dataset<Row> normalized,
      BillingIngestResult billing,
      TelemetryStage.Outcome telemetry,
      SavingsStage.Result savings,
      ScanResult security,
      List<InputCoverage> coverage) {
    boolean billComplete =
        coverage.stream().noneMatch(c -> c.kind() == InputKind.BILLING && c.status().failsTheRun());
    HistoryRecorder.InputFigures figures = inputFigures(billing, telemetry);
    JobConfig config = run.config();
    HistoryRecorder recorder = new HistoryRecorder(run.store(), config, billComplete);
    EarlierDates earlier = earlierDates(savings.job());
    // every date records the daily spend up to it: the days are summed once, each date keeps its
    // part
    Dataset<Row> spendByDay =
        DailySpend.upTo(
                normalized,
                run.request().runDate(),
                config.savings().ownerTags(),
                config.savings().exchangeRatesToUsd())
            .persist(StorageLevel.MEMORY_AND_DISK());
    RecordedBill bill = new RecordedBill(normalized, spendByDay);
    List<String> recorded =
        new ArrayList<>(
            recordEarlier(
                recorder,
                earlier,
                bill,
                telemetry == null ? null : telemetry.days(),
                telemetry == null ? null : telemetry.lastSample(),
                security,
                figures));
    RunRow last = recordRunDate(recorder, bill, savings, security, figures, coverage);
    recorded.add(run.request().runDate().toString());
    spendByDay.unpersist();
    return new HistoryOutcome(
        run.store().warehouse(),
        config.history().namespace(),
        recorded,
        earlier.seeded() ? recorded.subList(0, recorded.size() - 1) : List.of(),
        last.realizedMonthlyUsd(),
        last.inProgressMonthlyUsd());
  }

  /** What the run knows about its inputs, the same for every date it records. */
  private static HistoryRecorder.InputFigures inputFigures(
      BillingIngestResult billing, TelemetryStage.Outcome telemetry) {
    TelemetryIngestResult ingested = telemetry == null ? null : telemetry.ingest();
    return new HistoryRecorder.InputFigures(
        billing.rowsRead(),
        billing.rowsQuarantined(),
        new TreeMap<>(billing.quarantinedByReason()),
        ingested == null ? 0 : ingested.valuesRead(),
        ingested == null ? 0 : ingested.valuesQuarantined());
  }

  /** Records the run date, with the run's scan, coverage and imported recommendations. */
  private RunRow recordRunDate(
      HistoryRecorder recorder,
      RecordedBill bill,
      SavingsStage.Result savings,
      ScanResult security,
      HistoryRecorder.InputFigures figures,
      List<InputCoverage> coverage) {
    LocalDate runDate = run.request().runDate();
    try (ProgressReporter.Stage stage =
        run.progress().start("record history", runDate.toString(), () -> "")) {
      RunRow last =
          recorder.record(
              runDate,
              run.runId(),
              false,
              bill.normalized(),
              bill.spendByDay(),
              savings.job(),
              security,
              figures,
              coverage,
              savings.compared() == null ? List.of() : savings.compared());
      stage.finish("6 tables in " + run.store().warehouse());
      return last;
    }
  }

  /**
   * The dates recorded before the run date, oldest first; {@code seeded} when they are seeded from
   * this run's data (a history's first run) rather than asked for (backfill).
   */
  private record EarlierDates(List<LocalDate> dates, boolean seeded) {}

  private EarlierDates earlierDates(SavingsJob.Result savings) {
    JobConfig config = run.config();
    Request request = run.request();
    if (request.historyDates().isEmpty()
        && config.history().seedDays() > 0
        && run.store().previousRunDate(request.runDate()).isEmpty()) {
      return new EarlierDates(
          seedDates(
              savings.costAnalysis().window(), request.runDate(), config.history().seedDays()),
          true);
    }
    return new EarlierDates(request.historyDates(), false);
  }

  /** The run's bill, and its spend by day ({@link DailySpend}) up to the run date. */
  private record RecordedBill(Dataset<Row> normalized, Dataset<Row> spendByDay) {}

  /**
   * Records each earlier date, its savings found over its own window from the run's bill and the
   * kept telemetry days.
   *
   * @return the dates recorded
   */
  private List<String> recordEarlier(
      HistoryRecorder recorder,
      EarlierDates earlier,
      RecordedBill bill,
      Dataset<Row> gpuDays,
      String lastSample,
      ScanResult security,
      HistoryRecorder.InputFigures figures) {
    List<LocalDate> dates = earlier.dates();
    Dataset<Row> earlierBills = earlierBills(bill.normalized(), earlier);
    Dataset<Row> earlierDays = earlierDays(gpuDays, dates);
    List<SavingsJob.Result> results = earlierSavings(earlierBills, earlierDays, lastSample, dates);
    List<String> recorded = new ArrayList<>();
    for (int i = 0; i < dates.size(); i++) {
      LocalDate date = dates.get(i);
      SavingsJob.Result result = results.get(i);
      try (ProgressReporter.Stage stage =
          run.progress()
              .start(
                  "record history",
                  date + (earlier.seeded() ? " (seeded from this run's data)" : ""),
                  () -> "")) {
        recorder.record(
            date,
            run.runId(),
            earlier.seeded(),
            earlierBills,
            bill.spendByDay(),
            result,
            earlier.seeded() ? null : security,
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
    if (earlierBills != bill.normalized()) {
      earlierBills.unpersist();
    }
    return recorded;
  }

  /**
   * The bill of the earlier dates: seeded dates end before the data does, so their windows end at
   * their own midnight: their bill is the rows of those windows, read once.
   */
  private Dataset<Row> earlierBills(Dataset<Row> normalized, EarlierDates earlier) {
    if (!earlier.seeded()) {
      return normalized;
    }
    List<LocalDate> dates = earlier.dates();
    return BillWindow.inWindow(
            normalized,
            dates
                .get(0)
                .plusDays(1)
                .minusDays(run.config().savings().lookbackDays())
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant(),
            dates.get(dates.size() - 1).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * The kept telemetry days of the earlier dates' windows: the windows are merged from those days,
   * read from the history once.
   */
  private Dataset<Row> earlierDays(Dataset<Row> gpuDays, List<LocalDate> dates) {
    if (gpuDays == null || dates.isEmpty()) {
      return gpuDays;
    }
    return gpuDays
        .filter(
            col(GpuDays.DAY)
                .geq(lit(dates.get(0).minusDays(run.config().savings().lookbackDays() + 1L)))
                .and(col(GpuDays.DAY).leq(lit(dates.get(dates.size() - 1)))))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * The savings of the earlier dates, over their own windows: an earlier date keeps its history
   * only, its profiles and opportunities are not written as files.
   */
  private List<SavingsJob.Result> earlierSavings(
      Dataset<Row> earlierBills,
      Dataset<Row> earlierDays,
      String lastSample,
      List<LocalDate> dates) {
    if (dates.isEmpty()) {
      return List.of();
    }
    JobConfig config = run.config();
    return new SavingsJob(run.spark(), run.progress())
        .run(
            earlierBills,
            earlierDays,
            lastSample,
            run.inventory(),
            config.savings(),
            config.governance().untaggedSpendMaxFraction(),
            run.catalog(),
            dates.stream().map(date -> new SavingsJob.Dated(date, null)).toList());
  }

  /**
   * The {@code days} dates before the last day of the run's window (the newest day the data
   * covers), that come before the run date: for a run over data that ends before the run date, the
   * seeded days are the data's last days.
   */
  static List<LocalDate> seedDates(CostAnalysis.Window window, LocalDate runDate, int days) {
    LocalDate lastDay =
        LocalDate.ofInstant(Instant.parse(window.end()).minusSeconds(1), ZoneOffset.UTC);
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
