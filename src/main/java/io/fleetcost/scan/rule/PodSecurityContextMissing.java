package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A pod spec without a securityContext leaves every pod-wide setting at the runtime's default: the
 * user and group the image says (often root), volumes owned by root (no fsGroup), no seccomp
 * profile for the containers that set none. FleetCost's own, as Checkov's CKV_K8S_29: the pod-level
 * securityContext is missing or empty.
 */
final class PodSecurityContextMissing extends PodSpecCheck {
  PodSecurityContextMissing() {
    super(
        new CheckInfo(
            "pod-security-context-missing",
            "Pod without a pod-level securityContext",
            "workload",
            3,
            List.of("workloads"),
            List.of(),
            List.of(),
            "Set the pod's securityContext: runAsNonRoot: true, runAsUser and fsGroup, seccompProfile.type:"
                + " RuntimeDefault; the containers inherit them."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    var context = pod.spec().path("securityContext");
    return context.isObject() && !context.isEmpty()
        ? List.of()
        : List.of(Violation.at("securityContext", "sets no pod-level securityContext"));
  }
}
