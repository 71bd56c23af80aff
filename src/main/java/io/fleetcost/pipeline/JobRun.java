package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.gcp.CatalogPullLanding;
import io.fleetcost.config.CatalogConfig;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.TableCommitHook;
import io.fleetcost.pull.Landing;
import io.fleetcost.quality.InputCoverage;
import io.fleetcost.report.RunMetrics;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import io.fleetcost.summary.SummaryJson;
import io.fleetcost.telemetry.NodeInventory;
import io.fleetcost.telemetry.TelemetryInput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fleetcost run}: runs every stage of a job file for one run date and writes {@code
 * summary.json} beside the stages' outputs. All outputs are committed together at the end ({@link
 * OutputDirectory}); {@code summary.json} last.
 *
 * <p>The stages, in order: {@link BillingStage}, {@link TelemetryStage}, the input coverage ({@link
 * DataQualityGate}), {@link SavingsStage}, {@link SecurityStage}, and with a history {@link
 * HistoryStage} and {@link ReportStage}; then the data-quality verdict ({@link DataQualityGate})
 * and the summary ({@link RunSummaryBuilder}).
 */
public final class JobRun {
  public static final String SUMMARY = "summary.json";
  public static final String BILLING_PREFIX = "billing/";
  public static final String INGEST_SUMMARY = BILLING_PREFIX + "ingest-summary.json";
  public static final String TELEMETRY_PREFIX = "telemetry/";
  public static final String SECURITY_FINDINGS = "security/findings.json";
  public static final String SECURITY_FINDINGS_CSV = "security/findings.csv";
  public static final String METRICS = "metrics.prom";

  /** The folder of the FOCUS export ({@code exports: [focus]}): parquet/, csv/, metadata.json. */
  public static final String FOCUS_EXPORT = "focus";

  /**
   * @param outputDir where to write (already chosen by precedence: flag, job file, default)
   * @param historyDates earlier dates to record in the history before the run date, from the same
   *     inputs ({@code fleetcost backfill}); empty for a plain run
   * @param full recompute everything from the inputs ({@code --full}), ignoring what the history
   *     holds of earlier runs' reading (the telemetry's daily aggregates, the kept billing table);
   *     false reads only what is new
   */
  public record Request(
      Path jobFile,
      JobConfig config,
      List<BillingInput> billing,
      List<TelemetryInput> telemetry,
      List<NodeInventory.Input> inventory,
      LocalDate runDate,
      String outputDir,
      Duration progressInterval,
      List<LocalDate> historyDates,
      boolean full,
      List<String> externalRecommendations) {
    public Request(
        Path jobFile,
        JobConfig config,
        List<BillingInput> billing,
        List<TelemetryInput> telemetry,
        List<NodeInventory.Input> inventory,
        LocalDate runDate,
        String outputDir,
        Duration progressInterval,
        List<LocalDate> historyDates) {
      this(
          jobFile,
          config,
          billing,
          telemetry,
          inventory,
          runDate,
          outputDir,
          progressInterval,
          historyDates,
          false);
    }

    public Request(
        Path jobFile,
        JobConfig config,
        List<BillingInput> billing,
        List<TelemetryInput> telemetry,
        List<NodeInventory.Input> inventory,
        LocalDate runDate,
        String outputDir,
        Duration progressInterval,
        List<LocalDate> historyDates,
        boolean full) {
      this(
          jobFile,
          config,
          billing,
          telemetry,
          inventory,
          runDate,
          outputDir,
          progressInterval,
          historyDates,
          full,
          List.of());
    }

    public Request {
      historyDates = historyDates == null ? List.of() : List.copyOf(historyDates);
      externalRecommendations =
          externalRecommendations == null ? List.of() : List.copyOf(externalRecommendations);
      if (historyDates.stream().anyMatch(d -> !d.isBefore(runDate))) {
        throw new IllegalArgumentException(
            "history dates must come before the run date " + runDate);
      }
      Objects.requireNonNull(jobFile, "jobFile is null");
      Objects.requireNonNull(config, "config is null");
      billing = List.copyOf(billing);
      telemetry = List.copyOf(telemetry);
      inventory = List.copyOf(inventory);
      Objects.requireNonNull(runDate, "runDate is null");
      Objects.requireNonNull(outputDir, "outputDir is null");
    }
  }

  /**
   * @param exitCode 0; 2 when a data-quality limit of the job was exceeded or a manifest could not
   *     be read; 1 when an input is missing or stale and {@code data-quality.on-missing-input} is
   *     {@code fail} (outputs are still written)
   */
  public record Outcome(String runId, String outputDir, RunSummary summary, int exitCode) {}

  private JobRun() {}

  /**
   * @param clock the time of {@code started_at}, {@code finished_at} and the run id (never the run
   *     date)
   * @param commitHook called before each history table's commit ({@link TableCommitHook#NONE} but
   *     in tests)
   */
  public static Outcome execute(
      SparkSessionProvider sessions,
      SparkSettings settings,
      Request request,
      Clock clock,
      TableCommitHook commitHook) {
    SparkSession spark = sessions.open(settings);
    try {
      return execute(spark, request, clock, commitHook);
    } finally {
      sessions.release(spark);
    }
  }

  static Outcome execute(
      SparkSession spark, Request request, Clock clock, TableCommitHook commitHook) {
    Instant started = clock.instant();
    String runId = RunIdentity.newRunId(started);
    try (ProgressReporter progress = new ProgressReporter(request.progressInterval());
        OutputDirectory output =
            new OutputDirectory(
                spark.sparkContext().hadoopConfiguration(), request.outputDir(), runId)) {
      RunContext run = RunContext.open(spark, request, runId, clock, progress, output, commitHook);
      RunSummaryBuilder.Stages stages = runStages(run);
      List<String> written = new ArrayList<>(written(stages));
      DataQualityGate.Verdict verdict =
          DataQualityGate.judge(
              run,
              stages.billing().ingest(),
              stages.telemetry(),
              stages.security().scan(),
              stages.coverage());
      RunSummary summary = RunSummaryBuilder.build(run, stages, verdict, started, clock.instant());
      output.writeText(METRICS, metrics(summary, stages.savings().job(), stages.history()).text());
      written.add(METRICS);
      output.writeText(SUMMARY, SummaryJson.write(summary));
      written.add(SUMMARY);
      output.commit(written);
      return new Outcome(runId, output.root(), summary, verdict.exitCode());
    }
  }

  /** The stages of the run, in order; each stages its outputs. */
  private static RunSummaryBuilder.Stages runStages(RunContext run) {
    BillingStage billingStage = new BillingStage(run);
    BillingStage.Result billing = billingStage.run();
    TelemetryStage.Outcome telemetry =
        run.request().telemetry().isEmpty()
            ? null
            : new TelemetryStage(run.spark(), run.progress()).run(run);
    Dataset<Row> normalized = billingStage.normalized(billing);
    List<String> focus =
        run.config().exportsFocus() ? billingStage.exportFocus(billing, normalized) : List.of();
    List<InputCoverage> coverage =
        DataQualityGate.checkCoverage(run, normalized, billing, telemetry);
    SavingsStage.Result savings = new SavingsStage(run).run(normalized, telemetry);
    SecurityStage.Result security = new SecurityStage(run).run(savings.job());
    HistoryOutcome history = null;
    ReportStage.Result report = null;
    if (run.store() != null) {
      history =
          new HistoryStage(run)
              .run(normalized, billing.ingest(), telemetry, savings, security.scan(), coverage);
      report = new ReportStage(run).run();
    }
    return new RunSummaryBuilder.Stages(
        billing, normalized, telemetry, focus, coverage, savings, security, history, report);
  }

  /** The outputs the stages staged, in the order they ran. */
  private static List<String> written(RunSummaryBuilder.Stages stages) {
    List<String> written = new ArrayList<>(stages.billing().written());
    if (stages.telemetry() != null) {
      written.addAll(TelemetryStage.OUTPUTS);
    }
    written.addAll(stages.focusExport());
    written.addAll(stages.savings().written());
    written.addAll(stages.security().written());
    if (stages.report() != null) {
      written.addAll(stages.report().written());
    }
    return written;
  }

  /** The run's figures for Prometheus (metrics.prom). */
  static RunMetrics metrics(RunSummary summary, SavingsJob.Result savings, HistoryOutcome history) {
    RunMetrics m = new RunMetrics(summary.job().name());
    m.gauge(
        "fleetcost_run_success",
        "1 when the last run succeeded, 0 when it failed",
        summary.status().equals("succeeded") ? 1 : 0);
    m.gauge(
        "fleetcost_run_duration_seconds", "Duration of the last run", summary.durationSeconds());
    m.gauge(
        "fleetcost_run_timestamp_seconds",
        "When the last run finished, Unix time",
        Instant.parse(summary.finishedAt()).getEpochSecond());
    m.gauge(
        "fleetcost_billing_rows",
        "Billing rows of the last run",
        Map.of("state", "read"),
        summary.rowCounts().get("billing_rows_read"));
    m.gauge(
        "fleetcost_billing_rows",
        "",
        Map.of("state", "kept"),
        summary.rowCounts().get("billing_rows_kept"));
    m.gauge(
        "fleetcost_billing_rows",
        "",
        Map.of("state", "quarantined"),
        summary.rowCounts().get("billing_rows_quarantined"));
    m.gauge(
        "fleetcost_billing_rows",
        "",
        Map.of("state", "duplicate"),
        summary.rowCounts().get("billing_rows_duplicate"));
    summary
        .dataQuality()
        .quarantinedByReason()
        .forEach(
            (reason, rows) ->
                m.gauge(
                    "fleetcost_billing_rows_quarantined_by_reason",
                    "Billing rows quarantined, by reason",
                    Map.of("reason", reason),
                    rows));
    if (summary.telemetry() != null) {
      m.gauge(
          "fleetcost_telemetry_values",
          "Telemetry values of the last run",
          Map.of("state", "read"),
          summary.telemetry().valuesRead());
      m.gauge(
          "fleetcost_telemetry_values",
          "",
          Map.of("state", "quarantined"),
          summary.telemetry().valuesQuarantined());
      m.gauge(
          "fleetcost_gpu_samples",
          "GPU samples (one per GPU per time) of the last run",
          summary.telemetry().samples());
    }
    var analysis = summary.costAnalysis();
    m.gauge(
        "fleetcost_monthly_spend_usd",
        "The whole bill at the window's rate, USD per 730-hour month",
        analysis.monthlyEstimateUsd());
    m.gauge(
        "fleetcost_gpu_monthly_spend_usd",
        "The GPU resources analysed, USD per month",
        analysis.gpuMonthlyCostUsd());
    m.gauge(
        "fleetcost_identified_savings_monthly_usd",
        "Savings identified, USD per month",
        analysis.identifiedMonthlySavingsUsd());
    for (var lever : analysis.breakdown().byLever()) {
      m.gauge(
          "fleetcost_identified_savings_by_lever_monthly_usd",
          "Savings identified by lever, USD per month",
          Map.of("lever", lever.lever()),
          lever.monthlySavingUsd());
    }
    m.gauge(
        "fleetcost_opportunities", "Opportunities of the last run", analysis.opportunityCount());
    m.gauge(
        "fleetcost_unjoined_gpu_hours_ratio",
        "Share of GPU hours not joined to a bill",
        analysis.coverage().gpuHoursUnjoinedShare());
    if (summary.securityPosture() != null) {
      // no score without scanned manifests: the gauges are left out rather than reported as 100
      if (summary.securityPosture().score() != null) {
        m.gauge(
            "fleetcost_security_score",
            "Weighted security risk score, 0-100, higher is better",
            summary.securityPosture().score());
        m.gauge(
            "fleetcost_security_compliance_ratio",
            "Passed checks over applicable, 0-1",
            summary.securityPosture().compliancePct() / 100);
      }
      m.gauge(
          "fleetcost_security_scan_partial",
          "1 when a manifest file could not be read",
          summary.securityPosture().partial() ? 1 : 0);
      summary
          .securityPosture()
          .findingsBySeverity()
          .forEach(
              (severity, count) ->
                  m.gauge(
                      "fleetcost_security_findings",
                      "Security findings by severity",
                      Map.of("severity", severity),
                      count));
    }
    if (history != null && history.realizedMonthlyUsd() != null) {
      m.gauge(
          "fleetcost_realized_savings_monthly_usd",
          "Savings realized (the bill dropped), USD per month",
          history.realizedMonthlyUsd());
      m.gauge(
          "fleetcost_in_progress_savings_monthly_usd",
          "Savings in progress, USD per month",
          history.inProgressMonthlyUsd());
    }
    return m;
  }

  /**
   * Where a run's history went: the warehouse and the dates it recorded, oldest first (the run date
   * last).
   */
  public record HistoryOutcome(
      String warehouse,
      String namespace,
      List<String> datesRecorded,
      List<String> seededDates,
      BigDecimal realizedMonthlyUsd,
      BigDecimal inProgressMonthlyUsd) {}

  /**
   * The bundled catalog, with the GCP prices of the newest landed pull on or before the run date
   * when the job's catalog comes from the Cloud Billing Catalog (pulls land only in a local output
   * folder).
   */
  public static Catalog catalog(Request request) {
    Catalog bundled = Catalog.bundled();
    if (!request.config().catalog().pulled() || request.outputDir().contains("://")) {
      return bundled;
    }
    return CatalogPullLanding.refreshed(
        bundled,
        new Landing(java.nio.file.Path.of(request.outputDir())),
        CatalogConfig.LANDING_INPUT,
        request.runDate());
  }

  /**
   * The warehouse of a job: {@code history.warehouse}, else the {@code history} folder inside the
   * output folder.
   */
  public static String warehouse(JobConfig config, String outputDir) {
    return config.history().warehouse() != null
        ? config.history().warehouse()
        : new org.apache.hadoop.fs.Path(outputDir, "history").toString();
  }
}
