package io.fleetcost.pipeline;

import io.fleetcost.files.SkippedFile;
import java.util.List;
import java.util.Map;

/**
 * The outcome of telemetry ingest. Values are single metric readings (one GPU, one metric, one
 * time); samples are the rows of {@code gpu_samples} (one GPU, one time, all its metrics).
 */
public record TelemetryIngestResult(
    List<TelemetryFileStats> files,
    List<SkippedFile> skipped,
    long valuesRead,
    long valuesKept,
    long valuesQuarantined,
    Map<String, Long> quarantinedByReason,
    long samples,
    long gpus,
    String firstSample,
    String lastSample,
    double seconds) {
  public TelemetryIngestResult {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    quarantinedByReason = Map.copyOf(quarantinedByReason);
  }

  /**
   * One telemetry file: its format, the GPU samples it gave and its quarantined values by reason.
   */
  public record TelemetryFileStats(
      String input,
      String path,
      String format,
      String sha256,
      long bytes,
      long samples,
      long valuesQuarantined,
      Map<String, Long> quarantinedByReason) {
    public TelemetryFileStats {
      quarantinedByReason = Map.copyOf(quarantinedByReason);
    }
  }
}
