package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostPath volume that an app container mounts without readOnly: true can change the node's files
 * (its kubelet configuration, its binaries). As Kubescape C-0045 (rules/alert-rw-hostpath/raw.rego:
 * L39 a hostPath volume, L42 an app container mounts it, L85 not mount.readOnly).
 */
final class WritableHostPath extends PodSpecCheck {
  WritableHostPath() {
    super(
        new CheckInfo(
            "writable-host-path",
            "hostPath volume mounted writable",
            "workload",
            8,
            List.of("workloads"),
            List.of(),
            List.of("C-0045"),
            "Mount the hostPath volume with readOnly: true, or replace it with a PersistentVolumeClaim or an emptyDir."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    List<Violation> violations = new ArrayList<>();
    JsonNode containers = pod.spec().path("containers");
    for (JsonNode volume : pod.spec().path("volumes")) {
      if (!RegoValues.truthy(volume.path("hostPath"))) {
        continue;
      }
      for (int i = 0; i < containers.size(); i++) {
        JsonNode mounts = containers.get(i).path("volumeMounts");
        for (int k = 0; k < mounts.size(); k++) {
          JsonNode mount = mounts.get(k);
          if (mount.path("name").asText("").equals(volume.path("name").asText())
              && !RegoValues.truthy(mount.path("readOnly"))) {
            violations.add(
                Violation.at(
                    "containers[" + i + "].volumeMounts[" + k + "]",
                    "container '"
                        + containers.get(i).path("name").asText("?")
                        + "' mounts the node's "
                        + volume.path("hostPath").path("path").asText("?")
                        + " writable"));
          }
        }
      }
    }
    return violations;
  }
}
