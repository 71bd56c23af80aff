package io.fleetcost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The benchmark's job file: the shape of jobs/nightly.yaml, on the generated inputs, with absolute
 * paths.
 */
final class BenchJobFile {
  private BenchJobFile() {}

  /**
   * @param warehouse the history's warehouse; the run is started with {@code --no-history} when
   *     there is none to record
   */
  static Path write(
      Path file,
      FleetInputs inputs,
      LocalDate runDate,
      int lookbackDays,
      Path output,
      Path warehouse,
      String master)
      throws IOException {
    String cluster = inputs.fleet().cluster();
    String yaml =
        "# Written by io.fleetcost.bench.FleetBenchmark (docs/benchmark.md) for the generated fleet beside it.\n"
            + "name: fleet-bench\n"
            + "organization: FleetCost benchmark\n"
            + "output: "
            + quoted(output)
            + "\n"
            + "run-date: "
            + runDate
            + "\n"
            + "spark:\n"
            + "  master: "
            + quoted(master)
            + "\n"
            + "billing:\n"
            + "  - name: aws-cur2\n"
            + "    path: "
            + quoted(inputs.billingFolder())
            + "\n"
            + "    format: aws-cur2\n"
            + "telemetry:\n"
            + "  - name: "
            + cluster
            + "\n"
            + "    path: "
            + quoted(inputs.telemetryFolder())
            + "\n"
            + "    format: dcgm-json\n"
            + "    cluster: "
            + cluster
            + "\n"
            + "inventory:\n"
            + "  - name: "
            + cluster
            + "-nodes\n"
            + "    path: "
            + quoted(inputs.nodesFile())
            + "\n"
            + "    cluster: "
            + cluster
            + "\n"
            + "savings:\n"
            + "  lookback-days: "
            + lookbackDays
            + "\n"
            // a sample stands for one step of the generator's, whatever --step is
            + "  sample-gap-limit-seconds: "
            + Math.max(1, inputs.fleet().step().getSeconds())
            + "\n"
            + "history:\n"
            + "  warehouse: "
            + quoted(warehouse)
            + "\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, yaml);
    return file;
  }

  private static String quoted(Object value) {
    return "'" + value.toString().replace("'", "''") + "'";
  }
}
