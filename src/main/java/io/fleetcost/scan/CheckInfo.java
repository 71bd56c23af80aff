package io.fleetcost.scan;

import java.util.List;
import java.util.Objects;

/**
 * What a check is: its id, what it looks at, how much a failure weighs, the matching checks of peer
 * scanners, and the fix.
 *
 * @param weight 1–10, as Kubescape's baseScore; the severity follows from it ({@link
 *     Severity#ofWeight})
 * @param kinds the object kinds it evaluates ({@code workloads} for every kind with a pod template)
 * @param polaris the Polaris checks it corresponds to (same rule, or the differences documented in
 *     docs/security-checks.md)
 * @param kubescape the Kubescape controls it corresponds to
 */
public record CheckInfo(
    String id,
    String title,
    String category,
    int weight,
    List<String> kinds,
    List<String> polaris,
    List<String> kubescape,
    String fix) {
  public CheckInfo {
    Objects.requireNonNull(id, "id is null");
    if (weight < 1 || weight > 10) {
      throw new IllegalArgumentException("weight of " + id + " must be 1-10");
    }
    kinds = List.copyOf(kinds);
    polaris = List.copyOf(polaris);
    kubescape = List.copyOf(kubescape);
  }

  public Severity severity() {
    return Severity.ofWeight(weight);
  }
}
