package io.fleetcost.cli;

import picocli.CommandLine.Option;

/** {@code -v}: verbose logging, on every command. */
final class VerbosityOption {
  private boolean verbose;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log verbosely: Spark's and FleetCost's INFO lines, and stack traces of errors.")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
    if (verbose) {
      Logging.verbose();
    }
  }

  boolean verbose() {
    return verbose;
  }
}
