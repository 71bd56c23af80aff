package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/** escalate and bind on roles, or impersonate, let a subject give itself any permission. */
public final class RbacEscalation extends RbacCheck {
  public RbacEscalation() {
    super(
        new CheckInfo(
            "rbac-escalate-bind-impersonate", "Subject can escalate, bind or impersonate", "rbac", 8,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"), List.of(), List.of("C-0191", "C-0065"),
            "Remove escalate, bind and impersonate; only cluster administrators need them."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(rule, Set.of("escalate", "bind"), Set.of("rbac.authorization.k8s.io"), Set.of("roles", "clusterroles"))
        || Rbac.grants(rule, Set.of("impersonate"), Set.of("", "authentication.k8s.io"), Set.of("users", "groups", "serviceaccounts", "uids", "userextras"));
  }

  @Override
  String what() {
    return "can escalate, bind or impersonate";
  }
}
