package io.fleetcost.cli;

import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.export.FocusExport;
import io.fleetcost.export.FocusMetadata;
import io.fleetcost.model.MoneyText;
import io.fleetcost.pipeline.BillingInputs;
import io.fleetcost.pipeline.FocusExportRun;
import io.fleetcost.spark.SparkSettings;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "focus",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write the job's billing as a FOCUS 1.2 dataset: DIR/parquet/, DIR/csv/ and DIR/metadata.json.",
      "Every file of the job's billing inputs is read (as fleetcost ingest reads them); --from and --to keep the rows"
          + " whose ChargePeriodStart falls on those UTC days, both included; without them every row read is exported."
    })
final class FocusExportCommand implements Callable<Integer> {
  @ParentCommand ExportCommand parent;

  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(
      index = "0",
      paramLabel = "JOB.yaml",
      description = "The job file whose billing inputs to export.")
  Path jobFile;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First charge day (UTC, included).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "Last charge day (UTC, included).")
  LocalDate to;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Output folder or URI.")
  String out;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: the job file's, else local[*]).")
  String master;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    if (from != null && to != null && from.isAfter(to)) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --from " + from + ": it is after --to " + to);
    }
    JobConfig config = new JobConfigLoader().load(jobFile);
    FocusExportRun.Outcome outcome =
        FocusExportRun.execute(
            parent.parent.sessions(),
            new SparkSettings(
                "fleetcost export focus " + config.name(),
                master != null ? master : config.spark().masterOrDefault(),
                config.spark().conf()),
            BillingInputs.fromConfig(jobFile, config.billing()),
            from,
            to,
            out,
            progress.interval(),
            parent.parent.clock());
    print(config, outcome);
    return ExitCodes.OK;
  }

  private void print(JobConfig config, FocusExportRun.Outcome outcome) {
    PrintWriter printer = spec.commandLine().getOut();
    FocusMetadata metadata = outcome.metadata();
    printer.printf(
        Locale.ROOT,
        "FOCUS %s export of job '%s' (%s): %,d rows of %,d kept (%,d quarantined, not exported)%n",
        FocusExport.FOCUS_VERSION,
        config.name(),
        period(),
        metadata.rows(),
        outcome.billing().rowsKept(),
        outcome.billing().rowsQuarantined());
    for (FocusMetadata.Total total : metadata.totals()) {
      printer.printf(
          "  %s: BilledCost %s, EffectiveCost %s%n",
          total.billingCurrency(),
          MoneyText.amount(new BigDecimal(total.billedCost()), total.billingCurrency()),
          MoneyText.amount(new BigDecimal(total.effectiveCost()), total.billingCurrency()));
    }
    printer.printf(
        "Outputs are in %s (parquet/, csv/, metadata.json)%n", Output.display(outcome.outputDir()));
    printer.flush();
  }

  private String period() {
    if (from == null && to == null) {
      return "every charge read";
    }
    return "charges "
        + (from == null ? "up" : "from " + from)
        + " to "
        + (to == null ? "the last" : to)
        + ", UTC days included";
  }
}
