package io.fleetcost.telemetry;

import io.fleetcost.config.TelemetryFormat;
import java.io.Serializable;
import java.util.Objects;

/**
 * One telemetry file to decode, with what its input says about it.
 *
 * @param cluster the cluster name for samples whose labels carry none (may be null)
 * @param timezone the zone of local timestamps (nvidia-smi logs), e.g. {@code UTC}, {@code
 *     Europe/Berlin}
 * @param instanceId for nvidia-smi logs: the cloud instance the log is from (null: the file name
 *     without extension)
 * @param node for nvidia-smi logs: the host name (null: the instance id)
 */
public record TelemetryFileTask(
    String path,
    String displayPath,
    TelemetryFormat format,
    String cluster,
    String timezone,
    String instanceId,
    String node)
    implements Serializable {
  public TelemetryFileTask {
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(format, "format is null");
    Objects.requireNonNull(timezone, "timezone is null");
  }

  /**
   * The file name without its data and compression extensions: {@code i-0abc.csv.gz} → {@code
   * i-0abc}; {@code vm.prod.01.log} → {@code vm.prod.01} (a VM name may hold dots).
   */
  public String fileStem() {
    String name = displayPath.substring(displayPath.lastIndexOf('/') + 1);
    String stem = name.replaceFirst("(?i)(\\.(gz|zip|bz2|zst))$", "");
    stem = stem.replaceFirst("(?i)\\.(csv|log|txt|json|jsonl|ndjson|prom)$", "");
    return stem.isEmpty() ? name : stem;
  }
}
