package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;

/**
 * A namespace that no network policy covers lets every pod reach every other. As Kubescape C-0054,
 * C-0206 and C-0049 (rules/internal-networking/raw.rego): it fails unless a NetworkPolicy or
 * CiliumNetworkPolicy names it as its namespace (L14–L17; a policy without metadata.namespace
 * covers none), or a CiliumClusterwideNetworkPolicy has a spec that selects every endpoint
 * (L60–L73) or the namespace through Cilium's namespace label (L79–L99), keeps default deny on in
 * at least one direction (L102–L105) and has ingress or egress rules (L107–L113). Any policy does:
 * namespace-without-default-deny is the stricter rule.
 */
final class NamespaceWithoutNetworkPolicy implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "namespace-without-network-policy",
          "Namespace without any network policy",
          "network",
          4,
          List.of(
              "Namespace",
              "NetworkPolicy",
              "CiliumNetworkPolicy",
              "CiliumClusterwideNetworkPolicy"),
          List.of(),
          List.of("C-0054", "C-0206", "C-0049"),
          "Add a NetworkPolicy to the namespace, a default-deny first (podSelector: {}, policyTypes [Ingress, Egress]).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  private static boolean clusterwideCovers(Manifest policy, String namespace) {
    for (JsonNode spec : NetworkPolicies.ciliumSpecs(policy)) {
      boolean selects =
          NetworkPolicies.selectsEveryEndpoint(spec)
              || NetworkPolicies.selectsNamespace(spec, namespace);
      boolean defaultDenyOff =
          RegoValues.isFalse(spec.path("enableDefaultDeny").path("ingress"))
              && RegoValues.isFalse(spec.path("enableDefaultDeny").path("egress"));
      boolean hasRules =
          RegoValues.truthy(spec.path("ingress")) || RegoValues.truthy(spec.path("egress"));
      if (selects && !defaultDenyOff && hasRules) {
        return true;
      }
    }
    return false;
  }

  static boolean covered(List<Manifest> policies, String namespace) {
    for (Manifest policy : policies) {
      JsonNode own = policy.metadata().path("namespace");
      boolean namespaced =
          policy.kind().equals(NetworkPolicies.NETWORK_POLICY)
              || policy.kind().equals(NetworkPolicies.CILIUM);
      if (namespaced
          ? own.isTextual() && own.asText().equals(namespace)
          : clusterwideCovers(policy, namespace)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    List<Manifest> policies = NetworkPolicies.all(cluster);
    for (String namespace : cluster.namespaces()) {
      out.evaluated("Namespace", null, namespace);
      if (!covered(policies, namespace)) {
        Namespaces.fail(
            cluster, out, namespace, "namespace " + namespace + " has no network policy at all");
      }
    }
  }
}
