package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A pod that shares one of the node's namespaces (network, PID, IPC): the field is true
 * (Kubescape's {@code podspec.hostNetwork == true}, rules/host-network-access/raw.rego L59; hostPID
 * and hostIPC, rules/host-pid-ipc-privileges/raw.rego L113 and L117, together Kubescape C-0038).
 */
abstract class HostNamespace extends PodSpecCheck {
  private final String field;
  private final String what;

  HostNamespace(CheckInfo info, String field, String what) {
    super(info);
    this.field = field;
    this.what = what;
  }

  @Override
  List<Violation> test(ClusterView cluster, PodTemplate pod) {
    return RegoValues.isTrue(pod.spec().path(field))
        ? List.of(Violation.at(field, "shares the node's " + what))
        : List.of();
  }
}
