package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the history tables live and how a first run fills them.
 *
 * @param warehouse the Iceberg warehouse folder or Hadoop URI ({@code s3a://bucket/fleetcost}); default: the folder
 *     {@code history} inside the output folder
 * @param namespace the namespace of the tables inside the warehouse (default {@code fleetcost})
 * @param seedDays when the history holds no run before the run date, the run first records this many earlier days
 *     from the data it has just read, so that the first report already shows trends (default 0: off)
 * @param enabled false turns the history (and the reports built on it) off (default true)
 */
public record HistoryConfig(
    @JsonProperty("warehouse") String warehouse,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("seed-days") Integer seedDays,
    @JsonProperty("enabled") Boolean enabled) {
  public static final HistoryConfig DEFAULT = new HistoryConfig(null, null, null, null);

  public HistoryConfig {
    namespace = namespace == null || namespace.isBlank() ? "fleetcost" : namespace;
    seedDays = seedDays == null ? 0 : seedDays;
    enabled = enabled == null || enabled;
    if (seedDays < 0 || seedDays > 366) {
      throw new IllegalArgumentException("history.seed-days must be between 0 and 366, not " + seedDays);
    }
    if (!namespace.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("history.namespace must be lower-case letters, digits and _, not " + namespace);
    }
  }

  public HistoryConfig disabled() {
    return new HistoryConfig(warehouse, namespace, seedDays, false);
  }

  public HistoryConfig withWarehouse(String newWarehouse) {
    return new HistoryConfig(newWarehouse, namespace, seedDays, enabled);
  }
}
