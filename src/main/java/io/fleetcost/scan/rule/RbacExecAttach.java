package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * pods/exec and pods/attach run commands in other people's containers, with their tokens and
 * mounted secrets. get counts as well as create: exec works over a websocket GET (as Polaris has
 * it). Kubescape's C-0002 counts create on pods/exec only, so the check is not mapped to it.
 */
final class RbacExecAttach extends RbacCheck {
  RbacExecAttach() {
    super(
        new CheckInfo(
            "rbac-exec-attach",
            "Subject can exec into or attach to pods",
            "rbac",
            6,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(
                "rolePodExecAttach",
                "clusterrolePodExecAttach",
                "rolebindingRolePodExecAttach",
                "rolebindingClusterRolePodExecAttach",
                "clusterrolebindingPodExecAttach"),
            List.of(),
            "Remove create/get on pods/exec and pods/attach; debug through logs and ephemeral debug containers granted"
                + " just in time."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(
        rule, Set.of("get", "create"), Set.of(""), Set.of("pods/exec", "pods/attach", "pods/*"));
  }

  @Override
  String what() {
    return "can exec into or attach to pods";
  }
}
