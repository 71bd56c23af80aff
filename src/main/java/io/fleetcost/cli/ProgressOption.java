package io.fleetcost.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --progress-seconds}: how often a running stage prints a progress line. */
final class ProgressOption {
  @Option(
      names = "--progress-seconds",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Seconds between progress lines of a running stage (default: ${DEFAULT-VALUE}).")
  int seconds;

  Duration interval() {
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
