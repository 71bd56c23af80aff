package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * Creating pods gives a subject every Secret, ConfigMap, volume and service account of the
 * namespace (Kubernetes RBAC good practices). As Kubescape C-0188
 * (rules/rule-can-create-pod/raw.rego L18–L26); the controllers that create pods are
 * rbac-create-workloads.
 */
final class RbacCreatePods extends RbacCheck {
  RbacCreatePods() {
    super(
        new CheckInfo(
            "rbac-create-pods",
            "Subject can create pods",
            "rbac",
            5,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of("C-0188"),
            "Let a deployment pipeline or an operator create pods; give people read access. Where a controller must"
                + " create pods (a Spark driver its executors), limit it to its namespace and exempt it with the reason."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(rule, Set.of("create"), Set.of(""), Set.of("pods"));
  }

  @Override
  String what() {
    return "can create pods";
  }
}
