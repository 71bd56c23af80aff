package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * Every authenticated identity, every service account of every namespace included, is in the group
 * system:authenticated: a role bound to it that reaches workloads, exec, nodes or Secrets is
 * everyone's. As Kubescape C-0265
 * (rules/system-authenticated-allowed-to-take-over-cluster/raw.rego: L14–L17 the Group
 * system:authenticated, L28 a rule naming one of the resources, with any verb; L49–L64 a
 * RoleBinding with a Role, a ClusterRoleBinding with a ClusterRole).
 */
final class RbacAuthenticatedUsers extends SubjectCheck {
  private static final Set<String> SENSITIVE =
      Set.of(
          "*",
          "pods",
          "pods/exec",
          "pods/attach",
          "pods/portforward",
          "deployments",
          "statefulset",
          "daemonset",
          "jobs",
          "cronjobs",
          "nodes",
          "secrets");

  RbacAuthenticatedUsers() {
    super(
        new CheckInfo(
            "rbac-authenticated-users",
            "Sensitive role bound to all authenticated users",
            "rbac",
            7,
            List.of("RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of("C-0265"),
            "Remove the group system:authenticated from the binding; bind the groups of your identity provider that"
                + " need the role."));
  }

  @Override
  String test(Rbac.Grant grant) {
    Rbac.Subject subject = grant.subject();
    if (!subject.kind().equals("Group")
        || !subject.name().equals("system:authenticated")
        || grant.role() == null) {
      return null;
    }
    boolean boundAsKubescapeReadsIt =
        grant.binding().kind().equals("RoleBinding")
            ? grant.roleKind().equals("Role")
                && grant.role().manifest() != null
                && grant.binding().namespace() != null
                && grant.binding().namespace().equals(grant.role().manifest().namespace())
            : grant.roleKind().equals("ClusterRole");
    if (!boundAsKubescapeReadsIt) {
      return null;
    }
    for (var rule : grant.role().rules()) {
      for (String resource : Rbac.values(rule, "resources")) {
        if (SENSITIVE.contains(resource)) {
          return grant.bindingRef()
              + " gives "
              + grant.role().ref()
              + " ("
              + resource
              + ") to every authenticated user";
        }
      }
    }
    return null;
  }
}
