package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;

/**
 * Every pod that names no service account runs as default: a role bound to default is a role of all
 * of them. Not Kubescape's C-0189, which judges the default ServiceAccount's automount setting and
 * namespaces without another ServiceAccount.
 */
final class RbacDefaultServiceAccount extends SubjectCheck {
  RbacDefaultServiceAccount() {
    super(
        new CheckInfo(
            "rbac-default-service-account",
            "Role bound to a default service account",
            "rbac",
            5,
            List.of("RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "Create a service account for the workload that needs the role, bind the role to it, and set"
                + " serviceAccountName in that workload."));
  }

  @Override
  String test(Rbac.Grant grant) {
    Rbac.Subject subject = grant.subject();
    return subject.kind().equals("ServiceAccount") && subject.name().equals("default")
        ? "the default service account of "
            + subject.namespace()
            + " is bound to "
            + grant.roleKind()
            + " "
            + grant.roleName()
            + " by "
            + grant.bindingRef()
            + ": every pod without its own service account gets it"
        : null;
  }
}
