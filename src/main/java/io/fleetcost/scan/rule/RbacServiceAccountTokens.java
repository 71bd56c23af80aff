package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * Creating service account tokens lets a subject act as any service account of the namespace. As
 * Kubescape C-0282 (rules/rule-can-create-service-account-token/raw.rego L21–L29).
 */
final class RbacServiceAccountTokens extends RbacCheck {
  RbacServiceAccountTokens() {
    super(
        new CheckInfo(
            "rbac-service-account-tokens",
            "Subject can create service account tokens",
            "rbac",
            5,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of("C-0282"),
            "Remove create on serviceaccounts/token; workloads get their own token projected by the kubelet."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(rule, Set.of("create"), Set.of(""), Set.of("serviceaccounts/token"));
  }

  @Override
  String what() {
    return "can create service account tokens";
  }
}
