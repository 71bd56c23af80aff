package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/** An unmasked /proc exposes the node's kernel settings to the container. */
final class ProcMount extends ContainerCheck {
  ProcMount() {
    super(
        new CheckInfo(
            "unmasked-proc-mount",
            "Unmasked /proc mount",
            "workload",
            5,
            List.of("workloads"),
            List.of("procMount"),
            List.of(),
            "Remove securityContext.procMount or set it to Default."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var value = container.securityContext().path("procMount");
    return value.isTextual() && !value.asText().equals("Default")
        ? Violation.at("securityContext.procMount", "mounts /proc as " + value.asText())
        : null;
  }
}
