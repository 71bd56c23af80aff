package io.fleetcost.config;

import io.fleetcost.error.FleetCostException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that several sections of a job file share, each naming the key and the file. */
final class JobFileChecks {
  private JobFileChecks() {}

  /** An input's paths, resolved against the job file's folder; at least one, none empty. */
  static List<String> resolvePaths(Path jobFile, Path folder, String where, List<String> paths) {
    if (paths.isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: %s has no 'path' (a file or folder)", jobFile, where);
    }
    List<String> resolved = new ArrayList<>();
    for (String path : paths) {
      if (path == null || path.isBlank()) {
        throw FleetCostException.userError(
            "Cannot load job file %s: %s.path has an empty entry", jobFile, where);
      }
      resolved.add(JobConfigLoader.resolve(folder, path));
    }
    return resolved;
  }

  static void requirePositiveHours(Path jobFile, String key, Integer hours) {
    if (hours != null && hours < 1) {
      throw FleetCostException.userError(
          "Cannot load job file %s: %s must be a positive number of hours (got %d)",
          jobFile, key, hours);
    }
  }

  /**
   * Summaries and the coverage check report inputs by name: two inputs of a kind cannot share one.
   */
  static void requireUniqueNames(Path jobFile, String kind, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw FleetCostException.userError(
            "Cannot load job file %s: two %s inputs are named '%s'", jobFile, kind, name);
      }
    }
  }

  static void requireFraction(Path jobFile, String key, BigDecimal value) {
    if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
      throw FleetCostException.userError(
          "Cannot load job file %s: %s must be between 0 and 1 (got %s)",
          jobFile, key, value.toPlainString());
    }
  }
}
