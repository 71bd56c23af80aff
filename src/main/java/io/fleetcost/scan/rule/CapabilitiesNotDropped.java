package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The container runtime's default capabilities stay unless dropped: drop ALL (or every one of
 * them).
 */
final class CapabilitiesNotDropped extends ContainerCheck {
  static final Set<String> DEFAULTS =
      Set.of(
          "NET_ADMIN",
          "CHOWN",
          "DAC_OVERRIDE",
          "FSETID",
          "FOWNER",
          "MKNOD",
          "NET_RAW",
          "SETGID",
          "SETUID",
          "SETFCAP",
          "SETPCAP",
          "NET_BIND_SERVICE",
          "SYS_CHROOT",
          "KILL",
          "AUDIT_WRITE");

  CapabilitiesNotDropped() {
    super(
        new CheckInfo(
            "capabilities-not-dropped",
            "Default capabilities not dropped",
            "workload",
            3,
            List.of("workloads"),
            List.of("insecureCapabilities"),
            List.of(),
            "Set securityContext.capabilities.drop: [\"ALL\"] and add back only what the process needs."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    Set<String> dropped = new HashSet<>();
    for (var cap : container.securityContext().path("capabilities").path("drop")) {
      dropped.add(cap.asText().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", ""));
    }
    if (dropped.contains("ALL") || dropped.containsAll(DEFAULTS)) {
      return null;
    }
    return Violation.at(
        "securityContext.capabilities.drop",
        "keeps the runtime's default capabilities (drop ALL is missing)");
  }
}
