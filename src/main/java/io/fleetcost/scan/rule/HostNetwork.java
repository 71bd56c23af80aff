package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/**
 * hostNetwork puts the pod on the node's network: it can reach the kubelet and sniff other pods'
 * traffic.
 */
final class HostNetwork extends HostNamespace {
  HostNetwork() {
    super(
        new CheckInfo(
            "host-network",
            "Pod uses the host network",
            "workload",
            7,
            List.of("workloads"),
            List.of("hostNetworkSet"),
            List.of("C-0041"),
            "Remove hostNetwork: true. For multi-node training over InfiniBand or EFA, use the SR-IOV / EFA device plugin"
                + " instead of the host network."),
        "hostNetwork",
        "network");
  }
}
