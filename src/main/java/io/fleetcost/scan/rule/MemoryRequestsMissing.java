package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/** Without a memory request the pod is scheduled as if it needed none, and is the first evicted. */
final class MemoryRequestsMissing extends ResourceSetting {
  MemoryRequestsMissing() {
    super(
        new CheckInfo(
            "memory-requests-missing",
            "Memory request missing",
            "workload",
            3,
            List.of("workloads"),
            List.of("memoryRequestsMissing"),
            List.of("C-0269"),
            "Set resources.requests.memory to the memory the container uses at p95."),
        "requests",
        "memory");
  }
}
