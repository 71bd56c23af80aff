package io.fleetcost.history;

import java.time.LocalDate;

/**
 * One row of the {@code gpu_profiles} history table: a GPU (or MIG instance) over the window of
 * {@code runDate}.
 */
public record GpuProfileRow(
    LocalDate runDate,
    String resourceKey,
    String gpuKey,
    String cluster,
    String node,
    String gpuModel,
    String owner,
    double hours,
    double meanUtilization,
    double p95Utilization,
    double idleHours,
    double memoryMaxMib) {}
