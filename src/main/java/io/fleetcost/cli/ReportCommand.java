package io.fleetcost.cli;

import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.model.MoneyText;
import io.fleetcost.pipeline.JobRun;
import io.fleetcost.pipeline.ReportJob;
import io.fleetcost.pipeline.ReportPublisher;
import io.fleetcost.spark.SparkSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Render a month's finance report (report.pdf, report.html) and the trends page (trends.html) from the job's",
      "history tables alone: nothing is read again. The figures are as of the month's newest complete run; a month that",
      "ended before the history's newest run is closed: complete, as of its last day."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand FleetCostCommand parent;

  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(
      index = "0",
      paramLabel = "JOB.yaml",
      description = "The job file whose history to report on.")
  Path jobFile;

  @Option(
      names = "--month",
      required = true,
      paramLabel = "YYYY-MM",
      description = "The report month.")
  YearMonth month;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output folder or URI (default: reports/<YYYY-MM> inside the job's output folder).")
  String out;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description =
          "History warehouse folder or URI (default: the job file's history.warehouse, else <output>/history).")
  String warehouse;

  @Option(
      names = "--trends-pdf",
      description =
          "Also write the trends page as a PDF (trends.pdf), to print it or to look at it as images.")
  boolean trendsPdf;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: the job file's, else local[*]).")
  String master;

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(jobFile);
    String jobOutput =
        config.output() != null ? config.output() : Path.of("out", config.name()).toString();
    String outputDir =
        out != null ? out : new org.apache.hadoop.fs.Path(jobOutput, "reports/" + month).toString();
    ReportJob.Outcome outcome =
        ReportJob.run(
            parent.sessions(),
            new SparkSettings(
                "fleetcost report " + config.name(),
                master != null ? master : config.spark().masterOrDefault(),
                config.spark().conf()),
            config,
            warehouse != null ? warehouse : JobRun.warehouse(config, jobOutput),
            month,
            outputDir,
            trendsPdf,
            parent.clock());
    ReportPublisher.Headline headline = outcome.headline();
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(
        "FleetCost report of job '%s' for %s (%s), as of %s (history in %s)%n",
        config.name(),
        month,
        headline.closed() ? "closed month" : "month to date",
        headline.asOf(),
        Output.display(outcome.warehouse()));
    printer.printf(
        "  spend %s (%s), identified %s a month, realized %s a month%n",
        MoneyText.money(headline.spendMonthToDateUsd(), "USD"),
        headline.period(),
        MoneyText.money(headline.identifiedMonthlyUsd(), "USD"),
        MoneyText.money(headline.realizedMonthlyUsd(), "USD"));
    printer.printf("Outputs are in %s%n", Output.display(outcome.outputDir()));
    for (String name : outcome.written()) {
      printer.printf("  %s%n", name);
    }
    printer.flush();
    return ExitCodes.OK;
  }
}
