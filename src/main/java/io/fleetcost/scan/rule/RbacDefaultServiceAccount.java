package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Map;

/** Every pod that names no service account runs as default: a role bound to default is a role of all of them. */
public final class RbacDefaultServiceAccount implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "rbac-default-service-account", "Role bound to a default service account", "rbac", 5,
          List.of("RoleBinding", "ClusterRoleBinding"), List.of(), List.of("C-0189"),
          "Create a service account for the workload that needs the role, bind the role to it, and set"
              + " serviceAccountName in that workload.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Rbac.Grant grant : cluster.rbac().grants()) {
      Rbac.Subject subject = grant.subject();
      out.evaluated(subject.kind(), subject.namespace(), subject.name());
      if (subject.kind().equals("ServiceAccount") && subject.name().equals("default")) {
        out.fail(
            grant.binding(), subject.kind(), subject.namespace(), subject.name(),
            grant.binding().pathPrefix() + "subjects[" + grant.subjectIndex() + "]",
            "the default service account of " + subject.namespace() + " is bound to " + grant.roleKind() + " " + grant.roleName()
                + " by " + grant.bindingRef() + ": every pod without its own service account gets it",
            Map.of("binding", grant.bindingRef()));
      }
    }
  }
}
