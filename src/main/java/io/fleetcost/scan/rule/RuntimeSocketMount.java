package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The container runtime's socket gives whoever holds it every container on the node. As Kubescape
 * C-0074 (rules/containers-mounting-docker-socket/raw.rego L74–L88: the four paths, compared
 * exactly; L12: the pod has an app container with volumeMounts). Another path to a socket is still
 * a hostPath finding.
 */
final class RuntimeSocketMount extends PodSpecCheck {
  static final Set<String> SOCKETS =
      Set.of(
          "/var/run/docker.sock",
          "/var/run/docker",
          "/run/containerd/containerd.sock",
          "/var/run/crio/crio.sock");

  RuntimeSocketMount() {
    super(
        new CheckInfo(
            "runtime-socket-mount",
            "Container runtime socket mounted",
            "workload",
            8,
            List.of("workloads"),
            List.of(),
            List.of("C-0074"),
            "Remove the socket mount; build images with a rootless builder (BuildKit rootless, kaniko) instead."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    List<Violation> violations = new ArrayList<>();
    boolean mountsSomething = false;
    for (var container : pod.spec().path("containers")) {
      mountsSomething |= !container.path("volumeMounts").isMissingNode();
    }
    if (!mountsSomething) {
      return violations;
    }
    var volumes = pod.spec().path("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      var path = volumes.get(i).path("hostPath").path("path");
      if (path.isTextual() && SOCKETS.contains(path.asText())) {
        violations.add(
            Violation.at(
                "volumes[" + i + "].hostPath.path",
                "mounts the container runtime socket " + path.asText()));
      }
    }
    return violations;
  }
}
