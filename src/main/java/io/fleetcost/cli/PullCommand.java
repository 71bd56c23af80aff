package io.fleetcost.cli;

import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.model.MoneyText;
import io.fleetcost.pipeline.PullJob;
import io.fleetcost.pull.Landing;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Fetch what the job's cloud API inputs need for the run date into <output>/landing/<input>/<date>/: Parquet by"
          + " billing month, the raw responses gzipped, pull.json.",
      "A date already landed is not fetched again unless --refresh; a failed pull leaves the landing folder as it was.",
      "Exit codes: 0 every input landed, 1 an input's pull failed, 2 bad usage or job file."
    })
final class PullCommand implements Callable<Integer> {
  @ParentCommand FleetCostCommand parent;

  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job file.")
  Path jobFile;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "The run date (default: the job file's run-date, else yesterday in UTC).")
  LocalDate date;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: the job file's 'output', else out/<job name>).")
  String out;

  @Option(names = "--refresh", description = "Fetch again a date that is landed already.")
  boolean refresh;

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(jobFile);
    if (!PullJob.hasPulls(config)) {
      throw FleetCostException.userError(
          "Cannot pull job file %s: it has no billing input with an API source and no catalog from a price API",
          jobFile);
    }
    LocalDate runDate = RunCommand.runDate(date, config.runDate(), parent.clock());
    Landing landing = landing(jobFile, config, out);
    List<PullJob.Outcome> outcomes =
        pull(parent.clock(), config, landing, runDate, refresh, spec.commandLine().getErr());
    print(spec.commandLine().getOut(), outcomes);
    return outcomes.stream().anyMatch(o -> o.status() == PullJob.Status.FAILED)
        ? ExitCodes.JOB_FAILED
        : ExitCodes.OK;
  }

  /**
   * The landing folder under the job's output folder, which must be local: pulls rename folders
   * into place.
   */
  static Landing landing(Path jobFile, JobConfig config, String outOption) {
    String output =
        outOption != null
            ? outOption
            : config.output() != null ? config.output() : Path.of("out", config.name()).toString();
    if (output.contains("://")) {
      List<String> pulls = new java.util.ArrayList<>();
      for (int i = 0; i < config.billing().size(); i++) {
        var input = config.billing().get(i);
        if (input.isApi()) {
          pulls.add(String.format("billing[%d] '%s' (source %s)", i, input.name(), input.source()));
        }
      }
      if (config.catalog().pulled()) {
        pulls.add("catalog (" + config.catalog().source() + ")");
      }
      throw FleetCostException.userError(
          "Cannot pull job file %s: %s land%s under <output>/landing/, which must be a local folder, and the output is %s;"
              + " give a local or mounted folder with --out (an object-store output works for a job whose inputs are all files)",
          jobFile, String.join(", ", pulls), pulls.size() == 1 ? "s" : "", output);
    }
    return new Landing(Path.of(output));
  }

  static List<PullJob.Outcome> pull(
      Clock clock,
      JobConfig config,
      Landing landing,
      LocalDate runDate,
      boolean refresh,
      PrintWriter err) {
    List<PullJob.Outcome> outcomes =
        PullJob.standard(clock)
            .pull(
                config,
                landing,
                runDate,
                refresh,
                line -> {
                  err.println(line);
                  err.flush();
                });
    for (PullJob.Outcome outcome : outcomes) {
      if (outcome.status() == PullJob.Status.FAILED) {
        err.printf(
            "fleetcost: pull of '%s' failed, its landing folder is as it was: %s%n",
            outcome.input(), outcome.message());
      }
    }
    err.flush();
    return outcomes;
  }

  static void print(PrintWriter out, List<PullJob.Outcome> outcomes) {
    for (PullJob.Outcome outcome : outcomes) {
      switch (outcome.status()) {
        case PULLED -> {
          out.printf(
              "pulled %s (%s): %,d rows, %d page%s, %d request%s (%d retried), %d estimated day%s -> %s%n",
              outcome.input(),
              outcome.source(),
              outcome.rows(),
              outcome.pages(),
              outcome.pages() == 1 ? "" : "s",
              outcome.requests(),
              outcome.requests() == 1 ? "" : "s",
              outcome.retries(),
              outcome.estimatedDays().size(),
              outcome.estimatedDays().size() == 1 ? "" : "s",
              Output.display(outcome.folder().toString()));
          for (Map.Entry<String, Map<String, Map<String, BigDecimal>>> month :
              outcome.totals().entrySet()) {
            month
                .getValue()
                .forEach(
                    (metric, byCurrency) ->
                        byCurrency.forEach(
                            (currency, total) ->
                                out.printf(
                                    "  %s %s: %s%n",
                                    month.getKey(), metric, MoneyText.money(total, currency))));
          }
        }
        case LANDED_ALREADY ->
            out.printf(
                "landed already %s (%s): %s (--refresh fetches it again)%n",
                outcome.input(), outcome.source(), Output.display(outcome.folder().toString()));
        case FAILED ->
            out.printf(
                "FAILED %s (%s): %s%n", outcome.input(), outcome.source(), outcome.message());
      }
    }
    out.flush();
  }
}
