package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One telemetry source in a job file.
 *
 * @param name a label for the source in summaries; defaults to {@code telemetry-N}
 * @param path one or more files or folders (read recursively)
 * @param format {@code auto} (detect per file) or {@code dcgm-json}, {@code dcgm-exposition},
 *     {@code nvidia-smi}, {@code gpu-samples-csv}
 * @param cluster the Kubernetes cluster the samples come from, when their labels do not say
 * @param timezone the zone of nvidia-smi's local timestamps (default {@code UTC})
 * @param instanceId nvidia-smi logs: the cloud instance they come from (default: each file's name
 *     without extension)
 * @param node nvidia-smi logs: the host name (default: the instance id)
 * @param maxStalenessHours this input's staleness limit; unset: {@code
 *     data-quality.max-staleness-hours}
 */
public record TelemetryInputConfig(
    @JsonProperty("name") String name,
    @JsonProperty("path") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> path,
    @JsonProperty("format") String format,
    @JsonProperty("cluster") String cluster,
    @JsonProperty("timezone") String timezone,
    @JsonProperty("instance-id") String instanceId,
    @JsonProperty("node") String node,
    @JsonProperty("max-staleness-hours") Integer maxStalenessHours) {

  public TelemetryInputConfig {
    path = path == null ? List.of() : List.copyOf(path);
    format = format == null || format.isBlank() ? BillingInputConfig.AUTO : format.trim();
    timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone.trim();
  }

  public TelemetryInputConfig withPaths(List<String> resolved) {
    return new TelemetryInputConfig(
        name, resolved, format, cluster, timezone, instanceId, node, maxStalenessHours);
  }

  public TelemetryInputConfig withName(String newName) {
    return new TelemetryInputConfig(
        newName, path, format, cluster, timezone, instanceId, node, maxStalenessHours);
  }
}
