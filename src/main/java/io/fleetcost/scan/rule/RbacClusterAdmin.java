package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.HashSet;
import java.util.List;

/**
 * A subject bound to cluster-admin, or to a role that is as good as it: a rule with {@code *} API
 * groups, {@code *} resources and {@code *} verbs or at least seven distinct verbs (Polaris'
 * definition). Through a ClusterRoleBinding that is the whole cluster; through a RoleBinding, the
 * whole namespace. Not Kubescape's C-0035 or C-0185, which need {@code *} verbs
 * (rbac-administrative-role follows C-0035).
 */
final class RbacClusterAdmin extends RbacCheck {
  RbacClusterAdmin() {
    super(
        new CheckInfo(
            "rbac-cluster-admin",
            "Subject holds cluster-admin or equivalent rights",
            "rbac",
            9,
            List.of("RoleBinding", "ClusterRoleBinding"),
            List.of(
                "clusterrolebindingClusterAdmin",
                "rolebindingClusterAdminClusterRole",
                "rolebindingClusterAdminRole"),
            List.of(),
            "Bind the subject to a role with the verbs and resources it uses (the built-in edit or view, or a custom"
                + " role); keep cluster-admin for break-glass accounts."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return adminLike(Rbac.values(rule, "apiGroups"), rule, Rbac.values(rule, "verbs"));
  }

  private static boolean adminLike(List<String> groups, JsonNode rule, List<String> verbs) {
    return groups.contains("*")
        && Rbac.values(rule, "resources").contains("*")
        && (verbs.contains("*") || new HashSet<>(verbs).size() >= 7);
  }

  /**
   * The ClusterRole named cluster-admin is the cluster's own, whatever a scanned copy of it says.
   */
  @Override
  boolean matchesRole(Rbac.Role role) {
    return role.kind().equals("ClusterRole") && role.name().equals("cluster-admin");
  }

  @Override
  boolean judgesUnboundRoles() {
    return false; // an unbound role with wildcards is rbac-wildcard's finding
  }

  @Override
  String what() {
    return "holds cluster-admin rights";
  }
}
