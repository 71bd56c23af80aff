package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.gcp.CatalogPullLanding;
import io.fleetcost.config.CatalogConfig;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.TableCommitHook;
import io.fleetcost.pull.Landing;
import io.fleetcost.quality.InputCoverage;
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

    /**
     * A request with no inputs, no earlier dates, reading only what is new and no external
     * recommendations until set; the job file, its config, the run date, the output folder and the
     * progress interval are required.
     */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds a {@link Request}; every list is copied when built. */
    public static final class Builder {
      private Path jobFile;
      private JobConfig config;
      private List<BillingInput> billing = List.of();
      private List<TelemetryInput> telemetry = List.of();
      private List<NodeInventory.Input> inventory = List.of();
      private LocalDate runDate;
      private String outputDir;
      private Duration progressInterval;
      private List<LocalDate> historyDates = List.of();
      private boolean full;
      private List<String> externalRecommendations = List.of();

      private Builder() {}

      public Builder jobFile(Path jobFile) {
        this.jobFile = jobFile;
        return this;
      }

      public Builder config(JobConfig config) {
        this.config = config;
        return this;
      }

      public Builder billing(List<BillingInput> billing) {
        this.billing = billing;
        return this;
      }

      public Builder telemetry(List<TelemetryInput> telemetry) {
        this.telemetry = telemetry;
        return this;
      }

      public Builder inventory(List<NodeInventory.Input> inventory) {
        this.inventory = inventory;
        return this;
      }

      public Builder runDate(LocalDate runDate) {
        this.runDate = runDate;
        return this;
      }

      public Builder outputDir(String outputDir) {
        this.outputDir = outputDir;
        return this;
      }

      public Builder progressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
        return this;
      }

      public Builder historyDates(List<LocalDate> historyDates) {
        this.historyDates = historyDates;
        return this;
      }

      public Builder full(boolean full) {
        this.full = full;
        return this;
      }

      public Builder externalRecommendations(List<String> externalRecommendations) {
        this.externalRecommendations = externalRecommendations;
        return this;
      }

      /**
       * @throws NullPointerException when a required part is missing
       * @throws IllegalArgumentException when a history date is not before the run date
       */
      public Request build() {
        Objects.requireNonNull(progressInterval, "progressInterval is null");
        return new Request(
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
            externalRecommendations);
      }
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
      output.writeText(METRICS, RunGauges.of(summary, stages.history()).text());
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
