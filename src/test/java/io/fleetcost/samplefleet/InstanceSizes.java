package io.fleetcost.samplefleet;

import io.fleetcost.catalog.GpuInstanceCatalog;
import io.fleetcost.catalog.GpuInstanceType;
import java.util.Optional;

/**
 * vCPUs and memory of an instance type, which bills and node objects state (core and RAM SKUs,
 * {@code VCPUs}, node capacity) but the fleet model does not: from FleetCost's GPU catalog, else an
 * A2-like 12 vCPUs and 85 GiB per GPU.
 */
final class InstanceSizes {
  private static final GpuInstanceCatalog CATALOG = GpuInstanceCatalog.bundled();

  private InstanceSizes() {}

  record Size(int vcpus, int memoryGib, Optional<Integer> gpuMemoryGib) {}

  static Size of(FleetInstance instance) {
    Optional<GpuInstanceType> known = CATALOG.find(instance.instanceType());
    if (known.isPresent()) {
      return new Size(
          known.get().vcpu(), known.get().memoryGib(), Optional.of(known.get().gpuMemoryGib()));
    }
    int gpus = Math.max(1, instance.gpus().size());
    return new Size(12 * gpus, 85 * gpus, Optional.empty());
  }

  /**
   * Memory of one GPU in whole GiB: the catalog's marketing figure (A10G: 24), else the measured
   * total rounded.
   */
  static int gpuMemoryGib(FleetInstance instance) {
    return of(instance)
        .gpuMemoryGib()
        .orElseGet(
            () ->
                instance.gpus().isEmpty()
                    ? 0
                    : Math.round(instance.gpus().get(0).memoryTotalMib() / 1024f));
  }
}
