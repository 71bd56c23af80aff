package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.gcp.CatalogPullLanding;
import io.fleetcost.config.CatalogConfig;
import io.fleetcost.config.JobConfig;
import io.fleetcost.history.TableCommitHook;
import io.fleetcost.pull.Landing;
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
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fleetcost run}: runs every stage of a job file for one run date and writes {@code
 * summary.json} beside the stages' outputs. All outputs are committed together at the end ({@link
 * OutputDirectory}); {@code summary.json} last.
 *
 * <p>The run is a list of {@link RunStage}s, each returning its result beside those of the stages
 * before it ({@link StageResults}): {@link BillingStage}, {@link TelemetryStage} (when the job
 * reads telemetry), {@link BillingTableStage}, {@link InputCoverageStage}, {@link SavingsStage},
 * {@link SecurityStage}, and with a history {@link HistoryStage} and {@link ReportStage}. This
 * class only sequences and times them; then come the data-quality verdict ({@link DataQualityGate})
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
      StageResults results = StageResults.none();
      List<StageTime> times = new ArrayList<>();
      for (RunStage stage : stages(run)) {
        results = timed(stage, results, progress, times);
      }
      List<String> written = new ArrayList<>(results.written());
      DataQualityGate.Verdict verdict =
          DataQualityGate.judge(
              run,
              results.billing().ingest(),
              results.telemetry(),
              results.security().scan(),
              results.coverage());
      RunSummary summary = RunSummaryBuilder.build(run, results, verdict, started, clock.instant());
      output.writeText(METRICS, RunGauges.of(summary, results.history(), times).text());
      written.add(METRICS);
      output.writeText(SUMMARY, SummaryJson.write(summary));
      written.add(SUMMARY);
      output.commit(written);
      return new Outcome(runId, output.root(), summary, verdict.exitCode());
    }
  }

  /**
   * The stages of a run, in order: telemetry only when the job reads some, history and report only
   * when it keeps a history.
   */
  private static List<RunStage> stages(RunContext run) {
    List<RunStage> stages = new ArrayList<>();
    stages.add(new BillingStage(run));
    if (!run.request().telemetry().isEmpty()) {
      stages.add(new TelemetryStage(run));
    }
    stages.add(new BillingTableStage(run));
    stages.add(new InputCoverageStage(run));
    stages.add(new SavingsStage(run));
    stages.add(new SecurityStage(run));
    if (run.store() != null) {
      stages.add(new HistoryStage(run));
      stages.add(new ReportStage(run));
    }
    return stages;
  }

  /**
   * Runs a stage, logs its time as a progress line and adds it to {@code times}. The line does not
   * say "finished in": the steps inside a stage log their own "finished in" lines, and a reader
   * that adds those up would count the stage twice. The time goes to {@code metrics.prom}, not to
   * {@code summary.json}, whose figures are the run's results.
   */
  private static StageResults timed(
      RunStage stage, StageResults before, ProgressReporter progress, List<StageTime> times) {
    long start = System.nanoTime();
    StageResults after = stage.run(before);
    StageTime time = new StageTime(stage.name(), Duration.ofNanos(System.nanoTime() - start));
    progress.note(
        String.format(
            Locale.ROOT, "stage %s: took %.1f s", time.stage(), time.time().toNanos() / 1e9));
    times.add(time);
    return after;
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
