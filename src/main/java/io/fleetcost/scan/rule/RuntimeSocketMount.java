package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;

/** The container runtime's socket gives whoever holds it every container on the node. */
public final class RuntimeSocketMount extends PodSpecCheck {
  public RuntimeSocketMount() {
    super(
        new CheckInfo(
            "runtime-socket-mount", "Container runtime socket mounted", "workload", 8, List.of("workloads"), List.of(),
            List.of("C-0074"),
            "Remove the socket mount; build images with a rootless builder (BuildKit rootless, kaniko) instead."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    List<Violation> violations = new ArrayList<>();
    var volumes = pod.spec().path("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      String path = volumes.get(i).path("hostPath").path("path").asText("");
      if (path.endsWith("docker.sock") || path.endsWith("containerd.sock") || path.endsWith("crio.sock")
          || path.equals("/var/run/docker") || path.equals("/run/containerd")) {
        violations.add(Violation.at("volumes[" + i + "].hostPath.path", "mounts the container runtime socket " + path));
      }
    }
    return violations;
  }
}
