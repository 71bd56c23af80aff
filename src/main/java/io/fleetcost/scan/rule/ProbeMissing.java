package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;

/**
 * A serving container without a probe: long-running controllers only, a Job's pod ends by itself.
 */
abstract class ProbeMissing extends ContainerCheck {
  private final String probe;
  private final String what;

  ProbeMissing(CheckInfo info, String probe, String what) {
    super(info, true);
    this.probe = probe;
    this.what = what;
  }

  @Override
  boolean applies(PodTemplate pod) {
    return Workloads.longRunning(pod);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    return container.container().path(probe).isObject()
        ? null
        : Violation.at(probe, "has no " + what + " probe");
  }
}
