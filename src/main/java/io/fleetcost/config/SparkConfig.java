package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where Spark runs. {@code master} defaults to {@code local[*]}; {@code conf} takes any {@code
 * spark.*} setting and is applied after FleetCost's own defaults, so it can override them.
 */
public record SparkConfig(
    @JsonProperty("master") String master, @JsonProperty("conf") Map<String, String> conf) {
  public static final String DEFAULT_MASTER = "local[*]";
  public static final SparkConfig DEFAULT = new SparkConfig(null, Map.of());

  public SparkConfig {
    conf = conf == null ? Map.of() : Map.copyOf(new TreeMap<>(conf));
  }

  /**
   * spark-submit's {@code --master} (the {@code spark.master} system property it sets) wins over
   * the job file's.
   */
  public String masterOrDefault() {
    String submitted = System.getProperty("spark.master");
    if (submitted != null && !submitted.isBlank()) {
      return submitted;
    }
    return master == null || master.isBlank() ? DEFAULT_MASTER : master;
  }
}
