package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Manifest;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * The pod gets an API token unless its spec says automountServiceAccountToken: false, or says
 * nothing and its ServiceAccount (in the scan) says false. A token in every pod is what an intruder
 * uses next. As Kubescape C-0034 and C-0190 (rules/automount-service-account/raw.rego: L81 the pod
 * says true; L90–L98 it says nothing and its ServiceAccount, named by serviceAccountName or else
 * {@code default}, does not say false; L107–L111 it says nothing and the ServiceAccount is not in
 * the scan).
 */
final class AutomountServiceAccountToken extends PodSpecCheck {
  AutomountServiceAccountToken() {
    super(
        new CheckInfo(
            "service-account-token-automount",
            "Service account token mounted",
            "workload",
            5,
            List.of("workloads"),
            List.of("automountServiceAccountToken"),
            List.of("C-0034", "C-0190"),
            "Set automountServiceAccountToken: false in the pod spec (or its ServiceAccount) unless the pod calls the"
                + " Kubernetes API."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    var own = pod.spec().path("automountServiceAccountToken");
    if (RegoValues.isFalse(own)) {
      return List.of();
    }
    String account =
        pod.spec().path("serviceAccountName").isTextual()
            ? pod.spec().path("serviceAccountName").asText()
            : "default";
    if (RegoValues.isTrue(own)) {
      return List.of(
          Violation.at(
              "automountServiceAccountToken",
              "mounts the " + account + " service account's token"));
    }
    List<Manifest> accounts =
        cluster.ofKind("ServiceAccount").stream()
            .filter(
                sa -> sa.name().equals(account) && sa.namespaceOrDefault().equals(pod.namespace()))
            .toList();
    if (!accounts.isEmpty()
        && accounts.stream()
            .allMatch(sa -> RegoValues.isFalse(sa.body().path("automountServiceAccountToken")))) {
      return List.of();
    }
    return List.of(
        Violation.at(
            "automountServiceAccountToken",
            "mounts the "
                + account
                + " service account's token (neither the pod nor the account turns it off)"));
  }
}
