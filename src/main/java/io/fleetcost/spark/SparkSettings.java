package io.fleetcost.spark;

import java.util.Map;
import java.util.Objects;

/**
 * How to start Spark for a run: the application name, the master URL and extra {@code spark.*}
 * settings.
 */
public record SparkSettings(String appName, String master, Map<String, String> conf) {
  public SparkSettings {
    Objects.requireNonNull(appName, "appName is null");
    Objects.requireNonNull(master, "master is null");
    conf = Map.copyOf(conf);
  }
}
