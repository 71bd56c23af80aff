package io.fleetcost.cli;

import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.pipeline.JobRun;
import io.fleetcost.pipeline.OutputDirectory;
import io.fleetcost.pipeline.ReportPublisher;
import io.fleetcost.pipeline.RunIdentity;
import io.fleetcost.pipeline.SummaryJson;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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
      "history tables alone: nothing is read again. The figures are as of the month's newest complete run."
    })
final class ReportCommand implements Callable<Integer> {
  static final String HEADLINE = "report.json";

  @ParentCommand FleetCostCommand parent;

  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job file whose history to report on.")
  Path jobFile;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The report month.")
  YearMonth month;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder or URI (default: reports/<YYYY-MM> inside the job's output folder).")
  String out;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "History warehouse folder or URI (default: the job file's history.warehouse, else <output>/history).")
  String warehouse;

  @Option(
      names = "--trends-pdf",
      description = "Also write the trends page as a PDF (trends.pdf), to print it or to look at it as images.")
  boolean trendsPdf;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: the job file's, else local[*]).")
  String master;

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(jobFile);
    String jobOutput = config.output() != null ? config.output() : Path.of("out", config.name()).toString();
    String outputDir = out != null ? out : new org.apache.hadoop.fs.Path(jobOutput, "reports/" + month).toString();
    SparkSessionProvider sessions = parent.sessions();
    SparkSession spark =
        sessions.open(
            new SparkSettings(
                "fleetcost report " + config.name(),
                master != null ? master : config.spark().masterOrDefault(),
                config.spark().conf()));
    try (OutputDirectory output =
        new OutputDirectory(spark.sparkContext().hadoopConfiguration(), outputDir, RunIdentity.newRunId(Instant.now()))) {
      String history = warehouse != null ? warehouse : JobRun.warehouse(config, jobOutput);
      if (!HistoryStore.exists(spark, history, config.history().namespace())) {
        throw io.fleetcost.error.FleetCostException.userError(
            "Cannot report on %s: there is no FleetCost history in %s (run the job first, or pass --warehouse)", month, history);
      }
      HistoryStore store = HistoryStore.open(spark, history, config.history().namespace(), line -> {});
      ReportPublisher.Headline headline = ReportPublisher.publish(store, config, month, output, trendsPdf);
      output.writeText(HEADLINE, SummaryJson.write(headline));
      List<String> written = new ArrayList<>(headline.artifacts().values());
      written.add(HEADLINE);
      output.commit(written);
      PrintWriter printer = spec.commandLine().getOut();
      printer.printf(
          "FleetCost report of job '%s' for %s, as of %s (history in %s)%n",
          config.name(), month, headline.asOf(), Output.display(store.warehouse()));
      printer.printf(
          "  spend %s USD (%s), identified %s USD a month, realized %s USD a month%n",
          headline.spendMonthToDateUsd().toPlainString(), headline.period(), headline.identifiedMonthlyUsd().toPlainString(),
          headline.realizedMonthlyUsd().toPlainString());
      printer.printf("Outputs are in %s%n", Output.display(output.root()));
      for (String name : written) {
        printer.printf("  %s%n", name);
      }
      printer.flush();
      return ExitCodes.OK;
    } finally {
      sessions.release(spark);
    }
  }
}
