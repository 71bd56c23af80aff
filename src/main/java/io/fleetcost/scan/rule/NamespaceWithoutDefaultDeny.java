package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FleetCost's own, stricter rule (no peer scanner has it): every namespace has a default-deny NetworkPolicy for
 * ingress and for egress — an empty podSelector, the direction in its types, and no rules — so that a pod talks only
 * to what a policy allows. Kubescape C-0206 accepts any policy. The Kubernetes system namespaces are left out.
 */
public final class NamespaceWithoutDefaultDeny implements Check {
  private static final Set<String> SYSTEM = Set.of("kube-system", "kube-public", "kube-node-lease");
  private static final CheckInfo INFO =
      new CheckInfo(
          "namespace-without-default-deny", "Namespace without a default-deny NetworkPolicy", "network", 5,
          List.of("Namespace", "NetworkPolicy"), List.of(), List.of("C-0206"),
          "Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] and no rules, then allow what each"
              + " workload needs (DNS, its peers, its endpoints) in further policies.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (String namespace : cluster.namespaces()) {
      if (SYSTEM.contains(namespace)) {
        continue;
      }
      List<Manifest> policies = NetworkPolicies.in(cluster, namespace);
      List<String> missing = new ArrayList<>();
      for (String direction : List.of("Ingress", "Egress")) {
        if (policies.stream().noneMatch(np -> NetworkPolicies.defaultDeny(np, direction))) {
          missing.add(direction.toLowerCase(java.util.Locale.ROOT));
        }
      }
      out.evaluated("Namespace", null, namespace);
      if (!missing.isEmpty()) {
        Optional<Manifest> at = cluster.find("Namespace", null, namespace);
        Manifest place =
            at.orElseGet(
                () -> cluster.manifests().stream().filter(m -> ClusterView.namespaced(m) && m.namespaceOrDefault().equals(namespace)).findFirst().orElseThrow());
        out.fail(
            place, "Namespace", null, namespace, at.isPresent() ? place.pathPrefix() + "metadata.name" : place.pathPrefix() + "metadata.namespace",
            "namespace " + namespace + " has no default-deny NetworkPolicy for " + String.join(" and ", missing)
                + (policies.isEmpty() ? " (it has no NetworkPolicy at all)" : ""));
      }
    }
  }
}
