package io.fleetcost.savings;

/**
 * One workload of a MIG plan: the GPU (of which resource) it goes on, the profile, and the first
 * memory slice.
 *
 * @param fromGpu the GPU the workload runs on today
 */
public record MigPlacement(
    String resourceId,
    String gpuKey,
    String profile,
    int startSlice,
    int computeSlices,
    int memorySlices,
    String workload,
    String fromGpu) {}
