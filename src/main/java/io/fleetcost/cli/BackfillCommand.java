package io.fleetcost.cli;

import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.error.FleetCostException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    name = "backfill",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a job file for every date from --from to --to: the inputs are read once, each date is evaluated over its",
      "own window and replaces its rows in the history tables, oldest first; the outputs are those of --to.",
      "The job file's run-date does not apply: the range is the dates."
    })
final class BackfillCommand implements Callable<Integer> {
  static final int MAX_DAYS = 366;

  @ParentCommand FleetCostCommand parent;

  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(
      index = "0",
      paramLabel = "JOB.yaml",
      description = "The job file (see docs/job-file.md).")
  Path jobFile;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "The first run date.")
  LocalDate from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "The last run date (inclusive).")
  LocalDate to;

  @Mixin JobTargetOptions target;

  @Mixin ProgressOption progress;

  @Override
  public Integer call() {
    if (to.isBefore(from)) {
      throw FleetCostException.userError("Cannot backfill: --to %s is before --from %s", to, from);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw FleetCostException.userError(
          "Cannot backfill %d days at once (at most %d): split the range", days, MAX_DAYS);
    }
    List<LocalDate> earlier = new ArrayList<>();
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      earlier.add(d);
    }
    RunCommand run = new RunCommand();
    run.parent = parent;
    run.spec = spec;
    run.jobFile = jobFile;
    run.target = target;
    run.progress = progress;
    return run.runJob(new JobConfigLoader().load(jobFile), to, earlier);
  }
}
