package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/** Without allowPrivilegeEscalation: false a process can gain more privileges than its parent (setuid binaries). */
public final class PrivilegeEscalation extends ContainerCheck {
  public PrivilegeEscalation() {
    super(
        new CheckInfo(
            "privilege-escalation", "Privilege escalation allowed", "workload", 6, List.of("workloads"),
            List.of("privilegeEscalationAllowed"), List.of("C-0016"),
            "Set securityContext.allowPrivilegeEscalation: false on the container."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var value = container.securityContext().path("allowPrivilegeEscalation");
    if (value.isBoolean() && !value.asBoolean()) {
      return null;
    }
    return Violation.at(
        "securityContext.allowPrivilegeEscalation",
        value.isBoolean() ? "allows privilege escalation" : "does not set allowPrivilegeEscalation: false (it defaults to true)");
  }
}
