package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/** A check of every workload's pod spec as a whole. */
abstract class PodSpecCheck implements Check {
  private final CheckInfo info;

  PodSpecCheck(CheckInfo info) {
    this.info = info;
  }

  @Override
  public CheckInfo info() {
    return info;
  }

  boolean applies(PodTemplate pod) {
    return true;
  }

  /** The violations of one pod spec (empty when it passes); fields are relative to the pod spec. */
  abstract List<Violation> test(ClusterView cluster, PodTemplate pod);

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (PodTemplate pod : cluster.podTemplates()) {
      if (!applies(pod)) {
        continue;
      }
      out.evaluated(pod.owner());
      for (Violation v : test(cluster, pod)) {
        out.fail(pod.owner(), pod.path(v.field()), v.message());
      }
    }
  }
}
