package io.fleetcost.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * A GPU model with one memory size.
 *
 * @param migTable the MIG profile table of this GPU, or null when it has no MIG
 * @param relativeThroughput rough dense FP16/BF16 tensor throughput relative to a T4, for comparing
 *     models
 */
public record GpuModel(
    String model,
    int memoryGib,
    String migTable,
    double relativeThroughput,
    String source,
    String asOf) {
  public GpuModel {
    Objects.requireNonNull(model, "model is null");
    if (memoryGib <= 0 || relativeThroughput <= 0) {
      throw new IllegalArgumentException("memory and throughput must be positive for " + model);
    }
  }

  public Optional<String> mig() {
    return Optional.ofNullable(migTable);
  }
}
