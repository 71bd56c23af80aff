package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * Without allowPrivilegeEscalation: false a process can gain more privileges than its parent
 * (setuid binaries). As Kubescape C-0016 (rules/rule-allow-privilege-escalation/raw.rego L78–L114):
 * the app containers (not init containers) whose allowPrivilegeEscalation is not false, unless
 * every PodSecurityPolicy of the scan forbids it.
 */
final class PrivilegeEscalation extends ContainerCheck {
  PrivilegeEscalation() {
    super(
        new CheckInfo(
            "privilege-escalation",
            "Privilege escalation allowed",
            "workload",
            6,
            List.of("workloads"),
            List.of("privilegeEscalationAllowed"),
            List.of("C-0016"),
            "Set securityContext.allowPrivilegeEscalation: false on the container."),
        true);
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    List<Manifest> policies = cluster.ofKind("PodSecurityPolicy");
    boolean everyPolicyForbids =
        !policies.isEmpty()
            && policies.stream()
                .allMatch(
                    p ->
                        RegoValues.isFalse(p.body().path("spec").path("allowPrivilegeEscalation")));
    if (everyPolicyForbids) {
      cluster.podTemplates().forEach(pod -> out.evaluated(pod.owner()));
    } else {
      super.evaluate(cluster, out);
    }
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var value = container.securityContext().path("allowPrivilegeEscalation");
    if (RegoValues.isFalse(value)) {
      return null;
    }
    return Violation.at(
        "securityContext.allowPrivilegeEscalation",
        RegoValues.isTrue(value)
            ? "allows privilege escalation"
            : "does not set allowPrivilegeEscalation: false (it defaults to true)");
  }
}
