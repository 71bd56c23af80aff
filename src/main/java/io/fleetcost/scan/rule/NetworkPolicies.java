package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Manifest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * NetworkPolicy semantics (security-anchors.md section 4): a policy's effective types are its policyTypes, else
 * Ingress plus Egress when it has egress rules; an empty podSelector selects every pod of its namespace.
 */
final class NetworkPolicies {
  private NetworkPolicies() {}

  static List<Manifest> in(ClusterView cluster, String namespace) {
    return cluster.ofKind("NetworkPolicy").stream().filter(np -> np.namespaceOrDefault().equals(namespace)).toList();
  }

  static Set<String> effectiveTypes(Manifest np) {
    JsonNode spec = np.body().path("spec");
    Set<String> types = new HashSet<>();
    if (spec.path("policyTypes").isArray() && !spec.path("policyTypes").isEmpty()) {
      spec.path("policyTypes").forEach(t -> types.add(t.asText()));
    } else {
      types.add("Ingress");
      if (!spec.path("egress").isEmpty()) {
        types.add("Egress");
      }
    }
    return types;
  }

  static boolean selectsAll(Manifest np) {
    JsonNode selector = np.body().path("spec").path("podSelector");
    return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
  }

  /** A policy that selects every pod of its namespace, for this direction, and allows nothing. */
  static boolean defaultDeny(Manifest np, String direction) {
    String rules = direction.equals("Ingress") ? "ingress" : "egress";
    return selectsAll(np) && effectiveTypes(np).contains(direction) && np.body().path("spec").path(rules).isEmpty();
  }

  static boolean selects(Manifest np, java.util.Map<String, String> labels) {
    return selectsAll(np) || ClusterView.selects(np.body().path("spec").path("podSelector"), labels);
  }
}
