package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;

/**
 * A ServiceAccount that does not say automountServiceAccountToken: false hands its token to every
 * pod that runs as it and does not refuse it itself, today's and tomorrow's. FleetCost's own
 * (Kubescape's C-0034 judges the pods, service-account-token-automount; its C-0189 only the
 * accounts named default, with a second rule on namespaces).
 */
final class ServiceAccountAutomount implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "service-account-automount",
          "ServiceAccount mounts its token by default",
          "workload",
          3,
          List.of("ServiceAccount"),
          List.of(),
          List.of(),
          "Set automountServiceAccountToken: false on the ServiceAccount; a pod that calls the API turns it on in its own"
              + " spec.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest account : cluster.ofKind("ServiceAccount")) {
      out.evaluated(account);
      if (!RegoValues.isFalse(account.body().path("automountServiceAccountToken"))) {
        out.fail(
            account,
            account.pathPrefix() + "automountServiceAccountToken",
            "mounts its token in every pod that does not refuse it");
      }
    }
  }
}
