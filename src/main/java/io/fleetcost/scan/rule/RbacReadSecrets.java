package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * get, list or watch on Secrets reveals their contents: every token and password of the namespace.
 * A rule limited by resourceNames reads only the Secrets it names and passes; Kubescape's C-0015
 * and C-0186 ignore resourceNames, so the check is not mapped to them.
 */
final class RbacReadSecrets extends RbacCheck {
  RbacReadSecrets() {
    super(
        new CheckInfo(
            "rbac-read-secrets",
            "Subject can read Secrets",
            "rbac",
            7,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "Remove get/list/watch on secrets; give the workload the one Secret it needs through a volume or env"
                + " valueFrom (no RBAC needed), or restrict the rule with resourceNames."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(rule, Set.of("get", "list", "watch"), Set.of(""), Set.of("secrets"))
        && rule.path("resourceNames").isEmpty();
  }

  @Override
  String what() {
    return "can read Secrets";
  }
}
