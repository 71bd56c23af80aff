package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * FleetCost's own, stricter rule (no peer scanner has it): every namespace denies ingress and
 * egress by default, so that a pod talks only to what a policy allows. A NetworkPolicy with an
 * empty podSelector, the direction in its types and no rules does it, and so does Cilium's default
 * deny (a CiliumNetworkPolicy of the namespace, or a CiliumClusterwideNetworkPolicy, selecting
 * every endpoint with the direction's rules all empty: {@code ingress: [{}]}). Kubescape's
 * C-0054/C-0206 accept any policy (namespace-without-network-policy). The Kubernetes system
 * namespaces are left out.
 */
public final class NamespaceWithoutDefaultDeny implements Check {
  private static final Set<String> SYSTEM = Set.of("kube-system", "kube-public", "kube-node-lease");
  private static final CheckInfo INFO =
      new CheckInfo(
          "namespace-without-default-deny",
          "Namespace without a default-deny network policy",
          "network",
          5,
          List.of(
              "Namespace",
              "NetworkPolicy",
              "CiliumNetworkPolicy",
              "CiliumClusterwideNetworkPolicy"),
          List.of(),
          List.of(),
          "Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] and no rules (or Cilium's default"
              + " deny), then allow what each workload needs (DNS, its peers, its endpoints) in further policies.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    List<Manifest> policies = NetworkPolicies.all(cluster);
    for (String namespace : cluster.namespaces()) {
      if (SYSTEM.contains(namespace)) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      for (String direction : List.of("Ingress", "Egress")) {
        if (policies.stream()
            .noneMatch(policy -> NetworkPolicies.defaultDeny(policy, direction, namespace))) {
          missing.add(direction.toLowerCase(Locale.ROOT));
        }
      }
      out.evaluated("Namespace", null, namespace);
      if (!missing.isEmpty()) {
        Namespaces.fail(
            cluster,
            out,
            namespace,
            "namespace "
                + namespace
                + " has no default-deny network policy for "
                + String.join(" and ", missing)
                + (policies.stream()
                        .noneMatch(
                            p ->
                                p.kind().equals(NetworkPolicies.CILIUM_CLUSTERWIDE)
                                    || p.namespaceOrDefault().equals(namespace))
                    ? " (it has no network policy at all)"
                    : ""));
      }
    }
  }
}
