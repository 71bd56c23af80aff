package io.fleetcost.telemetry;

import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.files.InputPaths;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One telemetry input of a job, typed.
 *
 * @param claimedFormat null to detect it per file
 * @param cluster the cluster the samples come from, when their labels do not say
 * @param timezone zone of nvidia-smi's local timestamps
 * @param instanceId nvidia-smi logs: the instance the files come from (null: each file's name)
 * @param node nvidia-smi logs: the host name (null: the instance id)
 */
public record TelemetryInput(
    String name,
    List<String> paths,
    TelemetryFormat claimedFormat,
    String cluster,
    String timezone,
    String instanceId,
    String node)
    implements InputPaths {
  public TelemetryInput {
    Objects.requireNonNull(name, "name is null");
    paths = List.copyOf(paths);
    Objects.requireNonNull(timezone, "timezone is null");
  }

  @Override
  public String kind() {
    return "telemetry";
  }

  public Optional<TelemetryFormat> format() {
    return Optional.ofNullable(claimedFormat);
  }
}
