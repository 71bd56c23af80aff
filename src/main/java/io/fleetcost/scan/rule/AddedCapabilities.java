package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Capabilities that hand the node to the container: Kubescape's insecureCapabilities list and
 * DAC_READ_SEARCH, matched as the container runtimes read them (any case, with or without CAP_), in
 * every container. Not Kubescape's C-0046, which compares the names exactly and looks at app
 * containers only.
 */
final class AddedCapabilities extends ContainerCheck {
  static final Set<String> DANGEROUS =
      Set.of(
          "ALL",
          "SYS_ADMIN",
          "NET_ADMIN",
          "SYS_MODULE",
          "SYS_RAWIO",
          "SYS_PTRACE",
          "SYS_BOOT",
          "MAC_OVERRIDE",
          "MAC_ADMIN",
          "PERFMON",
          "BPF",
          "NET_RAW",
          "SETPCAP",
          "DAC_READ_SEARCH");

  AddedCapabilities() {
    super(
        new CheckInfo(
            "dangerous-capabilities",
            "Dangerous capabilities added",
            "workload",
            7,
            List.of("workloads"),
            List.of("dangerousCapabilities", "insecureCapabilities"),
            List.of(),
            "Remove the capability from securityContext.capabilities.add; if the workload needs it, give the pod its own"
                + " node pool and document why."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    List<String> found = new ArrayList<>();
    for (var cap : container.securityContext().path("capabilities").path("add")) {
      String name = cap.asText().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
      if (DANGEROUS.contains(name)) {
        found.add(name);
      }
    }
    return found.isEmpty()
        ? null
        : Violation.at("securityContext.capabilities.add", "adds " + String.join(", ", found));
  }
}
