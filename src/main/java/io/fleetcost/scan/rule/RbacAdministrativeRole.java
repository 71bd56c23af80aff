package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * A subject whose role has a rule with {@code *} verbs on {@code *} resources (in the core or every
 * API group) can do anything in its scope. As Kubescape C-0035 and C-0187
 * (rules/rule-list-all-cluster-admins-v1/raw.rego L20–L28). rbac-cluster-admin is Polaris' broader
 * reading (seven verbs count as {@code *}), rbac-wildcard FleetCost's (any wildcard).
 */
final class RbacAdministrativeRole extends RbacCheck {
  RbacAdministrativeRole() {
    super(
        new CheckInfo(
            "rbac-administrative-role",
            "Subject holds * verbs on * resources",
            "rbac",
            7,
            List.of("RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of("C-0035", "C-0187"),
            "Bind the subject to a role that lists the verbs and resources it uses; keep */* roles for break-glass"
                + " accounts."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(rule, Set.of("*"), Set.of(""), Set.of("*"));
  }

  @Override
  boolean judgesUnboundRoles() {
    return false; // an unbound role with wildcards is rbac-wildcard's finding
  }

  @Override
  String what() {
    return "holds * verbs on * resources";
  }
}
