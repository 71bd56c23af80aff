package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * impersonate lets a subject act as another user, group or service account, with all of its rights.
 * As Kubescape C-0065, and the second rule of C-0191
 * (rules/rule-can-impersonate-users-groups-v1/raw.rego L15–L23).
 */
final class RbacImpersonate extends RbacCheck {
  RbacImpersonate() {
    super(
        new CheckInfo(
            "rbac-impersonate",
            "Subject can impersonate users, groups or service accounts",
            "rbac",
            6,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of("C-0065", "C-0191"),
            "Remove impersonate; grant the subject the rights it needs itself, so that the audit log names it."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(
        rule,
        Set.of("impersonate"),
        Set.of(""),
        Set.of("users", "serviceaccounts", "groups", "uids"));
  }

  @Override
  String what() {
    return "can impersonate users, groups or service accounts";
  }
}
