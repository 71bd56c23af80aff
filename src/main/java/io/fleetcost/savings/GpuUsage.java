package io.fleetcost.savings;

import java.util.List;
import java.util.Objects;

/**
 * The utilization profile of one GPU (or MIG instance) over the lookback window. Activity is in
 * percent (0–100); memory in MiB.
 *
 * @param coverage hours of samples ÷ hours of the window
 * @param workloads the {@code namespace/pod} names seen on the GPU
 */
public record GpuUsage(
    String gpuKey,
    String node,
    String gpuModel,
    double hours,
    double coverage,
    double mean,
    double p50,
    double p95,
    double p99,
    double max,
    double idleHours,
    double memoryP50Mib,
    double memoryP99Mib,
    double memoryMaxMib,
    double memoryTotalMib,
    List<String> workloads) {
  public GpuUsage {
    Objects.requireNonNull(gpuKey, "gpuKey is null");
    workloads = List.copyOf(workloads);
  }

  public double memoryMaxGib() {
    return memoryMaxMib / 1024;
  }
}
