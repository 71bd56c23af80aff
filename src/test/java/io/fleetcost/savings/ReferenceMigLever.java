package io.fleetcost.savings;

import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.lever.MigLever;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The MIG packing as it was before packings became linear (commit ce40d56): first-fit from the
 * first GPU for every workload, and a proposal list copied per resource. Kept as the reference the
 * tests compare {@link MigLever} with.
 */
final class ReferenceMigLever {
  private ReferenceMigLever() {}

  /** The workload of one GPU and the profile it needs. */
  record Workload(BilledResource resource, GpuUsage gpu, MigProfile profile) {}

  /** A GPU being filled with slices. */
  static final class Slot {
    final BilledResource resource;
    final String gpuKey;
    final boolean[] memory = new boolean[MigProfile.MEMORY_SLICES];
    int compute;
    final Map<String, Integer> counts = new HashMap<>();

    Slot(BilledResource resource, String gpuKey) {
      this.resource = resource;
      this.gpuKey = gpuKey;
    }

    Optional<Integer> start(MigProfile profile) {
      if (compute + profile.computeSlices() > MigProfile.COMPUTE_SLICES
          || counts.getOrDefault(profile.profile(), 0) >= profile.maxInstances()) {
        return Optional.empty();
      }
      for (int start : profile.placements()) {
        boolean free = true;
        for (int slice = start; slice < start + profile.memorySlices(); slice++) {
          free &= !memory[slice];
        }
        if (free) {
          return Optional.of(start);
        }
      }
      return Optional.empty();
    }

    void place(MigProfile profile, int start) {
      for (int slice = start; slice < start + profile.memorySlices(); slice++) {
        memory[slice] = true;
      }
      compute += profile.computeSlices();
      counts.merge(profile.profile(), 1, Integer::sum);
    }
  }

  static MigLever.Packing pack(
      List<BilledResource> pool, List<MigProfile> table, SavingsThresholds t) {
    List<Workload> workloads = new ArrayList<>();
    List<Slot> slots = new ArrayList<>();
    List<BilledResource> ordered = new ArrayList<>(pool);
    ordered.sort(
        Comparator.comparingInt((BilledResource r) -> -r.gpus().size())
            .thenComparing(BilledResource::resourceId));
    for (BilledResource resource : ordered) {
      List<GpuUsage> gpus = new ArrayList<>(resource.gpus());
      gpus.sort(Comparator.comparing(GpuUsage::gpuKey));
      for (GpuUsage gpu : gpus) {
        slots.add(new Slot(resource, gpu.gpuKey()));
        MigLever.profileFor(gpu, table, t)
            .orElseThrow()
            .ifPresent(p -> workloads.add(new Workload(resource, gpu, p)));
      }
    }
    workloads.sort(
        Comparator.comparingInt((Workload w) -> -w.profile().computeSlices())
            .thenComparingInt(w -> -w.profile().memorySlices())
            .thenComparing(w -> w.resource().resourceId())
            .thenComparing(w -> w.gpu().gpuKey()));
    List<MigPlacement> placements = new ArrayList<>();
    for (Workload workload : workloads) {
      boolean placed = false;
      for (int i = 0; i < slots.size() && !placed; i++) {
        Slot slot = slots.get(i);
        Optional<Integer> start = slot.start(workload.profile());
        if (start.isPresent()) {
          slot.place(workload.profile(), start.get());
          placements.add(
              new MigPlacement(
                  slot.resource.resourceId(),
                  slot.gpuKey,
                  workload.profile().profile(),
                  start.get(),
                  workload.profile().computeSlices(),
                  workload.profile().memorySlices(),
                  label(workload.gpu()),
                  workload.resource().resourceId() + " " + workload.gpu().gpuKey()));
          placed = true;
        }
      }
      if (!placed) {
        throw new IllegalStateException(
            "a workload that fits a whole GPU found no GPU: " + workload.gpu().gpuKey());
      }
    }
    Map<String, Integer> freed = new LinkedHashMap<>();
    int used = 0;
    for (Slot slot : slots) {
      if (slot.compute == 0) {
        freed.merge(slot.resource.resourceId(), 1, Integer::sum);
      } else {
        used++;
      }
    }
    return new MigLever.Packing(placements, freed, slots.size(), used);
  }

  private static String label(GpuUsage gpu) {
    return gpu.workloads().isEmpty() ? gpu.gpuKey() : String.join(", ", gpu.workloads());
  }

  /** Proposals for the resources of a pool that the packing empties GPUs of. */
  static Map<String, Proposal> propose(
      String scope,
      List<BilledResource> pool,
      Map<String, BigDecimal> costs,
      Map<String, Integer> gpuCounts,
      List<MigProfile> table,
      SavingsThresholds t) {
    MigLever.Packing packing = pack(pool, table, t);
    Map<String, Proposal> proposals = new LinkedHashMap<>();
    for (BilledResource resource : pool) {
      int freed = packing.freedGpus().getOrDefault(resource.resourceId(), 0);
      if (freed == 0) {
        continue;
      }
      int gpus = gpuCounts.getOrDefault(resource.resourceId(), resource.gpus().size());
      BigDecimal cost = costs.get(resource.resourceId());
      BigDecimal perGpu = cost.divide(BigDecimal.valueOf(gpus), MathContext.DECIMAL64);
      BigDecimal projected =
          freed >= gpus
              ? BigDecimal.ZERO
              : cost.subtract(perGpu.multiply(BigDecimal.valueOf(freed)));
      String action =
          freed >= gpus
              ? String.format(
                  Locale.ROOT,
                  "Stop %s (%s): partition the pool's GPUs with MIG as planned; its %d GPU%s' workload%s move%s to MIG"
                      + " slices, and the pool needs %d of its %d GPUs",
                  resource.label(),
                  resource.instanceType(),
                  gpus,
                  gpus == 1 ? "" : "s",
                  gpus == 1 ? "" : "s",
                  gpus == 1 ? "s" : "",
                  packing.gpusAfter(),
                  packing.gpusBefore())
              : String.format(
                  Locale.ROOT,
                  "Free %d of the %d GPUs of %s (%s) by partitioning the pool's GPUs with MIG as planned: the pool needs"
                      + " %d of its %d GPUs",
                  freed,
                  gpus,
                  resource.label(),
                  resource.instanceType(),
                  packing.gpusAfter(),
                  packing.gpusBefore());
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("pool_gpus_before", packing.gpusBefore());
      evidence.put("pool_gpus_after", packing.gpusAfter());
      evidence.put("gpus_freed", freed);
      evidence.put("gpus_sharing_cost", gpus);
      proposals.put(
          resource.resourceId(),
          Proposal.builder()
              .lever(Lever.MIG)
              .projectedCost(projected)
              .action(action)
              .risk(Risk.MEDIUM)
              .effort(Effort.POOL_REPARTITION)
              .confidenceFactor(0.8)
              .scope(Scope.pool(scope))
              .plan(packing.placements())
              .evidence(evidence)
              .build());
    }
    return proposals;
  }
}
