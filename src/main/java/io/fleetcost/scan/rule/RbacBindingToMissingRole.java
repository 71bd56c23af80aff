package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Rbac;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A binding to a role that is neither in the scan nor built in: whoever creates a role of that name
 * later grants it to the binding's subjects. (Polaris fails such bindings in its exec/attach
 * binding checks.) With a partial scan the role may simply live elsewhere: the message says so.
 */
final class RbacBindingToMissingRole implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "rbac-binding-to-missing-role",
          "Binding to a role that does not exist",
          "rbac",
          3,
          List.of("RoleBinding", "ClusterRoleBinding"),
          List.of(
              "rolebindingRolePodExecAttach",
              "rolebindingClusterRolePodExecAttach",
              "clusterrolebindingPodExecAttach"),
          List.of(),
          "Delete the binding, or create the role it names with the permissions intended.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    Set<String> seen = new HashSet<>();
    for (Rbac.Grant grant : cluster.rbac().grants()) {
      if (!seen.add(grant.bindingRef())) {
        continue;
      }
      out.evaluated(grant.binding());
      if (grant.role() == null) {
        out.fail(
            grant.binding(),
            grant.binding().pathPrefix() + "roleRef",
            "refers to "
                + grant.roleKind()
                + " "
                + grant.roleName()
                + ", which is neither in the scanned manifests nor built in",
            Map.of(
                "binding",
                grant.bindingRef(),
                "role",
                grant.roleKind()
                    + "/"
                    + (grant.roleKind().equals("Role") ? grant.scope() + "/" : "")
                    + grant.roleName()));
      }
    }
  }
}
