package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;
import java.util.Locale;

/**
 * At least one Linux hardening mechanism: a seccomp profile (RuntimeDefault or Localhost, the
 * container's own overriding the pod's), SELinux options, an AppArmor profile, or all capabilities
 * dropped (and ALL not added back). Not Kubescape's C-0055, which accepts any seccompProfile
 * (Unconfined too), any capabilities.drop list and only the AppArmor annotation, and looks at app
 * containers only.
 */
final class LinuxHardening extends ContainerCheck {
  LinuxHardening() {
    super(
        new CheckInfo(
            "linux-hardening",
            "No Linux hardening",
            "workload",
            3,
            List.of("workloads"),
            List.of("linuxHardening"),
            List.of(),
            "Set securityContext.seccompProfile.type: RuntimeDefault in the pod, and drop ALL capabilities in each"
                + " container."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    JsonNode own = container.securityContext();
    JsonNode podLevel = pod.spec().path("securityContext");
    JsonNode seccomp = own.path("seccompProfile").path("type");
    if (seccomp.isMissingNode() || seccomp.isNull()) {
      seccomp = podLevel.path("seccompProfile").path("type");
    }
    if (seccomp.isTextual() && List.of("RuntimeDefault", "Localhost").contains(seccomp.asText())) {
      return null;
    }
    if (!own.path("seLinuxOptions").isEmpty() || !podLevel.path("seLinuxOptions").isEmpty()) {
      return null;
    }
    JsonNode appArmor = own.path("appArmorProfile").path("type");
    if (appArmor.isMissingNode()) {
      appArmor = podLevel.path("appArmorProfile").path("type");
    }
    if (appArmor.isTextual()
        && List.of("RuntimeDefault", "Localhost").contains(appArmor.asText())) {
      return null;
    }
    String annotation =
        pod.owner()
            .body()
            .path("metadata")
            .path("annotations")
            .path("container.apparmor.security.beta.kubernetes.io/" + container.name())
            .asText("");
    JsonNode templateAnnotations =
        io.fleetcost.scan.ClusterView.at(
                pod.owner().body(), pod.specPath().replaceFirst("spec$", "metadata"))
            .path("annotations");
    if (annotation.isEmpty()) {
      annotation =
          templateAnnotations
              .path("container.apparmor.security.beta.kubernetes.io/" + container.name())
              .asText("");
    }
    if (annotation.equals("runtime/default") || annotation.startsWith("localhost/")) {
      return null;
    }
    boolean dropsAll = false;
    boolean addsAll = false;
    for (JsonNode cap : own.path("capabilities").path("drop")) {
      dropsAll |= cap.asText().toUpperCase(Locale.ROOT).equals("ALL");
    }
    for (JsonNode cap : own.path("capabilities").path("add")) {
      addsAll |= cap.asText().toUpperCase(Locale.ROOT).equals("ALL");
    }
    if (dropsAll && !addsAll) {
      return null;
    }
    return Violation.at(
        "securityContext",
        "has no seccomp profile, SELinux options, AppArmor profile or dropped capabilities");
  }
}
