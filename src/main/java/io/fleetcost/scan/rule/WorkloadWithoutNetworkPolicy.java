package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A workload that no NetworkPolicy of its namespace selects accepts traffic from, and sends it to, anything
 * (Kubescape C-0260). Polaris' missingNetworkPolicy also wants ingress and egress rules in the selecting policy (a
 * pure default-deny fails it), so the check is not mapped to it.
 */
public final class WorkloadWithoutNetworkPolicy implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "workload-without-network-policy", "Workload selected by no NetworkPolicy", "network", 4, List.of("workloads"),
          List.of(), List.of("C-0260"),
          "Add a NetworkPolicy whose podSelector matches the workload's labels (or a namespace default-deny), allowing"
              + " only the traffic it needs.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (PodTemplate pod : cluster.podTemplates()) {
      out.evaluated(pod.owner());
      boolean selected = NetworkPolicies.in(cluster, pod.namespace()).stream().anyMatch(np -> NetworkPolicies.selects(np, pod.labels()));
      if (!selected) {
        out.fail(pod.owner(), pod.path("").replaceFirst("spec$", "metadata.labels"), "no NetworkPolicy in " + pod.namespace() + " selects its pods");
      }
    }
  }
}
