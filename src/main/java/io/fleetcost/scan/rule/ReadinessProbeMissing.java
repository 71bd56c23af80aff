package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/** A serving container without a readiness probe gets traffic before its model is loaded. */
public final class ReadinessProbeMissing extends ContainerCheck {
  public ReadinessProbeMissing() {
    super(
        new CheckInfo(
            "readiness-probe-missing", "Serving container without a readiness probe", "workload", 3,
            List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"), List.of(), List.of("C-0018"),
            "Add a readinessProbe that passes only once the model is loaded and warm."),
        true);
  }

  @Override
  boolean applies(PodTemplate pod) {
    return Workloads.longRunning(pod);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    return container.container().path("readinessProbe").isObject() ? null : Violation.at("readinessProbe", "has no readiness probe");
  }
}
