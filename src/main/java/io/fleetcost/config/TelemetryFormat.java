package io.fleetcost.config;

import io.fleetcost.error.FleetCostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The GPU telemetry formats FleetCost reads into {@code gpu_samples}. */
public enum TelemetryFormat {
  DCGM_JSON(
      "dcgm-json", "DCGM exporter metrics from a Prometheus query (query or query_range JSON)"),
  DCGM_EXPOSITION(
      "dcgm-exposition", "a DCGM exporter /metrics snapshot (Prometheus text exposition)"),
  NVIDIA_SMI("nvidia-smi", "nvidia-smi --query-gpu=... --format=csv logs"),
  SAMPLES_CSV(
      "gpu-samples-csv", "FleetCost's generic long CSV: timestamp, node, gpu, metric, value");

  private final String cliName;
  private final String description;

  TelemetryFormat(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  public static TelemetryFormat fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (TelemetryFormat format : values()) {
      if (format.cliName.equals(wanted)) {
        return format;
      }
    }
    throw FleetCostException.userError(
        "Cannot use telemetry format '%s': not a known format (known: auto, %s)", name, names());
  }

  public static String names() {
    return Arrays.stream(values()).map(TelemetryFormat::cliName).collect(Collectors.joining(", "));
  }
}
