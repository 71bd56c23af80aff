package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A hostPort ties the pod to its node's address and bypasses NetworkPolicy on some network plugins.
 * As Kubescape C-0044 (rules/container-hostPort/raw.rego L68: an app container's port with a
 * hostPort field).
 */
final class HostPort extends ContainerCheck {
  HostPort() {
    super(
        new CheckInfo(
            "host-port",
            "Container uses a host port",
            "workload",
            4,
            List.of("workloads"),
            List.of("hostPortSet"),
            List.of("C-0044"),
            "Remove ports[].hostPort and expose the container through a Service."),
        true);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var ports = container.container().path("ports");
    for (int i = 0; i < ports.size(); i++) {
      if (RegoValues.truthy(ports.get(i).path("hostPort"))) {
        return Violation.at(
            "ports[" + i + "].hostPort",
            "binds host port " + ports.get(i).path("hostPort").asText());
      }
    }
    return null;
  }
}
