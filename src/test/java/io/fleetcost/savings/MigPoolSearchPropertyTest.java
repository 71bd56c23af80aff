package io.fleetcost.savings;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.bench.SyntheticFleet;
import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.lever.MigLever;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MIG packing and the pool search over 200 seeded random pools ({@link RandomPools}: 1–60 members
 * of 1–8 GPUs with light, heavy and idle work, every MIG table of the catalog, some right-size
 * savings, some GPUs the telemetry missed). The packing equals the first-fit packing as it was
 * ({@link ReferenceMigLever}) and keeps the slice rules; the GPUs it needs follow from the
 * workloads per profile alone; the pool search equals the search that packed the pool again for
 * every move ({@link ReferencePoolSearch}); a MIG saving is the freed GPUs' share of the resource's
 * cost, and the pool's total adds up.
 */
class MigPoolSearchPropertyTest {
  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long seed = 1; seed <= 200; seed++) {
      seeds.add(seed * 104729);
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void packingEqualsTheOldPackingAndKeepsTheSliceRules(long seed) {
    RandomPools.Pool pool = RandomPools.pool(seed, 60);
    List<BilledResource> resources =
        pool.members().stream().map(MigPoolSearch.Member::resource).toList();
    MigLever.Packing packing = MigLever.pack(resources, pool.profiles(), pool.thresholds());

    assertThat(packing)
        .isEqualTo(ReferenceMigLever.pack(resources, pool.profiles(), pool.thresholds()));
    assertValid(packing, resources, pool);
    List<MigProfile> order = MigLever.packingOrder(pool.profiles());
    int[] workloads = new int[order.size()];
    for (BilledResource resource : resources) {
      int[] own = MigLever.workloadsPerProfile(resource, pool.profiles(), order, pool.thresholds());
      for (int p = 0; p < own.length; p++) {
        workloads[p] += own[p];
      }
    }
    assertThat(MigLever.gpusNeeded(order, workloads)).isEqualTo(packing.gpusAfter());
  }

  /**
   * The reference packs the pool again for every move of every round: one pool in ten has up to 60
   * members.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void searchEqualsTheOldSearchAndItsSavingsAddUp(long seed) {
    RandomPools.Pool pool = RandomPools.pool(seed, seed % 10 == 0 ? 60 : 30);
    MigPoolSearch.Outcome outcome =
        MigPoolSearch.search(
            "pool", pool.members(), pool.profiles(), pool.thresholds(), new LongAdder());
    MigPoolSearch.Outcome reference =
        ReferencePoolSearch.search(
            "pool", pool.members(), pool.profiles(), pool.thresholds(), new LongAdder());

    assertThat(outcome.packed()).isEqualTo(reference.packed());
    assertThat(outcome.proposals()).isEqualTo(reference.proposals());
    assertThat(outcome.total()).isEqualByComparingTo(reference.total());

    List<BilledResource> packed =
        outcome.packed().stream().map(MigPoolSearch.Member::resource).toList();
    MigLever.Packing packing = MigLever.pack(packed, pool.profiles(), pool.thresholds());
    BigDecimal total = BigDecimal.ZERO;
    for (MigPoolSearch.Member member : pool.members()) {
      String id = member.resource().resourceId();
      if (!outcome.packed().contains(member)) {
        total = total.add(member.rightsizeSaving());
        assertThat(outcome.proposals()).doesNotContainKey(id);
        continue;
      }
      int freed = packing.freedGpus().getOrDefault(id, 0);
      Proposal proposal = outcome.proposals().get(id);
      if (freed == 0) {
        assertThat(proposal).as("no GPU of %s freed, no proposal", id).isNull();
        continue;
      }
      BigDecimal saving = member.cost().subtract(proposal.projectedCost());
      BigDecimal share =
          member
              .cost()
              .multiply(BigDecimal.valueOf(freed))
              .divide(BigDecimal.valueOf(member.gpuCount()), MathContext.DECIMAL128);
      assertThat(saving.subtract(share).abs())
          .as("saving of %s: %d of %d GPUs", id, freed, member.gpuCount())
          .isLessThan(new BigDecimal("1e-9"));
      if (freed >= member.gpuCount()) {
        assertThat(proposal.projectedCost()).isEqualByComparingTo(BigDecimal.ZERO);
      }
      assertThat(proposal.plan()).isEqualTo(packing.placements());
      total = total.add(saving);
    }
    assertThat(total).isEqualByComparingTo(outcome.total());
  }

  @Test
  void theRandomPoolsExerciseMovesPartialFreesAndPlansAcrossMembers() {
    int withMoves = 0;
    int partlyFreed = 0;
    int acrossMembers = 0;
    Set<String> tables = new HashSet<>();
    for (long seed : seeds()) {
      RandomPools.Pool pool = RandomPools.pool(seed, 60);
      tables.add(pool.table());
      MigPoolSearch.Outcome outcome =
          MigPoolSearch.search(
              "pool", pool.members(), pool.profiles(), pool.thresholds(), new LongAdder());
      withMoves += outcome.packed().size() < pool.members().size() ? 1 : 0;
      for (Proposal proposal : outcome.proposals().values()) {
        partlyFreed += proposal.projectedCost().signum() > 0 ? 1 : 0;
        acrossMembers +=
            proposal.plan().stream().map(MigPlacement::resourceId).distinct().count() > 1 ? 1 : 0;
      }
    }
    assertThat(withMoves)
        .as("pools where members leave for right-sizing (189 of 200)")
        .isBetween(100, 199);
    assertThat(partlyFreed).as("resources with some of their GPUs freed (285)").isGreaterThan(100);
    assertThat(acrossMembers)
        .as("proposals whose plan uses other members' GPUs (3,306)")
        .isGreaterThan(1000);
    assertThat(tables)
        .as("every MIG table of the catalog")
        .containsExactlyInAnyOrderElementsOf(
            RandomPools.CATALOG.gpuModels().stream()
                .map(m -> m.migTable())
                .filter(t -> t != null)
                .distinct()
                .toList());
  }

  @Test
  void theEngineGivesTheSameResultsWithTheOldSearch() {
    for (long seed : List.of(1L, 2L, 3L)) {
      List<BilledResource> fleet = SyntheticFleet.assembled(RandomPools.CATALOG, 1_000, seed);
      SavingsResult result =
          new SavingsEngine(RandomPools.CATALOG, SavingsThresholds.DEFAULTS).evaluate(fleet);
      SavingsResult reference =
          new SavingsEngine(
                  RandomPools.CATALOG, SavingsThresholds.DEFAULTS, ReferencePoolSearch::search)
              .evaluate(fleet);
      assertThat(result).isEqualTo(reference);
      assertThat(result.opportunities())
          .extracting(Opportunity::lever)
          .contains(Lever.MIG, Lever.RIGHTSIZE);
    }
  }

  /**
   * Every workload placed once, on a GPU of the pool, with the profile it needs; per GPU, each
   * profile at one of its start slices, within its maximum count, no memory slice used twice, at
   * most 7 compute slices; the GPUs used are the first ones in packing order and the freed ones are
   * the rest.
   */
  private static void assertValid(
      MigLever.Packing packing, List<BilledResource> resources, RandomPools.Pool pool) {
    Map<String, MigProfile> profiles =
        pool.profiles().stream()
            .collect(Collectors.toMap(MigProfile::profile, Function.identity()));
    Map<String, MigProfile> needed = new HashMap<>();
    List<String> gpusInPackingOrder = new ArrayList<>();
    List<BilledResource> ordered = new ArrayList<>(resources);
    ordered.sort(
        Comparator.comparingInt((BilledResource r) -> -r.gpus().size())
            .thenComparing(BilledResource::resourceId));
    for (BilledResource resource : ordered) {
      resource.gpus().stream()
          .sorted(Comparator.comparing(GpuUsage::gpuKey))
          .forEach(
              gpu -> {
                gpusInPackingOrder.add(resource.resourceId() + " " + gpu.gpuKey());
                MigLever.profileFor(gpu, pool.profiles(), pool.thresholds())
                    .orElseThrow()
                    .ifPresent(p -> needed.put(resource.resourceId() + " " + gpu.gpuKey(), p));
              });
    }
    Map<String, List<MigPlacement>> perGpu = new LinkedHashMap<>();
    Set<String> placed = new HashSet<>();
    for (MigPlacement p : packing.placements()) {
      perGpu.computeIfAbsent(p.resourceId() + " " + p.gpuKey(), k -> new ArrayList<>()).add(p);
      assertThat(placed.add(p.fromGpu())).as("%s placed twice", p.fromGpu()).isTrue();
      assertThat(needed.get(p.fromGpu()))
          .as("profile of %s", p.fromGpu())
          .isEqualTo(profiles.get(p.profile()));
    }
    assertThat(placed).isEqualTo(needed.keySet());
    for (Map.Entry<String, List<MigPlacement>> gpu : perGpu.entrySet()) {
      assertThat(gpusInPackingOrder).contains(gpu.getKey());
      boolean[] memory = new boolean[MigProfile.MEMORY_SLICES];
      int compute = 0;
      Map<String, Integer> instances = new HashMap<>();
      for (MigPlacement p : gpu.getValue()) {
        MigProfile profile = profiles.get(p.profile());
        assertThat(profile.placements())
            .as("start of %s on %s", p.profile(), gpu.getKey())
            .contains(p.startSlice());
        assertThat(p.computeSlices()).isEqualTo(profile.computeSlices());
        assertThat(p.memorySlices()).isEqualTo(profile.memorySlices());
        for (int slice = p.startSlice(); slice < p.startSlice() + p.memorySlices(); slice++) {
          assertThat(slice).isLessThan(MigProfile.MEMORY_SLICES);
          assertThat(memory[slice])
              .as("memory slice %d of %s used twice", slice, gpu.getKey())
              .isFalse();
          memory[slice] = true;
        }
        compute += p.computeSlices();
        assertThat(instances.merge(p.profile(), 1, Integer::sum))
            .isLessThanOrEqualTo(profile.maxInstances());
      }
      assertThat(compute)
          .as("compute slices of %s", gpu.getKey())
          .isLessThanOrEqualTo(MigProfile.COMPUTE_SLICES);
    }
    assertThat(packing.gpusBefore()).isEqualTo(gpusInPackingOrder.size());
    assertThat(packing.gpusAfter()).isEqualTo(perGpu.size());
    assertThat(perGpu.keySet())
        .containsExactlyInAnyOrderElementsOf(gpusInPackingOrder.subList(0, packing.gpusAfter()));
    Map<String, Integer> freed = new HashMap<>();
    gpusInPackingOrder
        .subList(packing.gpusAfter(), gpusInPackingOrder.size())
        .forEach(gpu -> freed.merge(gpu.substring(0, gpu.indexOf(' ')), 1, Integer::sum));
    assertThat(packing.freedGpus()).isEqualTo(freed);
  }
}
