package io.fleetcost.cli;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.pipeline.BillingInputs;
import io.fleetcost.pipeline.JobValidation;
import io.fleetcost.pipeline.TelemetryInputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check a job file and each input's header or schema, without reading rows or starting Spark.",
      "Exit code 0 when everything can be read, 2 otherwise; every problem is listed. An input without any file with",
      "data is a warning (exit 0): a run reports it as missing."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job file to check.")
  Path jobFile;

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(jobFile);
    // API inputs have no files until fleetcost pull lands them; their settings are checked here
    io.fleetcost.pipeline.ApiInputs.check(jobFile, config.billing());
    List<BillingInput> billing =
        BillingInputs.fromConfig(
            jobFile, config.billing().stream().filter(input -> !input.isApi()).toList());
    Configuration conf = new Configuration();
    JobValidation.Report billingReport = JobValidation.check(conf, billing);
    JobValidation.Report telemetryReport =
        JobValidation.checkTelemetry(conf, TelemetryInputs.fromConfig(config.telemetry()));
    JobValidation.Report inventoryReport =
        JobValidation.checkInventory(conf, TelemetryInputs.inventoryFromConfig(config.inventory()));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "job '%s' (%s): %d billing inputs, %d telemetry inputs, %d inventory inputs%n",
        config.name(),
        jobFile,
        billing.size(),
        config.telemetry().size(),
        config.inventory().size());
    print(out, billingReport);
    print(out, telemetryReport);
    print(out, inventoryReport);
    long problems =
        billingReport.problems() + telemetryReport.problems() + inventoryReport.problems();
    List<String> warnings = new java.util.ArrayList<>(billingReport.warnings());
    warnings.addAll(telemetryReport.warnings());
    warnings.forEach(w -> out.printf("  WARN   %s%n", w));
    String verdict = problems == 0 ? "valid" : problems + " problem" + (problems == 1 ? "" : "s");
    out.printf(
        "%s%s%n",
        verdict,
        warnings.isEmpty()
            ? ""
            : ", " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s"));
    out.flush();
    return problems == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }

  private static void print(PrintWriter out, JobValidation.Report report) {
    for (JobValidation.FileCheck file : report.files()) {
      if (file.ok()) {
        out.printf(
            "  ok     %s [%s] %s, %d columns%n",
            file.path(), file.format(), file.detail(), file.columns());
      } else {
        out.printf("  ERROR  %s: %s%n", file.path(), file.problem());
      }
    }
    report
        .skipped()
        .forEach(
            s -> out.printf("  skip   %s [%s] %s%n", s.path(), s.status().label(), s.reason()));
  }
}
