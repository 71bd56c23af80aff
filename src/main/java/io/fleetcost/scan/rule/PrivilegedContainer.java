package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/** A privileged container has every device and capability of the node. */
public final class PrivilegedContainer extends ContainerCheck {
  public PrivilegedContainer() {
    super(
        new CheckInfo(
            "privileged-container", "Privileged container", "workload", 8, List.of("workloads"), List.of("runAsPrivileged"),
            List.of("C-0057"),
            "Remove securityContext.privileged: true. Grant only the capability the container needs; GPU pods get their"
                + " devices from the NVIDIA device plugin and do not need privileged mode."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    return container.securityContext().path("privileged").asBoolean(false)
        ? Violation.at("securityContext.privileged", "runs privileged: it can do anything the node can")
        : null;
  }
}
