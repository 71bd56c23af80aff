package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * nodes/proxy reaches the kubelet API: exec into any pod of the node, past audit and admission. The
 * verbs, groups and resources of Kubescape's C-0279
 * (rules/rule-can-access-proxy-subresource/raw.rego L21–L29), but only through a ClusterRoleBinding
 * (nodes are cluster-scoped), so not mapped to it.
 */
final class RbacNodesProxy extends RbacCheck {
  RbacNodesProxy() {
    super(
        new CheckInfo(
            "rbac-nodes-proxy",
            "Subject can use the nodes/proxy subresource",
            "rbac",
            8,
            List.of("ClusterRole", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "Remove nodes/proxy; GPU metrics come from the DCGM exporter, not through the kubelet proxy."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(rule, Set.of("get", "create", "connect"), Set.of(""), Set.of("nodes/proxy"));
  }

  @Override
  boolean clusterScopedOnly() {
    return true;
  }

  @Override
  String what() {
    return "can reach the kubelet through nodes/proxy";
  }
}
