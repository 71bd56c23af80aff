package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A binding to the anonymous user or to every (authenticated or not) user gives its role to anyone who can connect. */
public final class RbacAnonymousAccess implements Check {
  private static final Set<String> EVERYONE = Set.of("system:anonymous", "system:unauthenticated", "system:authenticated");
  private static final CheckInfo INFO =
      new CheckInfo(
          "rbac-anonymous-access", "Role bound to anonymous or all users", "rbac", 8, List.of("RoleBinding", "ClusterRoleBinding"),
          List.of(), List.of("C-0262", "C-0265"),
          "Remove the subject system:anonymous / system:unauthenticated / system:authenticated from the binding; bind"
              + " named groups of your identity provider instead.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Rbac.Grant grant : cluster.rbac().grants()) {
      Rbac.Subject subject = grant.subject();
      out.evaluated(subject.kind(), subject.namespace(), subject.name());
      if (EVERYONE.contains(subject.name()) && !subject.kind().equals("ServiceAccount")) {
        out.fail(
            grant.binding(), subject.kind(), subject.namespace(), subject.name(),
            grant.binding().pathPrefix() + "subjects[" + grant.subjectIndex() + "]",
            grant.bindingRef() + " gives " + grant.roleKind() + " " + grant.roleName() + " to " + subject.name(),
            Map.of("binding", grant.bindingRef()));
      }
    }
  }
}
