package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A Pod without a controller is not recreated when its node goes away (a spot reclaim ends it for
 * good). As Kubescape C-0073 (rules/naked-pods/raw.rego L8: not pod.metadata.ownerReferences).
 */
final class NakedPod extends PodSpecCheck {
  NakedPod() {
    super(
        new CheckInfo(
            "naked-pod",
            "Pod without a controller",
            "workload",
            3,
            List.of("Pod"),
            List.of(),
            List.of("C-0073"),
            "Run the pod through a Deployment, StatefulSet or Job."));
  }

  @Override
  boolean applies(PodTemplate pod) {
    return pod.owner().kind().equals("Pod");
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    return !RegoValues.truthy(pod.owner().metadata().path("ownerReferences"))
        ? List.of(new Violation("", "is a bare Pod: nothing recreates it"))
        : List.of();
  }
}
