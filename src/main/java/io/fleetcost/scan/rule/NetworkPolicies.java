package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Manifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Network policies of the three kinds a cluster enforces: NetworkPolicy, CiliumNetworkPolicy
 * (namespaced) and CiliumClusterwideNetworkPolicy. FleetCost's own reading (security-anchors.md
 * section 4): a NetworkPolicy's effective types are its policyTypes, else Ingress plus Egress when
 * it has egress rules; an empty podSelector selects every pod of its namespace. Kubescape's
 * readings, which the checks that claim its controls follow, are below them.
 */
final class NetworkPolicies {
  static final String NETWORK_POLICY = "NetworkPolicy";
  static final String CILIUM = "CiliumNetworkPolicy";
  static final String CILIUM_CLUSTERWIDE = "CiliumClusterwideNetworkPolicy";
  private static final Set<String> NAMESPACE_LABELS =
      Set.of("io.kubernetes.pod.namespace", "k8s:io.kubernetes.pod.namespace");

  private NetworkPolicies() {}

  /** Every policy of the three kinds. */
  static List<Manifest> all(ClusterView cluster) {
    return cluster.manifests().stream()
        .filter(
            m ->
                m.kind().equals(NETWORK_POLICY)
                    || m.kind().equals(CILIUM)
                    || m.kind().equals(CILIUM_CLUSTERWIDE))
        .toList();
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

  /**
   * A policy that denies this direction ("Ingress" or "Egress") to every pod of {@code namespace}:
   * a NetworkPolicy of the namespace with an empty podSelector, the direction in its types and no
   * rules; or a Cilium policy (of the namespace, or cluster-wide and selecting every endpoint or
   * the namespace's) whose spec selects every endpoint and has the direction's rules, all empty
   * ({@code ingress: [{}]}, Cilium's default deny), without turning default deny off for it.
   */
  static boolean defaultDeny(Manifest policy, String direction, String namespace) {
    String rules = direction.equals("Ingress") ? "ingress" : "egress";
    if (policy.kind().equals(NETWORK_POLICY)) {
      return policy.namespaceOrDefault().equals(namespace)
          && selectsAll(policy)
          && effectiveTypes(policy).contains(direction)
          && policy.body().path("spec").path(rules).isEmpty();
    }
    boolean clusterwide = policy.kind().equals(CILIUM_CLUSTERWIDE);
    if (!clusterwide && !policy.namespaceOrDefault().equals(namespace)) {
      return false;
    }
    for (JsonNode spec : ciliumSpecs(policy)) {
      boolean covers =
          selectsEveryEndpoint(spec) || (clusterwide && selectsNamespace(spec, namespace));
      JsonNode directionRules = spec.path(rules);
      boolean allEmpty = directionRules.isArray() && !directionRules.isEmpty();
      for (JsonNode rule : directionRules) {
        allEmpty &= rule.isObject() && rule.isEmpty();
      }
      if (covers && allEmpty && !RegoValues.isFalse(spec.path("enableDefaultDeny").path(rules))) {
        return true;
      }
    }
    return false;
  }

  // Kubescape's readings.

  /**
   * A Cilium policy's specs: its {@code spec} and the entries of its {@code specs} (regolibrary's
   * cilium_policy_specs).
   */
  static List<JsonNode> ciliumSpecs(Manifest policy) {
    List<JsonNode> specs = new ArrayList<>();
    if (!policy.body().path("spec").isMissingNode()) {
      specs.add(policy.body().path("spec"));
    }
    policy.body().path("specs").forEach(specs::add);
    return specs;
  }

  /** An endpointSelector that is present, with no matchLabels and no matchExpressions. */
  static boolean selectsEveryEndpoint(JsonNode spec) {
    JsonNode selector = spec.path("endpointSelector");
    return selector.isObject()
        && selector.path("matchLabels").isEmpty()
        && selector.path("matchExpressions").isEmpty();
  }

  /**
   * An endpointSelector naming exactly this namespace through Cilium's namespace label, and nothing
   * else.
   */
  static boolean selectsNamespace(JsonNode spec, String namespace) {
    JsonNode selector = spec.path("endpointSelector");
    if (!selector.isObject() || !selector.path("matchExpressions").isEmpty()) {
      return false;
    }
    Set<String> named = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> labels = selector.path("matchLabels").fields();
    while (labels.hasNext()) {
      Map.Entry<String, JsonNode> label = labels.next();
      if (!NAMESPACE_LABELS.contains(label.getKey())) {
        return false;
      }
      named.add(label.getValue().asText());
    }
    return named.equals(Set.of(namespace));
  }

  /**
   * Kubescape's is_same_namespace: equal namespaces, or neither names one, or the one that does
   * names default. A namespace written as "" is a namespace of that name.
   */
  static boolean sameNamespaceForKubescape(Manifest a, Manifest b) {
    JsonNode x = a.metadata().path("namespace");
    JsonNode y = b.metadata().path("namespace");
    if (x.isMissingNode() || y.isMissingNode()) {
      return (x.isMissingNode() && y.isMissingNode())
          || x.asText("").equals("default")
          || y.asText("").equals("default");
    }
    return x.equals(y);
  }

  /**
   * Every matchLabels pair is a label of the pod; a selector without matchLabels selects nothing.
   */
  static boolean matchLabelsSelect(JsonNode matchLabels, Map<String, String> labels) {
    if (!matchLabels.isObject()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> pairs = matchLabels.fields();
    while (pairs.hasNext()) {
      Map.Entry<String, JsonNode> pair = pairs.next();
      if (!pair.getValue().asText().equals(labels.get(pair.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A NetworkPolicy's podSelector as Kubescape reads it: empty, or its matchLabels alone. */
  static boolean podSelectorSelects(Manifest np, Map<String, String> labels) {
    JsonNode selector = np.body().path("spec").path("podSelector");
    return selector.isObject()
        && (selector.isEmpty() || matchLabelsSelect(selector.path("matchLabels"), labels));
  }
}
