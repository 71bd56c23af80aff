package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;
import java.util.Set;

/**
 * Pod Security Admission rejects pods only in enforce mode, and only at the baseline or restricted
 * level: a namespace labelled warn or audit only, or enforce: privileged, admits a privileged pod.
 * FleetCost's own, stricter than Kubescape's C-0192 (namespace-without-pod-security-admission).
 * Judged on Namespace objects.
 */
final class PodSecurityNotEnforced implements Check {
  static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  private static final Set<String> ENFORCING = Set.of("baseline", "restricted");
  private static final CheckInfo INFO =
      new CheckInfo(
          "pod-security-not-enforced",
          "Namespace does not enforce a Pod Security Standard",
          "workload",
          5,
          List.of("Namespace"),
          List.of(),
          List.of(),
          "Label the namespace pod-security.kubernetes.io/enforce: restricted (baseline for workloads that need more)."
              + " Keep privileged namespaces for the platform's node agents and exempt them with the reason.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest namespace : cluster.ofKind("Namespace")) {
      out.evaluated(namespace);
      var level = namespace.metadata().path("labels").path(ENFORCE);
      if (!level.isTextual() || !ENFORCING.contains(level.asText())) {
        out.fail(
            namespace,
            namespace.pathPrefix() + "metadata.labels." + ENFORCE,
            level.isTextual()
                ? "enforces the " + level.asText() + " level: it admits privileged pods"
                : "enforces no Pod Security Standard");
      }
    }
  }
}
