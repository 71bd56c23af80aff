package io.fleetcost.scan.rule;

import io.fleetcost.scan.PodTemplate;
import java.util.Set;

/** What kind of workload a pod template belongs to. */
final class Workloads {
  private Workloads() {}

  /**
   * Long-running controllers: their pods serve, so probes matter. Batch (Job, CronJob) and bare
   * Pods do not.
   */
  static final Set<String> LONG_RUNNING =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController");

  static boolean longRunning(PodTemplate pod) {
    return LONG_RUNNING.contains(pod.owner().kind());
  }
}
