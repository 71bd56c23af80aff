package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/**
 * A serving container without a liveness probe stays in rotation when it hangs (an inference server
 * stuck on a GPU error keeps its GPU and serves nothing). Polaris and Kubescape (C-0056) check
 * every pod, Jobs too, so the check is mapped to neither.
 */
final class LivenessProbeMissing extends ProbeMissing {
  LivenessProbeMissing() {
    super(
        new CheckInfo(
            "liveness-probe-missing",
            "Serving container without a liveness probe",
            "workload",
            3,
            List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"),
            List.of(),
            List.of(),
            "Add a livenessProbe (an HTTP health endpoint of the server, or its gRPC health check)."),
        "livenessProbe",
        "liveness");
  }
}
