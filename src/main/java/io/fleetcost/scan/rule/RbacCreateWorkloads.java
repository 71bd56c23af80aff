package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * Creating the controllers that create pods (Deployments, StatefulSets, DaemonSets, ReplicaSets,
 * Jobs, CronJobs) gives the same reach as creating pods: the pods run with any service account and
 * Secret of the namespace. FleetCost's own: Kubescape C-0188 looks at pods only (rbac-create-pods).
 */
final class RbacCreateWorkloads extends RbacCheck {
  RbacCreateWorkloads() {
    super(
        new CheckInfo(
            "rbac-create-workloads",
            "Subject can create workloads",
            "rbac",
            5,
            List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "Let a deployment pipeline (GitOps) or an operator create workloads; give people read access and submit"
                + " training jobs through the pipeline or a job queue."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(
            rule,
            Set.of("create"),
            Set.of("apps"),
            Set.of("deployments", "statefulsets", "daemonsets", "replicasets"))
        || Rbac.grants(rule, Set.of("create"), Set.of("batch"), Set.of("jobs", "cronjobs"));
  }

  @Override
  String what() {
    return "can create workloads";
  }
}
