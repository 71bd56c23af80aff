package io.fleetcost.cli;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.config.SparkConfig;
import io.fleetcost.pipeline.CurrencyTotals;
import io.fleetcost.pipeline.FileIngestStats;
import io.fleetcost.pipeline.IngestRun;
import io.fleetcost.pipeline.IngestSummary;
import io.fleetcost.spark.SparkSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    name = "ingest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Normalize billing files only: writes DIR/normalized (Parquet), DIR/quarantine (Parquet) and"
          + " DIR/ingest-summary.json.",
      "Each PATH is a file, a folder (read recursively), a glob or a CUR manifest. The paths form one billing input:"
          + " a row that two of its files hold counts once."
    })
final class IngestCommand implements Callable<Integer> {
  /** The name of the one billing input that the command's paths form, in ingest-summary.json. */
  static final String INPUT_NAME = "ingest";

  @ParentCommand FleetCostCommand parent;

  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Billing files, folders, globs or CUR manifests.")
  List<String> paths;

  @Option(
      names = "--format",
      paramLabel = "auto|NAME",
      defaultValue = "auto",
      description =
          "The files' format: auto (detect per file) or one of aws-cur, aws-cur2, focus, gcp-bigquery,"
              + " azure-cost-details (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Output folder or URI.")
  String out;

  @Option(
      names = "--azure-cost-dataset",
      paramLabel = "auto|actual|amortized",
      defaultValue = "auto",
      description =
          "Which dataset Azure cost-details files hold (default: ${DEFAULT-VALUE}: amortized when the file"
              + " name says so, else actual).")
  String azureCostDataset;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "A Spark setting; repeat for more.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    BillingFormat claimed;
    try {
      claimed = format.equalsIgnoreCase("auto") ? null : BillingFormat.fromName(format);
    } catch (RuntimeException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --format '" + format + "': " + e.getMessage());
    }
    AzureCostDataset dataset;
    try {
      dataset = AzureCostDataset.fromName(azureCostDataset);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid --azure-cost-dataset '" + azureCostDataset + "': use auto, actual or amortized");
    }
    // the paths together are one billing input: a row that two of its files hold counts once
    List<String> resolved = new ArrayList<>();
    for (String path : paths) {
      resolved.add(
          path.contains("://") ? path : Path.of(path).toAbsolutePath().normalize().toString());
    }
    List<BillingInput> inputs = List.of(new BillingInput(INPUT_NAME, resolved, claimed, dataset));
    IngestRun.Outcome outcome =
        IngestRun.execute(
            parent.sessions(),
            new SparkSettings(
                "fleetcost ingest", master != null ? master : SparkConfig.DEFAULT_MASTER, conf),
            inputs,
            out,
            progress.interval(),
            parent.clock());
    print(outcome);
    return ExitCodes.OK;
  }

  private void print(IngestRun.Outcome outcome) {
    PrintWriter out = spec.commandLine().getOut();
    IngestSummary summary = outcome.summary();
    for (FileIngestStats file : summary.files()) {
      out.printf(
          Locale.ROOT,
          "%s [%s] %,d rows read, %,d kept, %,d quarantined%s%n",
          file.path(),
          file.format(),
          file.rowsRead(),
          file.rowsKept(),
          file.rowsQuarantined(),
          file.rowsDuplicate() == 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  ", %,d duplicate (counted in %s)",
                  file.rowsDuplicate(),
                  String.join(", ", file.duplicatesKeptIn().keySet().stream().sorted().toList())));
    }
    summary
        .skippedFiles()
        .forEach(s -> out.printf("%s [%s] %s%n", s.path(), s.status().label(), s.reason()));
    for (CurrencyTotals totals : summary.totals()) {
      out.printf("total %s: %s%n", totals.currency(), Output.costTotals(totals));
    }
    out.printf(
        "Outputs are in %s (ingest-summary.json, normalized/, quarantine/)%n",
        Output.display(outcome.outputDir()));
    out.flush();
    summary
        .warnings()
        .forEach(w -> spec.commandLine().getErr().println("fleetcost: warning: " + w));
    spec.commandLine().getErr().flush();
  }
}
