package io.fleetcost.catalog;

import java.util.Objects;

/**
 * A cloud instance type (machine type, VM size) with GPUs.
 *
 * @param gpuMemoryGib memory of one GPU
 * @param source where the row's figures come from
 * @param asOf the date the row was taken from its source
 */
public record GpuInstanceType(
    String provider,
    String instanceType,
    String gpuModel,
    int gpuCount,
    int gpuMemoryGib,
    int vcpu,
    int memoryGib,
    String source,
    String asOf) {
  public GpuInstanceType {
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(instanceType, "instanceType is null");
    Objects.requireNonNull(gpuModel, "gpuModel is null");
    if (gpuCount <= 0 || gpuMemoryGib <= 0 || vcpu <= 0 || memoryGib <= 0) {
      throw new IllegalArgumentException("counts and sizes must be positive for " + instanceType);
    }
  }
}
