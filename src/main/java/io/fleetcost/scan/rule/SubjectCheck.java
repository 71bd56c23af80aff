package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Rbac;
import java.util.Map;

/**
 * An RBAC check of who a binding grants to, whatever the role: every subject evaluated, the finding
 * on the binding.
 */
abstract class SubjectCheck implements Check {
  private final CheckInfo info;

  SubjectCheck(CheckInfo info) {
    this.info = info;
  }

  @Override
  public CheckInfo info() {
    return info;
  }

  /** The message when this grant fails, or null when it passes. */
  abstract String test(Rbac.Grant grant);

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Rbac.Grant grant : cluster.rbac().grants()) {
      Rbac.Subject subject = grant.subject();
      out.evaluated(subject.kind(), subject.namespace(), subject.name());
      String message = test(grant);
      if (message != null) {
        out.fail(
            grant.binding(),
            subject.kind(),
            subject.namespace(),
            subject.name(),
            grant.binding().pathPrefix() + "subjects[" + grant.subjectIndex() + "]",
            message,
            Map.of("binding", grant.bindingRef()));
      }
    }
  }
}
