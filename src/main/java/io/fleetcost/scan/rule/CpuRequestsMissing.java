package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/**
 * Without a CPU request the scheduler does not reserve CPU: a GPU pod can be starved by its
 * neighbours.
 */
final class CpuRequestsMissing extends ResourceSetting {
  CpuRequestsMissing() {
    super(
        new CheckInfo(
            "cpu-requests-missing",
            "CPU request missing",
            "workload",
            3,
            List.of("workloads"),
            List.of("cpuRequestsMissing"),
            List.of("C-0268"),
            "Set resources.requests.cpu to the CPU the container uses at p95."),
        "requests",
        "cpu");
  }
}
