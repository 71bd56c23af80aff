package io.fleetcost.savings.lever;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.Effort;
import io.fleetcost.savings.GpuUsage;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.MigPlacement;
import io.fleetcost.savings.Proposal;
import io.fleetcost.savings.Risk;
import io.fleetcost.savings.Scope;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * MIG packing: light workloads of a pool of MIG-capable GPUs (one cluster, one MIG table) move onto
 * MIG slices so that fewer GPUs carry them; every GPU left empty is saved at its share of its
 * resource's cost.
 *
 * <ul>
 *   <li>A resource takes part when its mean activity is below {@code migMeanPercent}, its GPUs are
 *       not already partitioned, and every one of its workloads fits a profile of the table.
 *   <li>A GPU's workload needs the smallest profile with compute slices ≥ ⌈7 × p95 activity × (1 +
 *       headroom)⌉ (at least 1) and memory ≥ peak memory × (1 + headroom). An idle GPU carries no
 *       workload.
 *   <li>Packing is first-fit decreasing (largest profiles first: more compute slices, then more
 *       memory slices, then by profile name; then by resource id and GPU key) onto the pool's GPUs,
 *       resources with more GPUs first, so that small instances empty out and can be stopped. A
 *       profile goes only at one of its allowed start slices, on free memory slices, within the 7
 *       compute slices and its maximum count per GPU.
 * </ul>
 *
 * Two facts make a packing cheap. The pool's GPUs start empty and every workload fits an empty GPU,
 * so first-fit never passes an empty GPU: the GPUs used are the first ones in packing order, and
 * how many they are depends only on how many workloads need each profile ({@link #gpusNeeded},
 * independent of the pool's size). And a GPU only fills up, so a profile that did not fit it never
 * will: first-fit resumes, per profile, at the GPU the previous workload of that profile went to,
 * and a packing takes time linear in the pool's GPUs and workloads ({@link #pack}).
 */
public final class MigLever implements PooledLever {
  private static final Pattern PARTITIONED_GPU = Pattern.compile(".*/\\d+$");

  @Override
  public LeverId id() {
    return LeverId.MIG;
  }

  @Override
  public LeverStage stage() {
    return LeverStage.RESHAPE;
  }

  @Override
  public Optional<String> table(LeverInput input) {
    return eligibleTable(
        input.resource(), input.instanceType(), input.catalog(), input.thresholds());
  }

  /**
   * The resource packed as a pool of its own, as a plain VM's GPUs are. The engine packs whole
   * pools instead ({@link PooledLever}), where a resource may free GPUs by hosting others' slices.
   */
  @Override
  public Optional<Proposal> propose(LeverInput input) {
    Optional<String> table = table(input);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    BilledResource resource = input.resource();
    String id = resource.resourceId();
    int gpus =
        Math.max(
            resource.gpus().size(),
            input.catalog().instanceType(input.instanceType()).map(t -> t.gpuCount()).orElse(0));
    return Optional.ofNullable(
        propose(
                resource.provider() + ":" + id + "/" + table.get(),
                List.of(resource),
                Map.of(id, input.cost()),
                Map.of(id, gpus),
                input.catalog().migProfiles(table.get()),
                input.thresholds())
            .get(id));
  }

  /** The workload of one GPU and the profile it needs, by index in the packing order. */
  private record Workload(BilledResource resource, GpuUsage gpu, int profile) {}

  /** A GPU of the pool and what it holds so far. */
  private record Slot(BilledResource resource, String gpuKey, GpuFill fill) {}

  /** The outcome of packing one pool. */
  public record Packing(
      List<MigPlacement> placements,
      Map<String, Integer> freedGpus,
      int gpusBefore,
      int gpusAfter) {}

  /**
   * The profiles of a table in packing order: more compute slices first, then more memory slices,
   * then by name.
   */
  public static List<MigProfile> packingOrder(List<MigProfile> table) {
    List<MigProfile> order = new ArrayList<>(table);
    order.sort(
        Comparator.comparingInt((MigProfile p) -> -p.computeSlices())
            .thenComparingInt(p -> -p.memorySlices())
            .thenComparing(MigProfile::profile));
    return List.copyOf(order);
  }

  /**
   * The profile a GPU's workload needs, or empty when it needs none (idle) — or more than a whole
   * GPU.
   */
  public static Optional<Optional<MigProfile>> profileFor(
      GpuUsage gpu, List<MigProfile> table, SavingsThresholds t) {
    if (gpu.p99() < t.idleP99Percent() && gpu.memoryMaxGib() < 1) {
      return Optional.of(Optional.empty());
    }
    int compute =
        Math.max(
            1, (int) Math.ceil(MigProfile.COMPUTE_SLICES * gpu.p95() / 100 * t.headroom() - 1e-9));
    double memory = gpu.memoryMaxGib() * t.headroom();
    return table.stream()
        .filter(p -> p.computeSlices() >= compute && p.memoryGib() >= memory)
        .findFirst()
        .map(Optional::of);
  }

  /**
   * How many of a resource's workloads need each profile of the packing order (its idle GPUs need
   * none).
   */
  public static int[] workloadsPerProfile(
      BilledResource resource,
      List<MigProfile> table,
      List<MigProfile> order,
      SavingsThresholds t) {
    int[] workloads = new int[order.size()];
    for (GpuUsage gpu : resource.gpus()) {
      profileFor(gpu, table, t).orElseThrow().ifPresent(p -> workloads[order.indexOf(p)]++);
    }
    return workloads;
  }

  /** Whether a resource can take part in MIG packing, and with which table. */
  public static Optional<String> eligibleTable(
      BilledResource resource, String instanceType, Catalog catalog, SavingsThresholds t) {
    if (resource.gpus().isEmpty() || resource.meanActivity() >= t.migMeanPercent()) {
      return Optional.empty();
    }
    if (resource.gpus().stream().anyMatch(g -> PARTITIONED_GPU.matcher(g.gpuKey()).matches())) {
      return Optional.empty(); // already partitioned: the telemetry is per MIG instance
    }
    Optional<String> table = catalog.migTableOf(instanceType);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    List<MigProfile> profiles = catalog.migProfiles(table.get());
    boolean allFit = resource.gpus().stream().allMatch(g -> profileFor(g, profiles, t).isPresent());
    return allFit ? table : Optional.empty();
  }

  public static Packing pack(
      List<BilledResource> pool, List<MigProfile> table, SavingsThresholds t) {
    return pack(pool, table, t, new LongAdder());
  }

  /**
   * Packs a pool's workloads onto its GPUs.
   *
   * @param steps counts the GPUs tried (a measure of the work, for the scaling tests)
   */
  public static Packing pack(
      List<BilledResource> pool, List<MigProfile> table, SavingsThresholds t, LongAdder steps) {
    List<MigProfile> order = packingOrder(table);
    Unpacked unpacked = Unpacked.of(pool, table, order, t);
    List<MigPlacement> placements = firstFit(order, unpacked, steps);
    Map<String, Integer> freed = new LinkedHashMap<>();
    int used = 0;
    for (Slot slot : unpacked.slots()) {
      if (slot.fill().isEmpty()) {
        freed.merge(slot.resource().resourceId(), 1, Integer::sum);
      } else {
        used++;
      }
    }
    return new Packing(placements, freed, unpacked.slots().size(), used);
  }

  /**
   * A pool before packing: its GPUs, empty, in packing order (resources with more GPUs first, then
   * by id; a resource's GPUs by key), and the workloads of its GPUs in first-fit order (largest
   * profile first, then by resource id and GPU key).
   */
  private record Unpacked(List<Slot> slots, List<Workload> workloads) {
    static Unpacked of(
        List<BilledResource> pool,
        List<MigProfile> table,
        List<MigProfile> order,
        SavingsThresholds t) {
      int[] instanceKeys = GpuFill.instanceKeys(order);
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
          slots.add(new Slot(resource, gpu.gpuKey(), new GpuFill(order, instanceKeys)));
          profileFor(gpu, table, t)
              .orElseThrow()
              .ifPresent(p -> workloads.add(new Workload(resource, gpu, order.indexOf(p))));
        }
      }
      workloads.sort(
          Comparator.comparingInt(Workload::profile)
              .thenComparing(w -> w.resource().resourceId())
              .thenComparing(w -> w.gpu().gpuKey()));
      return new Unpacked(slots, workloads);
    }
  }

  /**
   * Places each workload on the first GPU it fits, resuming per profile at the GPU the previous
   * workload of that profile went to.
   */
  private static List<MigPlacement> firstFit(
      List<MigProfile> order, Unpacked unpacked, LongAdder steps) {
    List<Slot> slots = unpacked.slots();
    List<MigPlacement> placements = new ArrayList<>();
    int[] firstCandidate = new int[order.size()];
    for (Workload workload : unpacked.workloads()) {
      int index = firstCandidate[workload.profile()];
      int start = -1;
      for (; index < slots.size(); index++) {
        steps.increment();
        start = slots.get(index).fill().start(workload.profile());
        if (start >= 0) {
          break;
        }
      }
      if (start < 0) {
        throw new IllegalStateException(
            "a workload that fits a whole GPU found no GPU: " + workload.gpu().gpuKey());
      }
      firstCandidate[workload.profile()] = index;
      Slot slot = slots.get(index);
      slot.fill().place(workload.profile(), start);
      MigProfile profile = order.get(workload.profile());
      placements.add(
          new MigPlacement(
              slot.resource().resourceId(),
              slot.gpuKey(),
              profile.profile(),
              start,
              profile.computeSlices(),
              profile.memorySlices(),
              label(workload.gpu()),
              workload.resource().resourceId() + " " + workload.gpu().gpuKey()));
    }
    return placements;
  }

  /**
   * How many GPUs {@link #pack} uses for these workloads, whatever the pool ({@link GpusNeeded}).
   *
   * @param order the table's {@link #packingOrder}
   * @param workloads how many workloads need each profile of {@code order}
   */
  public static int gpusNeeded(List<MigProfile> order, int[] workloads) {
    return GpusNeeded.of(order, workloads);
  }

  private static String label(GpuUsage gpu) {
    return gpu.workloads().isEmpty() ? gpu.gpuKey() : String.join(", ", gpu.workloads());
  }

  /**
   * The monthly cost of a resource once {@code freed} of its {@code gpus} GPUs are given up:
   * nothing when all are.
   */
  public static BigDecimal projectedCost(BigDecimal cost, int gpus, int freed) {
    if (freed >= gpus) {
      return BigDecimal.ZERO;
    }
    BigDecimal perGpu = cost.divide(BigDecimal.valueOf(gpus), MathContext.DECIMAL64);
    return cost.subtract(perGpu.multiply(BigDecimal.valueOf(freed)));
  }

  /** Proposals for the resources of a pool that the packing empties GPUs of. */
  public static Map<String, Proposal> propose(
      String scope,
      List<BilledResource> pool,
      Map<String, BigDecimal> costs,
      Map<String, Integer> gpuCounts,
      List<MigProfile> table,
      SavingsThresholds t) {
    return proposals(scope, pack(pool, table, t), pool, costs, gpuCounts);
  }

  /**
   * Proposals for the resources of a pool that a packing of it empties GPUs of; they share one
   * plan.
   */
  public static Map<String, Proposal> proposals(
      String scope,
      Packing packing,
      List<BilledResource> pool,
      Map<String, BigDecimal> costs,
      Map<String, Integer> gpuCounts) {
    List<MigPlacement> plan = List.copyOf(packing.placements());
    Map<String, Proposal> proposals = new LinkedHashMap<>();
    for (BilledResource resource : pool) {
      int freed = packing.freedGpus().getOrDefault(resource.resourceId(), 0);
      if (freed == 0) {
        continue;
      }
      int gpus = gpuCounts.getOrDefault(resource.resourceId(), resource.gpus().size());
      BigDecimal cost = costs.get(resource.resourceId());
      BigDecimal projected = projectedCost(cost, gpus, freed);
      String action = action(resource, gpus, freed, packing);
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
              .plan(plan)
              .evidence(evidence)
              .build());
    }
    return proposals;
  }

  /** The action in words: stop the resource when the plan frees all its GPUs, else free some. */
  private static String action(BilledResource resource, int gpus, int freed, Packing packing) {
    return freed >= gpus
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
  }
}
