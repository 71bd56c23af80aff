package io.fleetcost.cli;

import io.fleetcost.history.TableCommitHook;
import io.fleetcost.spark.SparkSessionProvider;
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
      RunCommand.class, BackfillCommand.class, ReportCommand.class, IngestCommand.class, ValidateCommand.class, ScanCommand.class, SampleFleetCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FleetCostCommand implements Callable<Integer> {
  private final SparkSessionProvider sessions;
  private final TableCommitHook historyCommitHook;

  @Spec CommandSpec spec;

  FleetCostCommand(SparkSessionProvider sessions, TableCommitHook historyCommitHook) {
    this.sessions = sessions;
    this.historyCommitHook = historyCommitHook;
  }

  /** The command line, ready to {@code execute(args)}. */
  public static CommandLine commandLine(SparkSessionProvider sessions) {
    return commandLine(sessions, TableCommitHook.NONE);
  }

  /** The command line with a hook before each history table's commit: the crash test's way to stop a run there. */
  public static CommandLine commandLine(SparkSessionProvider sessions, TableCommitHook historyCommitHook) {
    CommandLine commandLine = new CommandLine(new FleetCostCommand(sessions, historyCommitHook));
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    return commandLine;
  }

  SparkSessionProvider sessions() {
    return sessions;
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
