package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A sysctl outside the Pod Security Standards' safe set is not namespaced per pod: it changes the
 * node's kernel for every pod on it (a training job raising net.core.rmem_max for NCCL does it for
 * its neighbours too). FleetCost's own, as the baseline Pod Security Standard (its "Sysctls"
 * control, the safe set as of Kubernetes 1.29).
 */
final class UnsafeSysctls extends PodSpecCheck {
  static final Set<String> SAFE =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");

  UnsafeSysctls() {
    super(
        new CheckInfo(
            "unsafe-sysctls",
            "Unsafe sysctl set",
            "workload",
            6,
            List.of("workloads"),
            List.of(),
            List.of(),
            "Remove the sysctl from the pod's securityContext.sysctls; tune the node (a node pool's kubelet or"
                + " bootstrap configuration) for the workloads that need it."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    List<Violation> violations = new ArrayList<>();
    var sysctls = pod.spec().path("securityContext").path("sysctls");
    for (int i = 0; i < sysctls.size(); i++) {
      String name = sysctls.get(i).path("name").asText("");
      if (!SAFE.contains(name)) {
        violations.add(
            Violation.at(
                "securityContext.sysctls[" + i + "]", "sets the node-wide sysctl " + name));
      }
    }
    return violations;
  }
}
