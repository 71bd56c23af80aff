package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Rbac;
import java.util.Map;

/**
 * An RBAC check, per subject: every subject a (non-bootstrap) binding names is evaluated, and fails
 * when a rule of a role granted to it matches {@link #matches}. The finding sits on the binding
 * (its {@code subjects[i]}) and names the role and rule. This is how Kubescape's RBAC rules read a
 * subject's roles (one rule of a bound role holds a verb, an API group and a resource of the
 * control's lists, or {@code *}). Roles of the scan that no binding grants are evaluated as objects
 * too (Kubescape has no resource for them): whoever is bound to them later gets what they grant.
 */
abstract class RbacCheck implements Check {
  private final CheckInfo info;

  RbacCheck(CheckInfo info) {
    this.info = info;
  }

  @Override
  public CheckInfo info() {
    return info;
  }

  /** Whether one rule grants what this check looks for. */
  abstract boolean matches(JsonNode rule);

  /** What the subject can do, for the message: "can read Secrets". */
  abstract String what();

  /**
   * Whether the role as a whole is what this check looks for, whatever its rules say (a role's name
   * can be).
   */
  boolean matchesRole(Rbac.Role role) {
    return false;
  }

  /**
   * Whether the permission is on a cluster-scoped resource (nodes/proxy, persistentvolumes,
   * certificate approvals, webhook configurations): a RoleBinding cannot grant it, whatever its
   * role says, and only a ClusterRole can hold it. Kubescape counts such grants through
   * RoleBindings too, so these checks do not claim its controls.
   */
  boolean clusterScopedOnly() {
    return false;
  }

  /** Whether the check also judges roles no binding grants. */
  boolean judgesUnboundRoles() {
    return true;
  }

  private void failSubject(Evaluation out, Rbac.Grant grant, String rule) {
    Rbac.Subject subject = grant.subject();
    String scope = grant.scope() == null ? "in every namespace" : "in namespace " + grant.scope();
    out.fail(
        grant.binding(),
        subject.kind(),
        subject.namespace(),
        subject.name(),
        grant.binding().pathPrefix() + "subjects[" + grant.subjectIndex() + "]",
        subject.label()
            + " "
            + what()
            + " "
            + scope
            + ": "
            + grant.bindingRef()
            + " grants "
            + grant.role().ref()
            + (grant.role().builtIn() ? " (built in)" : "")
            + rule,
        Map.of("binding", grant.bindingRef(), "role", grant.role().ref()));
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Rbac.Grant grant : cluster.rbac().grants()) {
      Rbac.Subject subject = grant.subject();
      out.evaluated(subject.kind(), subject.namespace(), subject.name());
      if (grant.role() == null || (clusterScopedOnly() && grant.scope() != null)) {
        continue;
      }
      JsonNode rules = grant.role().rules();
      if (matchesRole(grant.role())) {
        failSubject(out, grant, "");
        continue;
      }
      for (int i = 0; i < rules.size(); i++) {
        if (matches(rules.get(i))) {
          failSubject(out, grant, ", rule " + i);
          break;
        }
      }
    }
    if (!judgesUnboundRoles()) {
      return;
    }
    for (Rbac.Role role : cluster.rbac().unboundRoles()) {
      if (clusterScopedOnly() && !role.kind().equals("ClusterRole")) {
        continue;
      }
      out.evaluated(role.manifest());
      for (int i = 0; i < role.rules().size(); i++) {
        if (matches(role.rules().get(i))) {
          out.fail(
              role.manifest(),
              role.manifest().pathPrefix() + "rules[" + i + "]",
              role.ref()
                  + " "
                  + what().replaceFirst("^can ", "lets its subjects ")
                  + "; no binding in the scan grants it yet",
              Map.of("role", role.ref()));
          break;
        }
      }
    }
  }
}
