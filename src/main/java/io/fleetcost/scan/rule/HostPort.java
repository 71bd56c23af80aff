package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/** A hostPort ties the pod to its node's address and bypasses NetworkPolicy on some network plugins. */
public final class HostPort extends ContainerCheck {
  public HostPort() {
    super(
        new CheckInfo(
            "host-port", "Container uses a host port", "workload", 4, List.of("workloads"), List.of("hostPortSet"),
            List.of("C-0044"), "Remove ports[].hostPort and expose the container through a Service."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var ports = container.container().path("ports");
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).path("hostPort").asInt(0) > 0) {
        return Violation.at("ports[" + i + "].hostPort", "binds host port " + ports.get(i).path("hostPort").asInt());
      }
    }
    return null;
  }
}
