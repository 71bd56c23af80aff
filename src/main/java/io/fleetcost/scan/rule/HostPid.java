package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/** hostPID shows the pod every process of the node, and lets it signal them. */
final class HostPid extends HostNamespace {
  HostPid() {
    super(
        new CheckInfo(
            "host-pid",
            "Pod shares the host PID namespace",
            "workload",
            7,
            List.of("workloads"),
            List.of("hostPIDSet"),
            List.of("C-0038"),
            "Remove hostPID: true."),
        "hostPID",
        "process IDs");
  }
}
