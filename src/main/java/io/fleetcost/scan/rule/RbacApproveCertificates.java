package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * Approving certificate signing requests lets a subject issue itself a client certificate for any
 * user or group. The verbs, groups and resources of Kubescape's C-0280
 * (rules/rule-can-approve-cert-signing-request/raw.rego L8–L10), but only through a
 * ClusterRoleBinding (signing requests are cluster-scoped), so not mapped to it.
 */
final class RbacApproveCertificates extends RbacCheck {
  RbacApproveCertificates() {
    super(
        new CheckInfo(
            "rbac-approve-certificates",
            "Subject can approve certificate signing requests",
            "rbac",
            5,
            List.of("ClusterRole", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "Remove update on certificatesigningrequests/approval; leave approval to the controller manager."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(
        rule,
        Set.of("update"),
        Set.of("certificates.k8s.io"),
        Set.of("certificatesigningrequests/approval"));
  }

  @Override
  boolean clusterScopedOnly() {
    return true;
  }

  @Override
  String what() {
    return "can approve certificate signing requests";
  }
}
