package io.fleetcost.cli;

import io.fleetcost.spark.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import picocli.CommandLine;

/**
 * Runs the {@code fleetcost} command in the test JVM, with the shared SparkSession, capturing its
 * output; on the system clock, or on a clock the test sets.
 */
public final class Cli {
  private Cli() {}

  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  public static Result run(String... args) {
    return run(Clock.systemUTC(), args);
  }

  public static Result run(Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = FleetCostCommand.commandLine(SharedSpark.provider(), clock);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
