package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A workload that no network policy selects accepts traffic from, and sends it to, anything. As
 * Kubescape C-0260 (rules/ensure_network_policy_configured_in_labels/raw.rego): a NetworkPolicy of
 * its namespace whose podSelector is empty (L134) or whose matchLabels all match the pod's labels
 * (L49–L50; matchExpressions are not read), a CiliumNetworkPolicy of its namespace whose
 * endpointSelector is empty or has empty or matching matchLabels (L59–L60, L141, L148), or a
 * CiliumClusterwideNetworkPolicy that does so in any namespace (L67–L69, L154, L160). Polaris'
 * missingNetworkPolicy also wants ingress and egress rules in the selecting policy (a pure
 * default-deny fails it), so the check is not mapped to it.
 */
final class WorkloadWithoutNetworkPolicy implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "workload-without-network-policy",
          "Workload selected by no network policy",
          "network",
          4,
          List.of("workloads"),
          List.of(),
          List.of("C-0260"),
          "Add a NetworkPolicy (or CiliumNetworkPolicy) whose selector matches the workload's labels (or a namespace"
              + " default-deny), allowing only the traffic it needs.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  static boolean selects(Manifest policy, PodTemplate pod) {
    return switch (policy.kind()) {
      case NetworkPolicies.NETWORK_POLICY ->
          NetworkPolicies.sameNamespaceForKubescape(policy, pod.owner())
              && NetworkPolicies.podSelectorSelects(policy, pod.labels());
      case NetworkPolicies.CILIUM ->
          NetworkPolicies.sameNamespaceForKubescape(policy, pod.owner())
              && endpointSelectorSelects(policy, pod);
      default -> endpointSelectorSelects(policy, pod);
    };
  }

  private static boolean endpointSelectorSelects(Manifest policy, PodTemplate pod) {
    JsonNode selector = policy.body().path("spec").path("endpointSelector");
    JsonNode matchLabels = selector.path("matchLabels");
    return (selector.isObject() && selector.isEmpty())
        || (matchLabels.isObject()
            && (matchLabels.isEmpty()
                || NetworkPolicies.matchLabelsSelect(matchLabels, pod.labels())));
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    List<Manifest> policies = NetworkPolicies.all(cluster);
    for (PodTemplate pod : cluster.podTemplates()) {
      out.evaluated(pod.owner());
      if (policies.stream().noneMatch(policy -> selects(policy, pod))) {
        out.fail(
            pod.owner(),
            pod.path("").replaceFirst("spec$", "metadata.labels"),
            "no network policy selects its pods");
      }
    }
  }
}
