package io.fleetcost.bench;

import io.fleetcost.samplefleet.KubeNodesWriter;
import io.fleetcost.samplefleet.StreamingCur2Writer;
import io.fleetcost.samplefleet.StreamingDcgmJsonWriter;
import io.fleetcost.samplefleet.SyntheticFleet;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A synthetic fleet's input files in FleetCost's formats, under one folder:
 *
 * <pre>
 * telemetry/dcgm/&lt;cluster&gt;/   Prometheus range-query JSON of the DCGM exporter, per day (and node group), or one file
 * billing/aws/                CUR 2.0 CSV, one part per day
 * k8s/&lt;cluster&gt;-nodes.json    kubectl get nodes -o json
 * </pre>
 */
record FleetInputs(
    Path root, SyntheticFleet fleet, int telemetryFilesPerDay, int billRowsPerGpuDay) {
  /** What one call of {@link #write} wrote, and how long it took. */
  record Written(
      StreamingDcgmJsonWriter.Result telemetry, StreamingCur2Writer.Result bill, double seconds) {}

  Path telemetryFolder() {
    return root.resolve("telemetry").resolve("dcgm").resolve(fleet.cluster());
  }

  Path billingFolder() {
    return root.resolve("billing").resolve("aws");
  }

  Path nodesFile() {
    return root.resolve("k8s").resolve(fleet.cluster() + "-nodes.json");
  }

  /**
   * Writes the telemetry and the bill of the days {@code from} to {@code to}, and the node list.
   */
  Written write(LocalDate from, LocalDate to) {
    long started = System.nanoTime();
    StreamingDcgmJsonWriter.Result telemetry =
        new StreamingDcgmJsonWriter()
            .write(
                fleet, root.resolve("telemetry").resolve("dcgm"), from, to, telemetryFilesPerDay);
    StreamingCur2Writer.Result bill =
        new StreamingCur2Writer(billRowsPerGpuDay).write(fleet, billingFolder(), from, to);
    new KubeNodesWriter().write(fleet.placeholderFleet(), nodesFile().getParent());
    return new Written(telemetry, bill, (System.nanoTime() - started) / 1e9);
  }

  /**
   * The same files for a fleet sampled {@code moreDays} longer (new files are written by the next
   * {@link #write}).
   */
  FleetInputs extendedBy(int moreDays) {
    return new FleetInputs(
        root, fleet.extendedBy(moreDays), telemetryFilesPerDay, billRowsPerGpuDay);
  }
}
