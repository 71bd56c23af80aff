package io.fleetcost.cli;

import io.fleetcost.error.FleetCostException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to exit codes and one readable line on standard error: a {@link FleetCostException}
 * (also when Spark wrapped it, from a task) gives its category's code and message; anything else is
 * a failed job (1). The stack trace is printed with {@code -v}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose =
        parseResult.expandedArgs().contains("-v")
            || parseResult.expandedArgs().contains("--verbose");
    Optional<FleetCostException> known = FleetCostException.findIn(exception);
    if (known.isPresent()) {
      err.println("fleetcost: " + known.get().getMessage());
      if (verbose) {
        exception.printStackTrace(err);
      }
      err.flush();
      return known.get().code().exitCode();
    }
    err.println("fleetcost: the job failed: " + describe(exception));
    if (verbose) {
      exception.printStackTrace(err);
    } else {
      err.println("fleetcost: run again with -v for the stack trace");
    }
    err.flush();
    return ExitCodes.JOB_FAILED;
  }

  private static String describe(Throwable exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root.getClass().getSimpleName() + message;
  }
}
