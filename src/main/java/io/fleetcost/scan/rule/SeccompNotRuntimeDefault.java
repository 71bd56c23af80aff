package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * Without the runtime's default seccomp profile a container can call every system call of the
 * node's kernel. As Kubescape C-0210 (rules/set-seccomp-profile-RuntimeDefault/raw.rego L88–L109):
 * an app container passes with its own seccompProfile.type RuntimeDefault, fails with another type,
 * and otherwise takes the pod's (RuntimeDefault passes, anything else or nothing fails). A
 * Localhost profile fails too; linux-hardening accepts it.
 */
final class SeccompNotRuntimeDefault extends ContainerCheck {
  SeccompNotRuntimeDefault() {
    super(
        new CheckInfo(
            "seccomp-not-runtime-default",
            "Seccomp profile is not RuntimeDefault",
            "workload",
            4,
            List.of("workloads"),
            List.of(),
            List.of("C-0210"),
            "Set securityContext.seccompProfile.type: RuntimeDefault in the pod spec (and no other type in the"
                + " containers)."),
        true);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    JsonNode own = container.securityContext().path("seccompProfile").path("type");
    if (!own.isMissingNode()) {
      return own.asText().equals("RuntimeDefault") && own.isTextual()
          ? null
          : Violation.at(
              "securityContext.seccompProfile.type", "uses the seccomp profile " + own.asText());
    }
    JsonNode podLevel = pod.spec().path("securityContext").path("seccompProfile").path("type");
    if (podLevel.isTextual() && podLevel.asText().equals("RuntimeDefault")) {
      return null;
    }
    return Violation.at(
        "securityContext.seccompProfile.type",
        podLevel.isMissingNode()
            ? "has no seccomp profile (neither its own nor the pod's)"
            : "takes the pod's seccomp profile " + podLevel.asText());
  }
}
