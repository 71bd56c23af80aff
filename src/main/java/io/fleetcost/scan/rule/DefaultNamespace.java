package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * Workloads in the default namespace share it with everything nobody placed: no quota, policy or
 * owner of their own. As Kubescape C-0061 (rules/pods-in-default-namespace/raw.rego L27: namespace
 * == "default", L34: no namespace).
 */
final class DefaultNamespace extends PodSpecCheck {
  DefaultNamespace() {
    super(
        new CheckInfo(
            "default-namespace",
            "Workload in the default namespace",
            "workload",
            2,
            List.of("workloads"),
            List.of(),
            List.of("C-0061"),
            "Give the team or platform component its own namespace, with its quota and policies."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    var namespace = pod.owner().metadata().path("namespace");
    boolean inDefault =
        !RegoValues.truthy(namespace)
            || (namespace.isTextual() && namespace.asText().equals("default"));
    return inDefault ? List.of(new Violation("", "runs in the default namespace")) : List.of();
  }
}
