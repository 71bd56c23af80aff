package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/**
 * A serving container without a readiness probe gets traffic before its model is loaded. Not mapped
 * to Kubescape's C-0018 or Polaris' readinessProbeMissing, which check every pod, Jobs too.
 */
final class ReadinessProbeMissing extends ProbeMissing {
  ReadinessProbeMissing() {
    super(
        new CheckInfo(
            "readiness-probe-missing",
            "Serving container without a readiness probe",
            "workload",
            3,
            List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"),
            List.of(),
            List.of(),
            "Add a readinessProbe that passes only once the model is loaded and warm."),
        "readinessProbe",
        "readiness");
  }
}
