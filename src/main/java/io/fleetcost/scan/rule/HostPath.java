package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostPath volume reaches into the node's filesystem; writable, it can take over the node
 * (writable-host-path). As Kubescape C-0048 (rules/alert-any-hostpath/raw.rego L73:
 * volume.hostPath.path).
 */
final class HostPath extends PodSpecCheck {
  HostPath() {
    super(
        new CheckInfo(
            "host-path",
            "hostPath volume",
            "workload",
            7,
            List.of("workloads"),
            List.of("hostPathSet"),
            List.of("C-0048"),
            "Replace the hostPath volume with a PersistentVolumeClaim, an emptyDir, or a CSI volume (datasets: a"
                + " read-only PVC or an object-store mount)."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    List<Violation> violations = new ArrayList<>();
    var volumes = pod.spec().path("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      var hostPath = volumes.get(i).path("hostPath");
      if (RegoValues.truthy(hostPath.path("path"))) {
        violations.add(
            Violation.at(
                "volumes[" + i + "].hostPath",
                "mounts the node's "
                    + hostPath.path("path").asText("?")
                    + " (volume '"
                    + volumes.get(i).path("name").asText()
                    + "')"));
      }
    }
    return violations;
  }
}
