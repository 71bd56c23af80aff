package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/** A pod that shares one of the node's namespaces (network, PID, IPC). */
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
    return pod.spec().path(field).asBoolean(false) ? List.of(Violation.at(field, "shares the node's " + what)) : List.of();
  }
}
