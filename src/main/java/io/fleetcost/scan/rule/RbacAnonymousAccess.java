package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/** A binding to the anonymous user or to every (authenticated or not) user gives its role to anyone who can connect. */
public final class RbacAnonymousAccess extends SubjectCheck {
  private static final Set<String> EVERYONE = Set.of("system:anonymous", "system:unauthenticated", "system:authenticated");

  public RbacAnonymousAccess() {
    super(
        new CheckInfo(
            "rbac-anonymous-access", "Role bound to anonymous or all users", "rbac", 8, List.of("RoleBinding", "ClusterRoleBinding"),
            List.of(), List.of("C-0262", "C-0265"),
            "Remove the subject system:anonymous / system:unauthenticated / system:authenticated from the binding; bind"
                + " named groups of your identity provider instead."));
  }

  @Override
  String test(Rbac.Grant grant) {
    Rbac.Subject subject = grant.subject();
    return EVERYONE.contains(subject.name()) && !subject.kind().equals("ServiceAccount")
        ? grant.bindingRef() + " gives " + grant.roleKind() + " " + grant.roleName() + " to " + subject.name()
        : null;
  }
}
