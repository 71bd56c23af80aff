package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.PodTemplate;

/** A check of every container of every workload; the workload is the resource evaluated. */
abstract class ContainerCheck implements Check {
  private final CheckInfo info;
  private final boolean appContainersOnly;

  ContainerCheck(CheckInfo info, boolean appContainersOnly) {
    this.info = info;
    this.appContainersOnly = appContainersOnly;
  }

  @Override
  public CheckInfo info() {
    return info;
  }

  /** Whether the check applies to this workload at all (default: every workload). */
  boolean applies(PodTemplate pod) {
    return true;
  }

  /** null when the container passes. */
  abstract Violation test(PodTemplate pod, Containers.Entry container);

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (PodTemplate pod : cluster.podTemplates()) {
      if (!applies(pod)) {
        continue;
      }
      out.evaluated(pod.owner());
      for (Containers.Entry container : Containers.of(pod, appContainersOnly)) {
        Violation v = test(pod, container);
        if (v != null) {
          String field = container.path() + (v.field().isEmpty() ? "" : "." + v.field());
          out.fail(
              pod.owner(), pod.path(field), "container '" + container.name() + "': " + v.message());
        }
      }
    }
  }
}
