package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A container may run as root unless it (or, when it says nothing, its pod) sets runAsNonRoot: true
 * or a runAsUser other than 0. Not Kubescape's C-0013, which also fails a container that allows
 * privilege escalation (that is privilege-escalation here) and passes runAsUser: 0 when
 * runAsNonRoot is true.
 */
public final class RunsAsRoot extends ContainerCheck {
  public RunsAsRoot() {
    super(
        new CheckInfo(
            "runs-as-root",
            "Container may run as root",
            "workload",
            6,
            List.of("workloads"),
            List.of("runAsRootAllowed"),
            List.of(),
            "Set securityContext.runAsNonRoot: true and a runAsUser above 0 (in the pod or the container), and build the"
                + " image with a non-root USER."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    JsonNode own = container.securityContext();
    JsonNode podLevel = pod.spec().path("securityContext");
    Boolean nonRoot = bool(own.path("runAsNonRoot"));
    Long user = number(own.path("runAsUser"));
    if (nonRoot == null) {
      nonRoot = bool(podLevel.path("runAsNonRoot"));
    }
    if (user == null) {
      user = number(podLevel.path("runAsUser"));
    }
    if (user != null && user == 0) {
      return Violation.at("securityContext.runAsUser", "runs as user 0 (root)");
    }
    if (Boolean.TRUE.equals(nonRoot) || (user != null && user > 0)) {
      return null;
    }
    return Violation.at(
        "securityContext.runAsNonRoot",
        Boolean.FALSE.equals(nonRoot)
            ? "sets runAsNonRoot: false"
            : "sets neither runAsNonRoot: true nor a non-zero runAsUser");
  }

  private static Boolean bool(JsonNode node) {
    return node.isBoolean() ? node.asBoolean() : null;
  }

  private static Long number(JsonNode node) {
    return node.isNumber() ? node.asLong() : null;
  }
}
