package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A serving container without a liveness probe stays in rotation when it hangs (an inference server stuck on a GPU
 * error keeps its GPU and serves nothing). Only long-running controllers: a Job's pod ends by itself. Polaris checks
 * every pod, so the check is not mapped to its livenessProbeMissing.
 */
public final class LivenessProbeMissing extends ContainerCheck {
  public LivenessProbeMissing() {
    super(
        new CheckInfo(
            "liveness-probe-missing", "Serving container without a liveness probe", "workload", 3,
            List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"), List.of(), List.of("C-0056"),
            "Add a livenessProbe (an HTTP health endpoint of the server, or its gRPC health check)."),
        true);
  }

  @Override
  boolean applies(PodTemplate pod) {
    return Workloads.longRunning(pod);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    return container.container().path("livenessProbe").isObject() ? null : Violation.at("livenessProbe", "has no liveness probe");
  }
}
