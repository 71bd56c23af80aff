package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A privileged container has every device and capability of the node; SYS_ADMIN alone is most of
 * that. As Kubescape C-0057 (rules/rule-privileged-container/raw.rego: L202–L203 SYS_ADMIN in
 * capabilities.add, L209 privileged == true), in containers, init and ephemeral containers alike,
 * the capability's name compared exactly. Polaris' runAsPrivileged looks at privileged only.
 */
public final class PrivilegedContainer extends ContainerCheck {
  public PrivilegedContainer() {
    super(
        new CheckInfo(
            "privileged-container",
            "Privileged container (or SYS_ADMIN)",
            "workload",
            8,
            List.of("workloads"),
            List.of("runAsPrivileged"),
            List.of("C-0057"),
            "Remove securityContext.privileged: true and the SYS_ADMIN capability. Grant only the capability the"
                + " container needs; GPU pods get their devices from the NVIDIA device plugin and do not need"
                + " privileged mode."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    if (RegoValues.isTrue(container.securityContext().path("privileged"))) {
      return Violation.at(
          "securityContext.privileged", "runs privileged: it can do anything the node can");
    }
    JsonNode added = container.securityContext().path("capabilities").path("add");
    for (int i = 0; i < added.size(); i++) {
      if (added.get(i).asText().equals("SYS_ADMIN")) {
        return Violation.at(
            "securityContext.capabilities.add[" + i + "]",
            "adds SYS_ADMIN, which makes it as good as privileged");
      }
    }
    return null;
  }
}
