package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/**
 * Without a CPU limit a container can take every idle core of its node (low: some teams omit CPU
 * limits on purpose).
 */
final class CpuLimitsMissing extends ResourceSetting {
  CpuLimitsMissing() {
    super(
        new CheckInfo(
            "cpu-limits-missing",
            "CPU limit missing",
            "workload",
            3,
            List.of("workloads"),
            List.of("cpuLimitsMissing"),
            List.of("C-0270"),
            "Set resources.limits.cpu, or a LimitRange default for the namespace."),
        "limits",
        "cpu");
  }
}
