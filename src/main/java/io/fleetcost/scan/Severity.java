package io.fleetcost.scan;

import java.util.Locale;

/**
 * How bad a failed check is. Weights (1–10) map to severities as Kubescape's {@code baseScore}
 * does: ≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low.
 */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public static Severity ofWeight(int weight) {
    return weight >= 9 ? CRITICAL : weight >= 7 ? HIGH : weight >= 4 ? MEDIUM : LOW;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
