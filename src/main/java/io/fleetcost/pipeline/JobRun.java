package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.gcp.CatalogPullLanding;
import io.fleetcost.config.CatalogConfig;
import io.fleetcost.pull.Landing;
import io.fleetcost.report.RecommendationExport;
import io.fleetcost.savings.RecommendationComparison;
import io.fleetcost.report.SecurityPosture;
import io.fleetcost.history.BillingStore;
import io.fleetcost.history.HistoryCatalog;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.history.TelemetryDayStore;
import io.fleetcost.summary.SummaryJson;
import io.fleetcost.telemetry.GpuDays;
import io.fleetcost.quality.InputCoverage;
import io.fleetcost.quality.InputKind;
import io.fleetcost.history.TableCommitHook;
import io.fleetcost.report.FindingExport;
import io.fleetcost.report.RunMetrics;
import io.fleetcost.scan.ScanReport;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.scan.SecurityScan;
import io.fleetcost.telemetry.NodeInventory;
import io.fleetcost.telemetry.TelemetryInput;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import java.util.TreeMap;
import io.fleetcost.config.JobConfig;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.spark.ProgressReporter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fleetcost run}: runs every stage of a job file for one run date and writes {@code summary.json} beside
 * the stages' outputs. All outputs are committed together at the end ({@link OutputDirectory}); {@code
 * summary.json} last.
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
   * @param historyDates earlier dates to record in the history before the run date, from the same inputs
   *     ({@code fleetcost backfill}); empty for a plain run
   * @param full recompute everything from the inputs ({@code --full}), ignoring what the history holds of earlier runs'
   *     reading (the telemetry's daily aggregates, the kept billing table); false reads only what is new
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
        Path jobFile, JobConfig config, List<BillingInput> billing, List<TelemetryInput> telemetry,
        List<NodeInventory.Input> inventory, LocalDate runDate, String outputDir, Duration progressInterval,
        List<LocalDate> historyDates) {
      this(jobFile, config, billing, telemetry, inventory, runDate, outputDir, progressInterval, historyDates, false);
    }

    public Request(
        Path jobFile, JobConfig config, List<BillingInput> billing, List<TelemetryInput> telemetry,
        List<NodeInventory.Input> inventory, LocalDate runDate, String outputDir, Duration progressInterval,
        List<LocalDate> historyDates, boolean full) {
      this(jobFile, config, billing, telemetry, inventory, runDate, outputDir, progressInterval, historyDates, full, List.of());
    }

    public Request {
      historyDates = historyDates == null ? List.of() : List.copyOf(historyDates);
      externalRecommendations = externalRecommendations == null ? List.of() : List.copyOf(externalRecommendations);
      if (historyDates.stream().anyMatch(d -> !d.isBefore(runDate))) {
        throw new IllegalArgumentException("history dates must come before the run date " + runDate);
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
   * @param exitCode 0; 2 when a data-quality limit of the job was exceeded or a manifest could not be read; 1 when an
   *     input is missing or stale and {@code data-quality.on-missing-input} is {@code fail} (outputs are still written)
   */
  public record Outcome(String runId, String outputDir, RunSummary summary, int exitCode) {}

  private JobRun() {}

  /**
   * @param clock the time of {@code started_at}, {@code finished_at} and the run id (never the run date)
   * @param commitHook called before each history table's commit ({@link TableCommitHook#NONE} but in tests)
   */
  public static Outcome execute(
      SparkSessionProvider sessions, SparkSettings settings, Request request, Clock clock, TableCommitHook commitHook) {
    SparkSession spark = sessions.open(settings);
    try {
      return execute(spark, request, clock, commitHook);
    } finally {
      sessions.release(spark);
    }
  }

  static Outcome execute(SparkSession spark, Request request, Clock clock, TableCommitHook commitHook) {
    Instant started = clock.instant();
    String runId = RunIdentity.newRunId(started);
    try (ProgressReporter progress = new ProgressReporter(request.progressInterval());
        OutputDirectory output =
            new OutputDirectory(spark.sparkContext().hadoopConfiguration(), request.outputDir(), runId)) {
      NodeInventory inventory = NodeInventory.read(spark.sparkContext().hadoopConfiguration(), request.inventory());
      Catalog catalog = catalog(request);
      List<String> written = new ArrayList<>();
      // with history, billing is incremental: only new and changed files are read, into the history's kept billing
      // table, which is the run's normalized table (every period of every input); without, every file is read
      HistoryStore store =
          request.config().history().enabled()
              ? HistoryStore.open(
                  spark, warehouse(request.config(), request.outputDir()), request.config().history().namespace(),
                  HistoryCatalog.of(request.config().history(), System.getenv()), progress::note, commitHook)
              : null;
      IncrementalBillingIngest.Outcome kept = null;
      BillingIngestResult billing;
      if (store != null) {
        kept =
            new IncrementalBillingIngest(spark, progress, BillingStore.open(spark, store, progress::note, commitHook))
                .run(request.billing(), request.full(), output, BILLING_PREFIX, runId, clock.instant(), request.runDate());
        billing = kept.result();
      } else {
        billing = new BillingIngestJob(spark, progress).run(request.billing(), output, BILLING_PREFIX);
      }
      output.writeText(
          INGEST_SUMMARY,
          SummaryJson.write(
              IngestSummary.of(
                  runId,
                  clock.instant().toString(),
                  billing,
                  Map.of(
                      "normalized", BillingIngestJob.NORMALIZED,
                      "quarantine", BillingIngestJob.QUARANTINE),
                  kept == null ? null : kept.incremental())));
      written.addAll(
          List.of(BILLING_PREFIX + BillingIngestJob.NORMALIZED, BILLING_PREFIX + BillingIngestJob.QUARANTINE, INGEST_SUMMARY));

      TelemetryStage.Outcome telemetryStage = null;
      TelemetryIngestResult telemetry = null;
      Dataset<Row> gpuDays = null;
      String lastSample = null;
      if (!request.telemetry().isEmpty()) {
        telemetryStage =
            new TelemetryStage(spark, progress)
                .run(
                    request.telemetry(), output, TELEMETRY_PREFIX, SavingsJob.daySettings(request.config().savings()),
                    store == null ? null : TelemetryDayStore.open(spark, store, progress::note), request.full(), runId);
        telemetry = telemetryStage.ingest();
        gpuDays = telemetryStage.days();
        lastSample = GpuDays.newestSample(gpuDays);
        written.add(TELEMETRY_PREFIX + TelemetryIngestJob.SAMPLES);
        written.add(TELEMETRY_PREFIX + TelemetryIngestJob.QUARANTINE);
        written.add(TELEMETRY_PREFIX + TelemetryIngestJob.LABEL_SETS);
      }
      Dataset<Row> normalized =
          kept != null ? kept.normalized() : spark.read().parquet(output.staged(BILLING_PREFIX + BillingIngestJob.NORMALIZED));
      if (request.config().exportsFocus()) {
        // every row of the run's billing table: with history, the kept table (every file ever read)
        written.addAll(
            new FocusExportJob(spark, progress)
                .write(normalized, null, null, FocusExportJob.sources(billing), output, FOCUS_EXPORT + "/", clock.instant())
                .written());
      }
      List<InputCoverage> coverage;
      try (ProgressReporter.Stage stage = progress.start("check input coverage", request.runDate().toString(), () -> "")) {
        coverage =
            DataCoverage.assess(
                request.config(), request.runDate(), normalized, kept != null ? kept.inputOfFile() : DataCoverage.filesRead(billing),
                telemetryStage);
        List<InputCoverage> notOk = coverage.stream().filter(c -> !c.ok()).toList();
        stage.finish(notOk.isEmpty() ? "every input ok" : DataCoverage.describe(notOk));
      }
      boolean billComplete =
          coverage.stream().noneMatch(c -> c.kind() == InputKind.BILLING && c.status().failsTheRun());
      SavingsJob.Result savings =
          new SavingsJob(spark, progress)
              .run(
                  normalized,
                  gpuDays,
                  lastSample,
                  inventory,
                  request.config().savings(),
                  request.config().governance().untaggedSpendMaxFraction(),
                  catalog,
                  request.runDate(),
                  output);
      written.addAll(savings.outputs());
      List<RecommendationComparison.Row> compared = null;
      if (!request.externalRecommendations().isEmpty()) {
        compared =
            RecommendationComparison.compare(
                savings.savings().opportunities(), ExternalRecommendations.read(spark, request.externalRecommendations()), "AWS");
        output.writeText(RecommendationExport.JSON_FILE, RecommendationExport.json(compared));
        output.writeText(RecommendationExport.CSV_FILE, RecommendationExport.csv(compared));
        written.add(RecommendationExport.JSON_FILE);
        written.add(RecommendationExport.CSV_FILE);
      }

      List<java.nio.file.Path> securityPaths =
          request.config().security().stream().flatMap(i -> i.path().stream()).map(java.nio.file.Path::of).toList();
      ScanResult security;
      try (ProgressReporter.Stage stage = progress.start("scan Kubernetes manifests", securityPaths.size() + " paths", () -> "")) {
        security = new SecurityScan().scan(securityPaths, false, savings.governance()).overall();
        stage.finish(security.findings().size() + " findings in " + security.files().size() + " files, score " + security.scoreText());
      }
      output.writeText(SECURITY_FINDINGS, ScanReport.json(security, List.of(security)));
      output.writeText(SECURITY_FINDINGS_CSV, FindingExport.csv(security.findings()));
      written.add(SECURITY_FINDINGS);
      written.add(SECURITY_FINDINGS_CSV);

      HistoryOutcome history = null;
      ReportPublisher.Headline report = null;
      if (store != null) {
        HistoryRecorder.InputFigures figures =
            new HistoryRecorder.InputFigures(
                billing.rowsRead(),
                billing.rowsQuarantined(),
                new TreeMap<>(billing.quarantinedByReason()),
                telemetry == null ? 0 : telemetry.valuesRead(),
                telemetry == null ? 0 : telemetry.valuesQuarantined());
        history =
            recordHistory(
                spark, store, request, runId, progress, normalized, gpuDays, lastSample, inventory, catalog, savings, security, figures,
                coverage, billComplete, compared == null ? List.of() : compared);
        YearMonth month = ReportPublisher.reportMonthOfRun(request.runDate(), request.config().report().closeDay(), store.runDates());
        try (ProgressReporter.Stage stage = progress.start("render the monthly report", month.toString(), () -> "")) {
          report = ReportPublisher.publish(store, request.config(), month, request.runDate(), output, false);
          written.addAll(ReportPublisher.outputs());
          stage.finish("report.pdf, report.html, trends.html " + (report.closed() ? "of the closed month, " : "") + "as of " + report.asOf());
        }
      }

      BigDecimal fraction = fraction(billing.rowsQuarantined(), billing.rowsRead());
      BigDecimal limit = request.config().dataQuality().maxQuarantinedFraction();
      List<String> failures = new ArrayList<>();
      if (limit != null && fraction.compareTo(limit) > 0) {
        failures.add(
            String.format(
                "Cannot accept the billing input: %s of %s rows were quarantined (fraction %s), above"
                    + " data-quality.max-quarantined-fraction %s; see %s",
                ProgressReporter.count(billing.rowsQuarantined()),
                ProgressReporter.count(billing.rowsRead()),
                fraction.stripTrailingZeros().toPlainString(),
                limit.toPlainString(),
                output.finalPath(BILLING_PREFIX + BillingIngestJob.QUARANTINE)));
      }
      BigDecimal telemetryFraction =
          telemetry == null ? BigDecimal.ZERO : fraction(telemetry.valuesQuarantined(), telemetry.valuesRead());
      BigDecimal telemetryLimit = request.config().dataQuality().maxQuarantinedTelemetryFraction();
      if (telemetry != null && telemetryLimit != null && telemetryFraction.compareTo(telemetryLimit) > 0) {
        failures.add(
            String.format(
                "Cannot accept the telemetry input: %s of %s values were quarantined (fraction %s), above"
                    + " data-quality.max-quarantined-telemetry-fraction %s; see %s",
                ProgressReporter.count(telemetry.valuesQuarantined()),
                ProgressReporter.count(telemetry.valuesRead()),
                telemetryFraction.stripTrailingZeros().toPlainString(),
                telemetryLimit.toPlainString(),
                output.finalPath(TELEMETRY_PREFIX + TelemetryIngestJob.QUARANTINE)));
      }
      List<String> unreadable =
          security.files().stream()
              .filter(f -> f.status().equals("error") || f.status().equals("partly-read"))
              .map(f -> f.file() + " (" + String.join("; ", f.problems()) + ")")
              .toList();
      if (!unreadable.isEmpty()) {
        failures.add("Cannot read every security input: " + String.join(", ", unreadable) + "; see " + output.finalPath(SECURITY_FINDINGS));
      }
      List<InputCoverage> failing = coverage.stream().filter(c -> c.status().failsTheRun()).toList();
      List<String> warnings = new ArrayList<>(billing.warnings());
      if (telemetryStage != null) {
        warnings.addAll(telemetryStage.warnings());
      }
      boolean inputsFail = !failing.isEmpty() && request.config().dataQuality().failOnMissingInput();
      if (inputsFail) {
        failures.add(
            "Missing or stale input: " + DataCoverage.describe(failing)
                + " (set data-quality.on-missing-input: warn to accept it)");
      }
      coverage.stream()
          .filter(c -> !c.ok() && !(inputsFail && c.status().failsTheRun()))
          .forEach(c -> warnings.add("Input coverage: " + DataCoverage.describe(List.of(c))));
      boolean failed = !failures.isEmpty();
      boolean badInput = failures.size() > (inputsFail ? 1 : 0);

      Map<String, String> artifacts = new LinkedHashMap<>();
      artifacts.put("billing_normalized", BILLING_PREFIX + BillingIngestJob.NORMALIZED);
      artifacts.put("billing_quarantine", BILLING_PREFIX + BillingIngestJob.QUARANTINE);
      artifacts.put("billing_ingest_summary", INGEST_SUMMARY);
      if (telemetry != null) {
        artifacts.put("telemetry_gpu_samples", TELEMETRY_PREFIX + TelemetryIngestJob.SAMPLES);
        artifacts.put("telemetry_quarantine", TELEMETRY_PREFIX + TelemetryIngestJob.QUARANTINE);
        artifacts.put("telemetry_gpu_label_sets", TELEMETRY_PREFIX + TelemetryIngestJob.LABEL_SETS);
      }
      if (savings.outputs().contains(SavingsJob.GPU_PROFILES)) {
        artifacts.put("gpu_profiles", SavingsJob.GPU_PROFILES);
        artifacts.put("workload_profiles", SavingsJob.WORKLOAD_PROFILES);
      }
      if (request.config().exportsFocus()) {
        artifacts.put("focus_export", FOCUS_EXPORT);
      }
      artifacts.put("security_findings", SECURITY_FINDINGS);
      artifacts.put("findings_json", SECURITY_FINDINGS);
      artifacts.put("findings_csv", SECURITY_FINDINGS_CSV);
      artifacts.put("opportunities_json", SavingsJob.OPPORTUNITIES_JSON);
      artifacts.put("opportunities_csv", SavingsJob.OPPORTUNITIES_CSV);
      if (compared != null) {
        artifacts.put("external_recommendations_json", RecommendationExport.JSON_FILE);
        artifacts.put("external_recommendations_csv", RecommendationExport.CSV_FILE);
      }
      if (report != null) {
        artifacts.putAll(report.artifacts());
      }
      artifacts.put("metrics", METRICS);
      artifacts.put("summary", SUMMARY);

      Instant finished = clock.instant();
      RunSummary summary =
          new RunSummary(
              RunIdentity.version(),
              runId,
              failed ? "failed" : "succeeded",
              failed ? String.join("; ", failures) : null,
              new RunSummary.Job(
                  request.config().name(),
                  request.jobFile().toAbsolutePath().normalize().toString(),
                  request.config().organization()),
              request.runDate().toString(),
              started.toString(),
              finished.toString(),
              Duration.between(started, finished).toMillis() / 1000.0,
              new RunSummary.Spark(spark.sparkContext().master(), spark.version(), spark.sparkContext().applicationId()),
              new RunSummary.Inputs(
                  inputSummaries(request.billing(), billing),
                  telemetrySummaries(request.telemetry(), telemetry),
                  inventorySummaries(request.inventory(), inventory),
                  request.config().security().stream()
                      .map(i -> new RunSummary.SecurityInputSummary(i.name(), i.path()))
                      .toList()),
              rowCounts(billing, telemetry, savings, security),
              new RunSummary.Billing(
                  billing.totals(),
                  billing.byProvider(),
                  kept == null ? null : kept.incremental(),
                  kept == null
                      ? null
                      : IncrementalBillingIngest.keptTotals(
                          normalized, kept.incremental().table(), savings.costAnalysis().window().start(),
                          savings.costAnalysis().window().end())),
              telemetry == null
                  ? null
                  : new RunSummary.Telemetry(
                      telemetry.valuesRead(),
                      telemetry.valuesKept(),
                      telemetry.valuesQuarantined(),
                      CurrencyTotals.exact(telemetryFraction),
                      telemetryLimit == null ? null : telemetryLimit.toPlainString(),
                      new TreeMap<>(telemetry.quarantinedByReason()),
                      telemetry.samples(),
                      telemetry.gpus(),
                      telemetry.firstSample(),
                      telemetry.lastSample(),
                      telemetry.skipped(),
                      telemetryStage.unchanged(),
                      telemetryStage.daysAggregated().stream().map(LocalDate::toString).toList()),
              new RunSummary.DataQuality(
                  billing.rowsRead(),
                  billing.rowsQuarantined(),
                  CurrencyTotals.exact(fraction),
                  limit == null ? null : limit.toPlainString(),
                  billing.quarantinedByReason(),
                  billing.skipped(),
                  billing.files().stream().filter(f -> f.status().equals("empty")).map(FileIngestStats::path).toList(),
                  warnings,
                  coverage,
                  request.config().dataQuality().onMissingInput(),
                  savings.costAnalysis().coverage().unmeasuredGpuResources()),
              savings.costAnalysis(),
              SecurityPosture.of(security),
              history,
              report,
              artifacts);
      output.writeText(METRICS, metrics(summary, savings, history).text());
      written.add(METRICS);
      output.writeText(SUMMARY, SummaryJson.write(summary));
      written.add(SUMMARY);
      output.commit(written);
      // bad input (a data-quality limit, an unreadable manifest) is exit 2; only missing or stale inputs, exit 1
      int exitCode = !failed ? 0 : badInput ? ErrorCode.USER_ERROR.exitCode() : ErrorCode.EXTERNAL.exitCode();
      return new Outcome(runId, output.root(), summary, exitCode);
    }
  }

  /** The run's figures for Prometheus (metrics.prom). */
  static RunMetrics metrics(RunSummary summary, SavingsJob.Result savings, HistoryOutcome history) {
    RunMetrics m = new RunMetrics(summary.job().name());
    m.gauge("fleetcost_run_success", "1 when the last run succeeded, 0 when it failed", summary.status().equals("succeeded") ? 1 : 0);
    m.gauge("fleetcost_run_duration_seconds", "Duration of the last run", summary.durationSeconds());
    m.gauge("fleetcost_run_timestamp_seconds", "When the last run finished, Unix time",
        Instant.parse(summary.finishedAt()).getEpochSecond());
    m.gauge("fleetcost_billing_rows", "Billing rows of the last run", Map.of("state", "read"), summary.rowCounts().get("billing_rows_read"));
    m.gauge("fleetcost_billing_rows", "", Map.of("state", "kept"), summary.rowCounts().get("billing_rows_kept"));
    m.gauge("fleetcost_billing_rows", "", Map.of("state", "quarantined"), summary.rowCounts().get("billing_rows_quarantined"));
    m.gauge("fleetcost_billing_rows", "", Map.of("state", "duplicate"), summary.rowCounts().get("billing_rows_duplicate"));
    summary.dataQuality().quarantinedByReason().forEach(
        (reason, rows) -> m.gauge("fleetcost_billing_rows_quarantined_by_reason", "Billing rows quarantined, by reason", Map.of("reason", reason), rows));
    if (summary.telemetry() != null) {
      m.gauge("fleetcost_telemetry_values", "Telemetry values of the last run", Map.of("state", "read"), summary.telemetry().valuesRead());
      m.gauge("fleetcost_telemetry_values", "", Map.of("state", "quarantined"), summary.telemetry().valuesQuarantined());
      m.gauge("fleetcost_gpu_samples", "GPU samples (one per GPU per time) of the last run", summary.telemetry().samples());
    }
    var analysis = summary.costAnalysis();
    m.gauge("fleetcost_monthly_spend_usd", "The whole bill at the window's rate, USD per 730-hour month", analysis.monthlyEstimateUsd());
    m.gauge("fleetcost_gpu_monthly_spend_usd", "The GPU resources analysed, USD per month", analysis.gpuMonthlyCostUsd());
    m.gauge("fleetcost_identified_savings_monthly_usd", "Savings identified, USD per month", analysis.identifiedMonthlySavingsUsd());
    for (var lever : analysis.breakdown().byLever()) {
      m.gauge("fleetcost_identified_savings_by_lever_monthly_usd", "Savings identified by lever, USD per month",
          Map.of("lever", lever.lever()), lever.monthlySavingUsd());
    }
    m.gauge("fleetcost_opportunities", "Opportunities of the last run", analysis.opportunityCount());
    m.gauge("fleetcost_unjoined_gpu_hours_ratio", "Share of GPU hours not joined to a bill", analysis.coverage().gpuHoursUnjoinedShare());
    if (summary.securityPosture() != null) {
      // no score without scanned manifests: the gauges are left out rather than reported as 100
      if (summary.securityPosture().score() != null) {
        m.gauge("fleetcost_security_score", "Weighted security risk score, 0-100, higher is better", summary.securityPosture().score());
        m.gauge("fleetcost_security_compliance_ratio", "Passed checks over applicable, 0-1", summary.securityPosture().compliancePct() / 100);
      }
      m.gauge("fleetcost_security_scan_partial", "1 when a manifest file could not be read", summary.securityPosture().partial() ? 1 : 0);
      summary.securityPosture().findingsBySeverity().forEach(
          (severity, count) -> m.gauge("fleetcost_security_findings", "Security findings by severity", Map.of("severity", severity), count));
    }
    if (history != null && history.realizedMonthlyUsd() != null) {
      m.gauge("fleetcost_realized_savings_monthly_usd", "Savings realized (the bill dropped), USD per month", history.realizedMonthlyUsd());
      m.gauge("fleetcost_in_progress_savings_monthly_usd", "Savings in progress, USD per month", history.inProgressMonthlyUsd());
    }
    return m;
  }

  /** Where a run's history went: the warehouse and the dates it recorded, oldest first (the run date last). */
  public record HistoryOutcome(
      String warehouse, String namespace, List<String> datesRecorded, List<String> seededDates,
      BigDecimal realizedMonthlyUsd, BigDecimal inProgressMonthlyUsd) {}

  /** The warehouse of a job: {@code history.warehouse}, else the {@code history} folder inside the output folder. */
  /**
   * The bundled catalog, with the GCP prices of the newest landed pull on or before the run date when the job's
   * catalog comes from the Cloud Billing Catalog (pulls land only in a local output folder).
   */
  public static Catalog catalog(Request request) {
    Catalog bundled = Catalog.bundled();
    if (!request.config().catalog().pulled() || request.outputDir().contains("://")) {
      return bundled;
    }
    return CatalogPullLanding.refreshed(
        bundled, new Landing(java.nio.file.Path.of(request.outputDir())), CatalogConfig.LANDING_INPUT, request.runDate());
  }

  public static String warehouse(JobConfig config, String outputDir) {
    return config.history().warehouse() != null
        ? config.history().warehouse()
        : new org.apache.hadoop.fs.Path(outputDir, "history").toString();
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
    if (earlier.isEmpty() && config.history().seedDays() > 0 && store.previousRunDate(request.runDate()).isEmpty()) {
      earlier = seedDates(savings.costAnalysis().window(), request.runDate(), config.history().seedDays());
      seeded = true;
    }
    List<String> recorded = new ArrayList<>();
    // every date records the daily spend up to it: the days are summed once, each date keeps its part
    Dataset<Row> spendByDay =
        recorder.dailySpend(normalized, request.runDate(), config.savings().exchangeRatesToUsd())
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // seeded dates end before the data does, so their windows end at their own midnight: their bill is the rows of
    // those windows, read once
    Dataset<Row> earlierBills =
        !seeded
            ? normalized
            : BillWindow.inWindow(
                    normalized,
                    earlier.get(0).plusDays(1).minusDays(config.savings().lookbackDays()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    earlier.get(earlier.size() - 1).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // the earlier dates' windows are merged from the kept days: those days are read from the history once
    Dataset<Row> earlierDays =
        gpuDays == null || earlier.isEmpty()
            ? gpuDays
            : gpuDays
                .filter(
                    org.apache.spark.sql.functions.col(GpuDays.DAY)
                        .geq(org.apache.spark.sql.functions.lit(earlier.get(0).minusDays(config.savings().lookbackDays() + 1L)))
                        .and(org.apache.spark.sql.functions.col(GpuDays.DAY).leq(org.apache.spark.sql.functions.lit(earlier.get(earlier.size() - 1)))))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // an earlier date keeps its history only: its profiles and opportunities are not written as files
    List<SavingsJob.Dated> dates = earlier.stream().map(date -> new SavingsJob.Dated(date, null)).toList();
    List<SavingsJob.Result> results =
        dates.isEmpty()
            ? List.of()
            : new SavingsJob(spark, progress)
                .run(earlierBills, earlierDays, lastSample, inventory, config.savings(), config.governance().untaggedSpendMaxFraction(),
                    catalog, dates);
    for (int i = 0; i < earlier.size(); i++) {
      LocalDate date = earlier.get(i);
      SavingsJob.Result result = results.get(i);
      try (ProgressReporter.Stage stage = progress.start("record history", date + (seeded ? " (seeded from this run's data)" : ""), () -> "")) {
        recorder.record(date, runId, seeded, earlierBills, spendByDay, result, seeded ? null : security, figures, List.of(), List.of());
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
    try (ProgressReporter.Stage stage = progress.start("record history", request.runDate().toString(), () -> "")) {
      last = recorder.record(request.runDate(), runId, false, normalized, spendByDay, savings, security, figures, coverage, external);
      recorded.add(request.runDate().toString());
      stage.finish("6 tables in " + store.warehouse());
    }
    spendByDay.unpersist();
    return new HistoryOutcome(
        store.warehouse(), config.history().namespace(), recorded, seeded ? recorded.subList(0, recorded.size() - 1) : List.of(),
        last.realizedMonthlyUsd(), last.inProgressMonthlyUsd());
  }

  /**
   * The {@code days} dates before the last day of the run's window (the newest day the data covers), that come before
   * the run date: for a run over data that ends before the run date, the seeded days are the data's last days.
   */
  static List<LocalDate> seedDates(io.fleetcost.report.CostAnalysis.Window window, LocalDate runDate, int days) {
    LocalDate lastDay = LocalDate.ofInstant(Instant.parse(window.end()).minusSeconds(1), java.time.ZoneOffset.UTC);
    List<LocalDate> dates = new ArrayList<>();
    for (int i = days; i >= 1; i--) {
      LocalDate date = lastDay.minusDays(i);
      if (date.isBefore(runDate)) {
        dates.add(date);
      }
    }
    return dates;
  }

  private static BigDecimal fraction(long part, long whole) {
    return whole == 0
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), MathContext.DECIMAL64);
  }

  private static List<RunSummary.TelemetryInputSummary> telemetrySummaries(
      List<TelemetryInput> inputs, TelemetryIngestResult result) {
    List<RunSummary.TelemetryInputSummary> summaries = new ArrayList<>();
    for (TelemetryInput input : inputs) {
      summaries.add(
          new RunSummary.TelemetryInputSummary(
              input.name(),
              input.paths(),
              input.format().map(f -> f.cliName()).orElse("auto"),
              result == null ? List.of() : result.files().stream().filter(f -> f.input().equals(input.name())).toList()));
    }
    return summaries;
  }

  private static List<RunSummary.InventoryInputSummary> inventorySummaries(
      List<NodeInventory.Input> inputs, NodeInventory inventory) {
    List<RunSummary.InventoryInputSummary> summaries = new ArrayList<>();
    for (NodeInventory.Input input : inputs) {
      long nodes =
inventory.entries().stream().filter(e -> e.input().equals(input.name())).count();
      summaries.add(new RunSummary.InventoryInputSummary(input.name(), input.paths(), input.cluster(), nodes));
    }
    return summaries;
  }

  private static List<RunSummary.BillingInputSummary> inputSummaries(
      List<BillingInput> inputs, BillingIngestResult result) {
    List<RunSummary.BillingInputSummary> summaries = new ArrayList<>();
    for (BillingInput input : inputs) {
      summaries.add(
          new RunSummary.BillingInputSummary(
              input.name(),
              input.paths(),
              input.format().map(f -> f.cliName()).orElse("auto"),
              result.files().stream().filter(f -> f.input().equals(input.name())).toList()));
    }
    return summaries;
  }

  private static Map<String, Long> rowCounts(
      BillingIngestResult billing, TelemetryIngestResult telemetry, SavingsJob.Result savings, ScanResult security) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("billing_files_read", billing.files().stream().filter(f -> f.status().equals("read")).count());
    counts.put("billing_rows_read", billing.rowsRead());
    counts.put("billing_rows_kept", billing.rowsKept());
    counts.put("billing_rows_quarantined", billing.rowsQuarantined());
    counts.put("billing_rows_duplicate", billing.rowsDuplicate());
    counts.put("billing_gpu_rows", billing.gpuRows());
    if (telemetry != null) {
      counts.put("telemetry_files_read", (long) telemetry.files().size());
      counts.put("telemetry_values_read", telemetry.valuesRead());
      counts.put("telemetry_values_kept", telemetry.valuesKept());
      counts.put("telemetry_values_quarantined", telemetry.valuesQuarantined());
      counts.put("gpu_samples", telemetry.samples());
    }
    counts.put("gpu_profiles", savings.gpuProfiles());
    counts.put("workload_profiles", savings.workloadProfiles());
    counts.put("gpu_resources_analyzed", (long) savings.savings().resources().size());
    counts.put("opportunities", (long) savings.savings().opportunities().size());
    counts.put("security_files_read", security.files().stream().filter(f -> f.status().equals("read")).count());
    counts.put("security_objects", (long) security.files().stream().mapToInt(f -> f.objects()).sum());
    counts.put("security_findings", (long) security.findings().size());
    return counts;
  }
}
