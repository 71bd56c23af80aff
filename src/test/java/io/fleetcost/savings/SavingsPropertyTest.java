package io.fleetcost.savings;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.GpuInstanceType;
import io.fleetcost.catalog.InstancePrice;
import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The savings engine's invariants over random fleets: for every resource and every scope (resource,
 * MIG pool, provider, owner, fleet) the savings never exceed the cost, no projected cost is
 * negative, and every MIG plan uses only profiles and start slices of the GPU's own table without
 * overlapping slices or exceeding its 7 compute slices and its memory. Fleets are drawn from the
 * bundled catalog's priced instance types, with a mix of idle, light, bursty and busy GPUs, in a
 * few clusters so that MIG pools span instances.
 */
class SavingsPropertyTest {
  static final Catalog CATALOG = Catalog.bundled();
  static final double WINDOW_HOURS = 14 * 24;

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long seed = 1; seed <= 150; seed++) {
      seeds.add(seed * 7919);
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void savingsNeverExceedCostAndMigPlansAreValid(long seed) {
    Random random = new Random(seed);
    List<BilledResource> fleet = randomFleet(random, 5 + random.nextInt(30));
    SavingsThresholds thresholds = randomThresholds(random);
    SavingsResult result = new SavingsEngine(CATALOG, thresholds).evaluate(fleet);

    Map<String, BilledResource> byId =
        fleet.stream().collect(Collectors.toMap(BilledResource::resourceId, Function.identity()));
    Map<String, List<Opportunity>> perResource =
        result.opportunities().stream().collect(Collectors.groupingBy(Opportunity::resourceId));

    assertThat(result.resources())
        .extracting(SavingsResult.ResourceOutcome::resourceId)
        .as("every resource of the fleet, so that the checks below see them all")
        .containsExactlyInAnyOrderElementsOf(byId.keySet());
    for (SavingsResult.ResourceOutcome outcome : result.resources()) {
      List<Opportunity> found = perResource.getOrDefault(outcome.resourceId(), List.of());
      BigDecimal saved = sum(found);
      assertThat(saved)
          .as("savings of %s", outcome.resourceId())
          .isLessThanOrEqualTo(outcome.currentMonthlyCost());
      assertThat(outcome.projectedMonthlyCost()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
      assertThat(outcome.currentMonthlyCost().subtract(saved))
          .isEqualByComparingTo(outcome.projectedMonthlyCost());
      assertThat(found.stream().map(o -> o.lever().stage()).distinct().count())
          .as("one action per stage for %s", outcome.resourceId())
          .isEqualTo(found.size());
      for (Opportunity o : found) {
        assertThat(o.projectedMonthlyCost()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(o.monthlySaving()).isPositive();
        assertThat(o.currentMonthlyCost()).isLessThanOrEqualTo(outcome.currentMonthlyCost());
      }
    }
    Map<String, BigDecimal> costOf =
        result.resources().stream()
            .collect(
                Collectors.toMap(
                    SavingsResult.ResourceOutcome::resourceId,
                    SavingsResult.ResourceOutcome::currentMonthlyCost));
    assertScopes(result, costOf, o -> o.scope().id(), o -> scopeMembers(result, o.scope()));
    assertScopes(
        result,
        costOf,
        Opportunity::provider,
        o -> membersWhere(result, r -> r.provider().equals(o.provider())));
    assertScopes(
        result,
        costOf,
        Opportunity::owner,
        o -> membersWhere(result, r -> r.owner().equals(o.owner())));
    BigDecimal fleetCost = costOf.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sum(result.opportunities())).isLessThanOrEqualTo(fleetCost);

    for (Opportunity o : result.opportunities()) {
      if (o.lever() == Lever.MIG) {
        assertValidPlan(o, byId);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theRandomFleetsExerciseEveryLeverAndMultiInstancePools() {
    Map<Lever, Integer> levers = new java.util.EnumMap<>(Lever.class);
    int crossInstancePlans = 0;
    for (long seed : seeds()) {
      Random random = new Random(seed);
      List<BilledResource> fleet = randomFleet(random, 5 + random.nextInt(30));
      SavingsResult result = new SavingsEngine(CATALOG, randomThresholds(random)).evaluate(fleet);
      for (Opportunity o : result.opportunities()) {
        levers.merge(o.lever(), 1, Integer::sum);
        if (o.plan().stream().map(MigPlacement::resourceId).distinct().count() > 1) {
          crossInstancePlans++;
        }
      }
    }
    assertThat(levers.keySet()).containsExactlyInAnyOrder(Lever.values());
    assertThat(levers.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(10));
    assertThat(crossInstancePlans).isGreaterThan(0);
  }

  private static Set<String> scopeMembers(SavingsResult result, Scope scope) {
    Set<String> members = new HashSet<>();
    for (Opportunity o : result.opportunities()) {
      if (o.scope().equals(scope)) {
        members.add(o.resourceId());
        o.plan().forEach(p -> members.add(p.resourceId()));
      }
    }
    return members;
  }

  private static Set<String> membersWhere(
      SavingsResult result, java.util.function.Predicate<SavingsResult.ResourceOutcome> test) {
    return result.resources().stream()
        .filter(test)
        .map(SavingsResult.ResourceOutcome::resourceId)
        .collect(Collectors.toSet());
  }

  private static void assertScopes(
      SavingsResult result,
      Map<String, BigDecimal> costOf,
      Function<Opportunity, String> scopeOf,
      Function<Opportunity, Set<String>> membersOf) {
    Map<String, List<Opportunity>> byScope =
        result.opportunities().stream().collect(Collectors.groupingBy(scopeOf));
    for (Map.Entry<String, List<Opportunity>> scope : byScope.entrySet()) {
      Set<String> members = membersOf.apply(scope.getValue().get(0));
      BigDecimal cost = members.stream().map(costOf::get).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(sum(scope.getValue()))
          .as("savings in scope %s", scope.getKey())
          .isLessThanOrEqualTo(cost);
    }
  }

  private static void assertValidPlan(Opportunity o, Map<String, BilledResource> byId) {
    Map<String, List<MigPlacement>> perGpu =
        o.plan().stream().collect(Collectors.groupingBy(p -> p.resourceId() + "|" + p.gpuKey()));
    Set<String> placedWorkloads = new HashSet<>();
    for (List<MigPlacement> onGpu : perGpu.values()) {
      BilledResource host = byId.get(onGpu.get(0).resourceId());
      assertThat(host).as("plan host of %s", o.id()).isNotNull();
      assertThat(host.gpus()).extracting(GpuUsage::gpuKey).contains(onGpu.get(0).gpuKey());
      String table = CATALOG.migTableOf(host.instanceType()).orElseThrow();
      GpuInstanceType type = CATALOG.instanceType(host.instanceType()).orElseThrow();
      Map<String, MigProfile> profiles =
          CATALOG.migProfiles(table).stream()
              .collect(Collectors.toMap(MigProfile::profile, Function.identity()));
      boolean[] memory = new boolean[MigProfile.MEMORY_SLICES];
      int compute = 0;
      double memoryGib = 0;
      Map<String, Integer> counts = new HashMap<>();
      for (MigPlacement p : onGpu) {
        MigProfile profile = profiles.get(p.profile());
        assertThat(profile).as("profile %s in table %s", p.profile(), table).isNotNull();
        assertThat(profile.placements()).as("start of %s", p.profile()).contains(p.startSlice());
        assertThat(p.computeSlices()).isEqualTo(profile.computeSlices());
        assertThat(p.memorySlices()).isEqualTo(profile.memorySlices());
        for (int slice = p.startSlice(); slice < p.startSlice() + profile.memorySlices(); slice++) {
          assertThat(slice).isLessThan(MigProfile.MEMORY_SLICES);
          assertThat(memory[slice]).as("slice %d of %s used twice", slice, p.gpuKey()).isFalse();
          memory[slice] = true;
        }
        compute += profile.computeSlices();
        memoryGib += profile.memoryGib();
        counts.merge(profile.profile(), 1, Integer::sum);
        assertThat(counts.get(profile.profile())).isLessThanOrEqualTo(profile.maxInstances());
        assertThat(placedWorkloads.add(p.fromGpu()))
            .as("workload placed twice: %s", p.fromGpu())
            .isTrue();
      }
      assertThat(compute).isLessThanOrEqualTo(MigProfile.COMPUTE_SLICES);
      assertThat(memoryGib).isLessThanOrEqualTo(type.gpuMemoryGib());
    }
  }

  private static BigDecimal sum(List<Opportunity> opportunities) {
    return opportunities.stream()
        .map(Opportunity::monthlySaving)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static SavingsThresholds randomThresholds(Random random) {
    if (random.nextBoolean()) {
      return SavingsThresholds.DEFAULTS;
    }
    return new SavingsThresholds(
        0.5 + random.nextDouble() * 3,
        3 + random.nextDouble() * 5,
        0.05 + random.nextDouble() * 0.3,
        10 + random.nextDouble() * 40,
        20 + random.nextDouble() * 60,
        60 + random.nextDouble() * 35,
        30 + random.nextDouble() * 40,
        random.nextDouble() * 50,
        random.nextInt(60),
        SavingsThresholds.DEFAULTS.interruptionOverhead());
  }

  private static List<BilledResource> randomFleet(Random random, int size) {
    // n1-* host machine types carry no GPU of their own (GPUs are attached and billed separately)
    List<InstancePrice> prices =
        CATALOG.prices().stream()
            .filter(p -> CATALOG.instanceType(p.instanceType()).isPresent())
            .toList();
    List<BilledResource> fleet = new ArrayList<>();
    String[] clusters = {"prod", "research", null};
    String[] teams = {"search", "vision", "llm", "ads"};
    String[] workloadTypes = {"training", "serving", "batch", "", "notebook"};
    // half the fleet from a few MIG-capable types, so that pools hold several instances
    List<InstancePrice> migTypes =
        prices.stream()
            .filter(p -> CATALOG.migTableOf(p.instanceType()).isPresent())
            .filter(p -> p.provider().equals("Azure") || p.instanceType().startsWith("a2-"))
            .toList();
    for (int i = 0; i < size; i++) {
      List<InstancePrice> from = random.nextBoolean() ? migTypes : prices;
      InstancePrice price = from.get(random.nextInt(from.size()));
      GpuInstanceType type = CATALOG.instanceType(price.instanceType()).orElseThrow();
      double hourlyFactor = 0.4 + random.nextDouble() * 0.8; // discounts and partial months
      BigDecimal monthly =
          price
              .onDemandHourly()
              .multiply(BigDecimal.valueOf(730))
              .multiply(BigDecimal.valueOf(hourlyFactor))
              .setScale(6, java.math.RoundingMode.HALF_UP);
      String kind =
          List.of("idle", "zombie", "light", "bursty", "busy", "mixed").get(random.nextInt(6));
      double hours =
          random.nextInt(10) == 0
              ? random.nextDouble() * 40
              : WINDOW_HOURS * (0.5 + random.nextDouble() * 0.5);
      List<GpuUsage> gpus = new ArrayList<>();
      for (int g = 0; g < type.gpuCount(); g++) {
        gpus.add(randomGpu(random, "r" + i + "-gpu" + g, kind, type.gpuMemoryGib(), hours));
      }
      Map<String, String> tags = new HashMap<>();
      String team = teams[random.nextInt(teams.length)];
      tags.put("team", team);
      String workloadType = workloadTypes[random.nextInt(workloadTypes.length)];
      if (!workloadType.isEmpty()) {
        tags.put("workload-type", workloadType);
      }
      String pricing =
          random.nextInt(8) == 0 ? "Dynamic" : random.nextInt(8) == 0 ? "Committed" : "Standard";
      String cluster = clusters[random.nextInt(clusters.length)];
      fleet.add(
          new BilledResource(
              price.provider(),
              "acct",
              String.format("%s-%03d", type.provider().toLowerCase(), i),
              type.instanceType(),
              price.region(),
              price.currency(),
              monthly,
              pricing,
              tags,
              team,
              cluster == null ? null : price.provider() + "-" + cluster,
              gpus));
    }
    return fleet;
  }

  private static GpuUsage randomGpu(
      Random random, String key, String kind, int memoryGib, double hours) {
    double mean;
    double p95;
    double p99;
    double memoryMax;
    double memoryP50;
    String k =
        kind.equals("mixed")
            ? List.of("idle", "light", "bursty", "busy").get(random.nextInt(4))
            : kind;
    switch (k) {
      case "idle" -> {
        mean = random.nextDouble() * 0.9;
        p95 = mean * 2;
        p99 = mean * 3;
        memoryMax = random.nextDouble() * 0.5;
        memoryP50 = 0;
      }
      case "zombie" -> {
        mean = random.nextDouble() * 0.5;
        p95 = mean;
        p99 = mean * 2;
        memoryMax = memoryGib * (0.2 + random.nextDouble() * 0.7);
        memoryP50 = memoryMax * 0.9;
      }
      case "light" -> {
        mean = 2 + random.nextDouble() * 25;
        p95 = Math.min(100, mean * (1.2 + random.nextDouble()));
        p99 = Math.min(100, p95 * 1.1);
        memoryMax = memoryGib * random.nextDouble() * 0.6;
        memoryP50 = memoryMax * 0.5;
      }
      case "bursty" -> {
        mean = 5 + random.nextDouble() * 35;
        p95 = Math.min(100, 60 + random.nextDouble() * 40);
        p99 = Math.min(100, p95 + random.nextDouble() * 10);
        memoryMax = memoryGib * (0.2 + random.nextDouble() * 0.8);
        memoryP50 = memoryMax * 0.5;
      }
      default -> {
        mean = 60 + random.nextDouble() * 40;
        p95 = Math.min(100, mean + 5);
        p99 = Math.min(100, mean + 8);
        memoryMax = memoryGib * (0.5 + random.nextDouble() * 0.5);
        memoryP50 = memoryMax * 0.8;
      }
    }
    return new GpuUsage(
        key,
        "node-" + key,
        null,
        hours,
        hours / WINDOW_HOURS,
        mean,
        mean,
        p95,
        p99,
        Math.max(p99, mean),
        0,
        memoryP50 * 1024,
        memoryMax * 1024,
        memoryMax * 1024,
        memoryGib * 1024.0,
        List.of("ns/" + key));
  }
}
