package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * Whoever can change admission webhooks can switch off the policies that guard the cluster, or read
 * every object created. The verbs, groups and resources of Kubescape's C-0281
 * (rules/rule-can-modify-admission-webhooks/raw.rego L21–L29), but only through a
 * ClusterRoleBinding (webhook configurations are cluster-scoped), so not mapped to it.
 */
final class RbacAdmissionWebhooks extends RbacCheck {
  RbacAdmissionWebhooks() {
    super(
        new CheckInfo(
            "rbac-admission-webhooks",
            "Subject can change admission webhooks",
            "rbac",
            5,
            List.of("ClusterRole", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "Remove create, update and delete on validating and mutating webhook configurations; let the operators"
                + " that own them install them."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(
        rule,
        Set.of("create", "update", "delete"),
        Set.of("admissionregistration.k8s.io"),
        Set.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations"));
  }

  @Override
  boolean clusterScopedOnly() {
    return true;
  }

  @Override
  String what() {
    return "can change admission webhooks";
  }
}
