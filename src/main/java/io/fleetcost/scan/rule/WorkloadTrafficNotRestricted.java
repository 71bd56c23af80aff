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
 * A workload's traffic is controlled only when a policy that selects it restricts a direction. As
 * Kubescape C-0030 (rules/ingress-and-egress-blocked/raw.rego): it fails when no network policy
 * selects the pods (L97) or none of those that do restricts ingress or egress (L76). A
 * NetworkPolicy selects with an empty podSelector or matching matchLabels (L226–L234) and restricts
 * a direction it lists in policyTypes (L289, L294; a policy without policyTypes does not count); a
 * CiliumNetworkPolicy of the namespace or a CiliumClusterwideNetworkPolicy selects when one of its
 * specs has matching matchLabels or selects every endpoint (L177, L184–L185) and restricts when
 * that spec or another has ingress or egress rules (L302–L320).
 */
final class WorkloadTrafficNotRestricted implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "workload-traffic-not-restricted",
          "Workload's ingress and egress not restricted by a policy",
          "network",
          6,
          List.of("workloads"),
          List.of(),
          List.of("C-0030"),
          "Select the workload with a NetworkPolicy that lists Ingress and Egress in policyTypes (a namespace"
              + " default-deny does), or a Cilium policy with ingress and egress rules.");

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
              && anySpecSelects(policy, pod);
      default -> anySpecSelects(policy, pod);
    };
  }

  private static boolean anySpecSelects(Manifest policy, PodTemplate pod) {
    for (JsonNode spec : NetworkPolicies.ciliumSpecs(policy)) {
      JsonNode matchLabels = spec.path("endpointSelector").path("matchLabels");
      boolean byLabels =
          matchLabels.isObject()
              && !matchLabels.isEmpty()
              && NetworkPolicies.matchLabelsSelect(matchLabels, pod.labels());
      if (byLabels || NetworkPolicies.selectsEveryEndpoint(spec)) {
        return true;
      }
    }
    return false;
  }

  static boolean restrictsADirection(Manifest policy) {
    if (policy.kind().equals(NetworkPolicies.NETWORK_POLICY)) {
      for (JsonNode type : policy.body().path("spec").path("policyTypes")) {
        if (type.asText().equals("Ingress") || type.asText().equals("Egress")) {
          return true;
        }
      }
      return false;
    }
    return NetworkPolicies.ciliumSpecs(policy).stream()
        .anyMatch(
            spec ->
                RegoValues.truthy(spec.path("ingress")) || RegoValues.truthy(spec.path("egress")));
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    List<Manifest> policies = NetworkPolicies.all(cluster);
    for (PodTemplate pod : cluster.podTemplates()) {
      out.evaluated(pod.owner());
      List<Manifest> selecting = policies.stream().filter(policy -> selects(policy, pod)).toList();
      String labels = pod.path("").replaceFirst("spec$", "metadata.labels");
      if (selecting.isEmpty()) {
        out.fail(
            pod.owner(),
            labels,
            "no network policy selects its pods, so neither ingress nor egress is restricted");
      } else if (selecting.stream().noneMatch(WorkloadTrafficNotRestricted::restrictsADirection)) {
        out.fail(
            pod.owner(),
            labels,
            "the policies that select its pods ("
                + String.join(", ", selecting.stream().map(Manifest::name).toList())
                + ") restrict neither ingress nor egress");
      }
    }
  }
}
