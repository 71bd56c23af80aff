package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * The pod gets an API token unless its spec says automountServiceAccountToken: false, or says nothing and its
 * ServiceAccount (in the scan) says false. A token in every pod is what an intruder uses next.
 */
public final class AutomountServiceAccountToken extends PodSpecCheck {
  public AutomountServiceAccountToken() {
    super(
        new CheckInfo(
            "service-account-token-automount", "Service account token mounted", "workload", 5, List.of("workloads"),
            List.of("automountServiceAccountToken"), List.of("C-0034", "C-0190"),
            "Set automountServiceAccountToken: false in the pod spec (or its ServiceAccount) unless the pod calls the"
                + " Kubernetes API."));
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    var own = pod.spec().path("automountServiceAccountToken");
    if (own.isBoolean()) {
      return own.asBoolean()
          ? List.of(Violation.at("automountServiceAccountToken", "mounts the " + pod.serviceAccount() + " service account's token"))
          : List.of();
    }
    var account = cluster.find("ServiceAccount", pod.namespace(), pod.serviceAccount());
    if (account.isPresent() && account.get().body().path("automountServiceAccountToken").isBoolean()
        && !account.get().body().path("automountServiceAccountToken").asBoolean()) {
      return List.of();
    }
    return List.of(
        Violation.at(
            "automountServiceAccountToken",
            "mounts the " + pod.serviceAccount() + " service account's token (neither the pod nor the account turns it off)"));
  }
}
