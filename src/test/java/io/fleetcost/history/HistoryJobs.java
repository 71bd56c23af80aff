package io.fleetcost.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Job files over a {@link io.fleetcost.samplefleet.HistoryFleets} folder, writing to a given
 * warehouse.
 */
final class HistoryJobs {
  private HistoryJobs() {}

  static Path write(Path dir, String name, Path data, Path warehouse) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: " + name,
            "organization: History Test",
            "billing:",
            "  - name: aws",
            "    path: " + data.resolve("billing/aws"),
            "telemetry:",
            "  - name: vms",
            "    path: " + data.resolve("telemetry/nvidia-smi"),
            "    format: nvidia-smi",
            "    timezone: UTC",
            "savings:",
            "  lookback-days: 2",
            "history:",
            "  warehouse: " + warehouse,
            ""));
    return file;
  }
}
