package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/**
 * Without a memory limit one leaking container can make the node kill its neighbours (a GPU job
 * among them).
 */
public final class MemoryLimitsMissing extends ResourceSetting {
  public MemoryLimitsMissing() {
    super(
        new CheckInfo(
            "memory-limits-missing",
            "Memory limit missing",
            "workload",
            5,
            List.of("workloads"),
            List.of("memoryLimitsMissing"),
            List.of("C-0271"),
            "Set resources.limits.memory (equal to the request for Guaranteed QoS)."),
        "limits",
        "memory");
  }
}
