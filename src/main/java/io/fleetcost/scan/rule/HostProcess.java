package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * A Windows HostProcess container runs as a process of the node, with the node's network and file
 * system: it is the Windows privileged container. As Polaris' hostProcess:
 * windowsOptions.hostProcess true in the pod's or a container's securityContext.
 */
final class HostProcess extends PodSpecCheck {
  HostProcess() {
    super(
        new CheckInfo(
            "host-process",
            "Windows HostProcess container",
            "workload",
            8,
            List.of("workloads"),
            List.of("hostProcess"),
            List.of(),
            "Remove windowsOptions.hostProcess: true; run node agents as a reviewed, exempted DaemonSet."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    List<Violation> violations = new ArrayList<>();
    if (RegoValues.isTrue(
        pod.spec().path("securityContext").path("windowsOptions").path("hostProcess"))) {
      violations.add(
          Violation.at(
              "securityContext.windowsOptions.hostProcess",
              "runs its containers as host processes"));
    }
    for (Containers.Entry container : Containers.of(pod, false)) {
      if (RegoValues.isTrue(
          container.securityContext().path("windowsOptions").path("hostProcess"))) {
        violations.add(
            Violation.at(
                container.path() + ".securityContext.windowsOptions.hostProcess",
                "container '" + container.name() + "' runs as a host process"));
      }
    }
    return violations;
  }
}
