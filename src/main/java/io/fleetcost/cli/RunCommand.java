package io.fleetcost.cli;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.aws.CostExplorerColumns;
import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.model.MoneyText;
import io.fleetcost.pipeline.BillingInputs;
import io.fleetcost.pipeline.CurrencyTotals;
import io.fleetcost.pipeline.JobRun;
import io.fleetcost.pipeline.PullJob;
import io.fleetcost.pipeline.RunSummary;
import io.fleetcost.pipeline.TelemetryInputs;
import io.fleetcost.pull.Landing;
import io.fleetcost.report.CostAnalysis;
import io.fleetcost.spark.SparkSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a job file for one date: ingest its billing inputs into the normalized table and write summary.json.",
      "Outputs appear all at once when the run succeeds; a failed run leaves the previous outputs untouched."
    })
final class RunCommand implements Callable<Integer> {
  private static final String USD = "USD";
  @ParentCommand FleetCostCommand parent;

  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(
      index = "0",
      paramLabel = "JOB.yaml",
      description = "The job file (see docs/job-file.md).")
  Path jobFile;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "The run date (default: the job file's run-date, else yesterday in UTC).")
  LocalDate date;

  @Mixin JobTargetOptions target;

  @Option(
      names = "--no-history",
      description = "Do not record this run in the history, and render no report.")
  boolean noHistory;

  @Option(
      names = "--full",
      description =
          "Recompute everything from the inputs: read every telemetry and billing file again instead of only those"
              + " the history has not seen, and replace what the history holds for them.")
  boolean full;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(jobFile);
    return runJob(config, runDate(date, config.runDate(), parent.clock()), List.of());
  }

  /**
   * The run date, by precedence: {@code --date}, else the job file's {@code run-date}, else
   * yesterday in UTC by the clock (a nightly run on day D+1 reports on day D).
   */
  static LocalDate runDate(LocalDate option, LocalDate jobFileRunDate, Clock clock) {
    if (option != null) {
      return option;
    }
    if (jobFileRunDate != null) {
      return jobFileRunDate;
    }
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
  }

  /**
   * Runs the job for {@code runDate}, first recording {@code historyDates} in the history
   * (backfill).
   */
  Integer runJob(JobConfig loaded, LocalDate runDate, List<LocalDate> historyDates) {
    JobConfig config = loaded;
    if (target.warehouse != null) {
      config = config.withHistory(config.history().withWarehouse(target.warehouse));
    }
    if (noHistory) {
      config = config.withHistory(config.history().disabled());
    }
    String outputDir =
        target.out != null
            ? target.out
            : config.output() != null ? config.output() : Path.of("out", config.name()).toString();
    List<BillingInput> billing;
    List<String> rightsizing = new java.util.ArrayList<>();
    if (PullJob.hasPulls(config)) {
      // the API inputs land first (a date landed already is not fetched again); one that fails
      // keeps what it had
      Landing landing = PullCommand.landing(jobFile, config, target.out);
      PullCommand.pull(
          parent.clock(), config, landing, runDate, false, spec.commandLine().getErr());
      billing =
          PullJob.hasApiInputs(config)
              ? BillingInputs.fromConfig(jobFile, config.billing(), landing, runDate)
              : BillingInputs.fromConfig(jobFile, config.billing());
      for (var input : config.billing()) {
        if (Boolean.TRUE.equals(input.rightsizing())) {
          landing
              .newestTable(input.name(), runDate, CostExplorerColumns.RIGHTSIZING_TABLE)
              .ifPresent(file -> rightsizing.add(file.toString()));
        }
      }
    } else {
      billing = BillingInputs.fromConfig(jobFile, config.billing());
    }
    String sparkMaster = target.master != null ? target.master : config.spark().masterOrDefault();
    JobRun.Outcome outcome =
        JobRun.execute(
            parent.sessions(),
            new SparkSettings("fleetcost " + config.name(), sparkMaster, config.spark().conf()),
            JobRun.Request.builder()
                .jobFile(jobFile)
                .config(config)
                .billing(billing)
                .telemetry(TelemetryInputs.fromConfig(config.telemetry()))
                .inventory(TelemetryInputs.inventoryFromConfig(config.inventory()))
                .runDate(runDate)
                .outputDir(outputDir)
                .progressInterval(progress.interval())
                .historyDates(historyDates)
                .full(full)
                .externalRecommendations(rightsizing)
                .build(),
            parent.clock(),
            parent.historyCommitHook());
    print(outcome);
    return outcome.exitCode();
  }

  private void print(JobRun.Outcome outcome) {
    PrintWriter out = spec.commandLine().getOut();
    RunSummary summary = outcome.summary();
    out.printf(
        "FleetCost run %s of job '%s' for %s: %s%n",
        summary.runId(), summary.job().name(), summary.runDate(), summary.status());
    printBilling(out, summary);
    printTelemetry(out, summary);
    printInputs(out, summary);
    printCostAnalysis(out, summary.costAnalysis());
    printHistory(out, summary);
    printReport(out, summary);
    printSecurity(out, summary);
    out.printf("Outputs are in %s%n", Output.display(outcome.outputDir()));
    summary.artifacts().forEach((name, path) -> out.printf("  %-24s %s%n", name, path));
    out.flush();
    if (summary.message() != null) {
      spec.commandLine().getErr().println("fleetcost: " + summary.message());
      spec.commandLine().getErr().flush();
    }
  }

  private static void printBilling(PrintWriter out, RunSummary summary) {
    long duplicate = summary.rowCounts().getOrDefault("billing_rows_duplicate", 0L);
    out.printf(
        "  billing: %,d rows read, %,d kept, %,d quarantined%s%n",
        summary.rowCounts().get("billing_rows_read"),
        summary.rowCounts().get("billing_rows_kept"),
        summary.rowCounts().get("billing_rows_quarantined"),
        duplicate == 0 ? "" : String.format(", %,d duplicate (counted once)", duplicate));
    for (CurrencyTotals totals : summary.billing().totals()) {
      out.printf("  %s: %s%n", totals.currency(), Output.costTotals(totals));
    }
  }

  private static void printTelemetry(PrintWriter out, RunSummary summary) {
    if (summary.telemetry() != null) {
      out.printf(
          "  telemetry: %,d values read, %,d quarantined; %,d samples of %,d GPUs%n",
          summary.telemetry().valuesRead(),
          summary.telemetry().valuesQuarantined(),
          summary.telemetry().samples(),
          summary.telemetry().gpus());
    }
  }

  /** How many inputs cover the window, and each one that does not. */
  private static void printInputs(PrintWriter out, RunSummary summary) {
    var inputs = summary.dataQuality().inputs();
    var notOk = inputs.stream().filter(c -> !c.ok()).toList();
    out.printf(
        "  inputs: %d of %d cover the window%s%n",
        inputs.size() - notOk.size(), inputs.size(), notOk.isEmpty() ? "" : ":");
    notOk.forEach(
        c ->
            out.printf(
                "    %s %s '%s': %s%n",
                c.status().label().toUpperCase(java.util.Locale.ROOT),
                c.kind().label(),
                c.name(),
                c.detail()));
  }

  /** The window's spend and savings, in USD. */
  private static void printCostAnalysis(PrintWriter out, CostAnalysis analysis) {
    out.printf(
        "  window %s to %s: monthly spend %s, of which GPU resources analysed %s%n",
        analysis.window().start(),
        analysis.window().end(),
        MoneyText.money(analysis.monthlyEstimateUsd(), USD),
        MoneyText.money(analysis.gpuMonthlyCostUsd(), USD));
    out.printf(
        "  savings: %d opportunities, %s a month identified; %.1f %% of GPU hours not joined to a bill%n",
        analysis.opportunityCount(),
        MoneyText.money(analysis.identifiedMonthlySavingsUsd(), USD),
        analysis.coverage().gpuHoursUnjoinedShare() * 100);
    var unmeasured = analysis.coverage().unmeasuredGpuResources();
    if (unmeasured.resources() > 0) {
      out.printf(
          "  unmeasured: %d GPU resource%s (%d GPUs) billed without telemetry, %s a month, not counted as idle%n",
          unmeasured.resources(),
          unmeasured.resources() == 1 ? "" : "s",
          unmeasured.gpus(),
          MoneyText.money(unmeasured.monthlyCostUsd(), USD));
    }
    if (!analysis.currenciesWithoutRate().isEmpty()) {
      out.printf(
          "  not in the USD figures (no savings.exchange-rates-to-usd): %s%n",
          String.join(", ", analysis.currenciesWithoutRate()));
    }
  }

  private static void printHistory(PrintWriter out, RunSummary summary) {
    if (summary.history() != null) {
      var history = summary.history();
      out.printf(
          "  history: %d run date%s recorded (%s%s) in %s%n",
          history.datesRecorded().size(),
          history.datesRecorded().size() == 1 ? "" : "s",
          history.datesRecorded().size() == 1
              ? history.datesRecorded().get(0)
              : history.datesRecorded().get(0)
                  + " to "
                  + history.datesRecorded().get(history.datesRecorded().size() - 1),
          history.seededDates().isEmpty()
              ? ""
              : "; " + history.seededDates().size() + " seeded from this run's data",
          Output.display(history.warehouse()));
    }
  }

  private static void printReport(PrintWriter out, RunSummary summary) {
    if (summary.report() != null) {
      var report = summary.report();
      out.printf(
          "  report: %s (%s), as of %s%n",
          report.period(), report.closed() ? "closed month" : "month to date", report.asOf());
    }
  }

  private static void printSecurity(PrintWriter out, RunSummary summary) {
    if (summary.securityPosture() != null) {
      var posture = summary.securityPosture();
      out.printf(
          "  security: score %s, compliance %s, %d findings (%d critical, %d high) in %d files%n",
          posture.scoreText(),
          posture.compliancePct() == null
              ? "n/a"
              : String.format(java.util.Locale.ROOT, "%.1f %%", posture.compliancePct()),
          posture.vulnerabilities().size(),
          posture.findingsBySeverity().get("critical"),
          posture.findingsBySeverity().get("high"),
          posture.filesScanned());
    }
  }
}
