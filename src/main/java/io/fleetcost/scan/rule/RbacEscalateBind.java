package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * escalate and bind on roles let a subject give itself or others any permission. As Kubescape's
 * rules/rule-can-bind-escalate/raw.rego (L21–L29 bind, L72–L80 escalate), one of the two rules of
 * C-0191; the other is rbac-impersonate.
 */
final class RbacEscalateBind extends RbacCheck {
  RbacEscalateBind() {
    super(
        new CheckInfo(
            "rbac-escalate-bind",
            "Subject can escalate or bind roles",
            "rbac",
            8,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of("C-0191"),
            "Remove escalate and bind on roles and clusterroles; only cluster administrators need them."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(
        rule,
        Set.of("escalate", "bind"),
        Set.of("rbac.authorization.k8s.io"),
        Set.of("roles", "clusterroles"));
  }

  @Override
  String what() {
    return "can escalate or bind roles";
  }
}
