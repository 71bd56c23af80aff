package io.fleetcost.cli;

import picocli.CommandLine.Option;

/** {@code -v}: verbose logging, and {@code --log-format}: on every command. */
final class VerbosityOption {
  private boolean verbose;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Log verbosely: Spark's and FleetCost's INFO lines, and stack traces of errors.")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
    if (verbose) {
      Logging.verbose();
    }
  }

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      description =
          "Log lines on standard error as text (default) or as JSON objects, one per line.")
  void setLogFormat(String format) {
    switch (format) {
      case "text" -> {}
      case "json" -> Logging.json();
      default ->
          throw new picocli.CommandLine.ParameterException(
              new picocli.CommandLine(this),
              "--log-format must be text or json, not '" + format + "'");
    }
  }

  boolean verbose() {
    return verbose;
  }
}
