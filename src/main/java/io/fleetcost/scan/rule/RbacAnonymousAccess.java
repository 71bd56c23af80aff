package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;
import java.util.Set;

/**
 * A binding to the anonymous user or to the unauthenticated group gives its role to anyone who can
 * reach the API server. As Kubescape C-0262 (rules/anonymous-access-enabled/raw.rego L8, L24, L28):
 * every RoleBinding and ClusterRoleBinding of the scan is the resource, whatever the subject's
 * kind, the bootstrap bindings included.
 */
final class RbacAnonymousAccess implements Check {
  private static final Set<String> ANONYMOUS = Set.of("system:anonymous", "system:unauthenticated");
  private static final CheckInfo INFO =
      new CheckInfo(
          "rbac-anonymous-access",
          "Role bound to anonymous users",
          "rbac",
          8,
          List.of("RoleBinding", "ClusterRoleBinding"),
          List.of(),
          List.of("C-0262"),
          "Remove the subject system:anonymous / system:unauthenticated from the binding; bind named groups of your"
              + " identity provider instead.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest binding : cluster.manifests()) {
      if (!binding.kind().endsWith("Binding") || !binding.kind().contains("Role")) {
        continue;
      }
      out.evaluated(binding);
      JsonNode subjects = binding.body().path("subjects");
      for (int i = 0; i < subjects.size(); i++) {
        String name = subjects.get(i).path("name").asText("");
        if (ANONYMOUS.contains(name)) {
          out.fail(
              binding,
              binding.pathPrefix() + "subjects[" + i + "]",
              binding.label()
                  + " gives "
                  + binding.body().path("roleRef").path("kind").asText("ClusterRole")
                  + " "
                  + binding.body().path("roleRef").path("name").asText("?")
                  + " to "
                  + name);
          break;
        }
      }
    }
  }
}
