package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;

/**
 * A wildcard in a rule's verbs or resources grants everything that exists now and everything added
 * later (a new CRD, a new subresource). Broader than Kubescape C-0187, which needs {@code *} in
 * verbs and resources together (rbac-administrative-role), so not mapped to it.
 */
final class RbacWildcard extends RbacCheck {
  RbacWildcard() {
    super(
        new CheckInfo(
            "rbac-wildcard",
            "RBAC rule with a wildcard verb or resource",
            "rbac",
            7,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "List the verbs and resources the subject needs instead of *; check the result with kubectl auth can-i"
                + " --list --as=<subject>."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.values(rule, "verbs").contains("*") || Rbac.values(rule, "resources").contains("*");
  }

  @Override
  String what() {
    return "holds a wildcard (*) permission";
  }
}
