package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * pods/portforward opens a tunnel into any pod of the scope, past NetworkPolicy (a notebook's
 * kernel, a model server's admin port). As Kubescape C-0063 (rules/rule-can-portforward-v1/raw.rego
 * L14–L22).
 */
final class RbacPortForward extends RbacCheck {
  RbacPortForward() {
    super(
        new CheckInfo(
            "rbac-port-forward",
            "Subject can port-forward into pods",
            "rbac",
            5,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of("C-0063"),
            "Remove pods/portforward; expose what people need through a Service with authentication."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(
        rule, Set.of("create", "get"), Set.of(""), Set.of("pods/portforward", "pods/*"));
  }

  @Override
  String what() {
    return "can port-forward into pods";
  }
}
