package io.fleetcost.cli;

import io.fleetcost.history.TableCommitHook;
import io.fleetcost.spark.SparkSessionProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "fleetcost",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "FinOps for GPU and ML fleets: reads cloud billing exports into one FOCUS-aligned table, and more with each stage.",
      "",
      "Exit codes: 0 ok, 1 the job failed, 2 bad usage, job file or input."
    },
    subcommands = {
      RunCommand.class,
      PullCommand.class,
      BackfillCommand.class,
      ReportCommand.class,
      IngestCommand.class,
      ExportCommand.class,
      ValidateCommand.class,
      ScanCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FleetCostCommand implements Callable<Integer> {
  private final SparkSessionProvider sessions;
  private final Clock clock;
  private final TableCommitHook historyCommitHook;

  @Spec CommandSpec spec;

  FleetCostCommand(SparkSessionProvider sessions, Clock clock, TableCommitHook historyCommitHook) {
    this.sessions = Objects.requireNonNull(sessions, "sessions is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.historyCommitHook = Objects.requireNonNull(historyCommitHook, "historyCommitHook is null");
  }

  /**
   * The command line, ready to {@code execute(args)}.
   *
   * @param clock today for the default run date (yesterday by it, in UTC), and the time of run ids
   *     and timestamps
   */
  public static CommandLine commandLine(SparkSessionProvider sessions, Clock clock) {
    return commandLine(sessions, clock, TableCommitHook.NONE);
  }

  /**
   * The command line with a hook before each history table's commit: the crash test's way to stop a
   * run there.
   */
  public static CommandLine commandLine(
      SparkSessionProvider sessions, Clock clock, TableCommitHook historyCommitHook) {
    CommandLine commandLine =
        new CommandLine(new FleetCostCommand(sessions, clock, historyCommitHook));
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    return commandLine;
  }

  SparkSessionProvider sessions() {
    return sessions;
  }

  Clock clock() {
    return clock;
  }

  TableCommitHook historyCommitHook() {
    return historyCommitHook;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
