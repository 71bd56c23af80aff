package io.fleetcost.savings;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.GpuModel;
import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random MIG pools for the pool search tests: members of 1–8 GPUs with light, heavy and idle
 * work.
 */
final class RandomPools {
  static final Catalog CATALOG = Catalog.bundled();
  static final double WINDOW_HOURS = 14 * 24;

  private RandomPools() {}

  /** One pool: its MIG table, its members in resource id order, and the thresholds to pack with. */
  record Pool(String table, List<MigPoolSearch.Member> members, SavingsThresholds thresholds) {
    List<MigProfile> profiles() {
      return CATALOG.migProfiles(table);
    }
  }

  static Pool pool(long seed, int maxMembers) {
    Random random = new Random(seed);
    List<String> tables =
        CATALOG.gpuModels().stream()
            .map(GpuModel::migTable)
            .filter(t -> t != null)
            .distinct()
            .sorted()
            .toList();
    String table = tables.get(random.nextInt(tables.size()));
    List<MigProfile> profiles = CATALOG.migProfiles(table);
    double largestGib = profiles.stream().mapToDouble(MigProfile::memoryGib).max().orElseThrow();
    SavingsThresholds thresholds =
        random.nextBoolean()
            ? SavingsThresholds.DEFAULTS
            : new SavingsThresholds(
                1.0,
                5.0,
                0.10,
                30.0,
                50.0,
                80.0,
                50.0,
                random.nextDouble() * 40,
                30.0,
                SavingsThresholds.DEFAULTS.interruptionOverhead());
    double headroom = thresholds.headroom();
    int count = 1 + random.nextInt(maxMembers);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(i);
    }
    Collections.shuffle(ids, random);
    List<MigPoolSearch.Member> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int gpuCount = List.of(1, 1, 1, 2, 4, 8, 8).get(random.nextInt(7));
      String kind = List.of("light", "light", "heavy", "mixed").get(random.nextInt(4));
      List<GpuUsage> gpus = new ArrayList<>();
      String id = String.format("r-%03d", ids.get(i));
      for (int g = 0; g < gpuCount; g++) {
        String gpuKind =
            random.nextInt(8) == 0
                ? "idle"
                : kind.equals("mixed") ? (random.nextBoolean() ? "light" : "heavy") : kind;
        // at most 7 compute slices and the largest profile's memory with the headroom, so that
        // every workload fits
        double p95 =
            switch (gpuKind) {
              case "idle" -> 0.5;
              case "light" -> 1 + random.nextDouble() * 40;
              default -> 40 + random.nextDouble() * (700 / (7 * headroom) - 41);
            };
        double memoryGib =
            gpuKind.equals("idle") ? 0.2 : random.nextDouble() * largestGib / headroom * 0.99;
        gpus.add(gpu(id + "-gpu" + g, p95, memoryGib));
      }
      BigDecimal cost =
          BigDecimal.valueOf(500 + random.nextDouble() * 30000).setScale(6, RoundingMode.HALF_UP);
      int billedGpus = random.nextInt(10) == 0 ? gpuCount + 1 + random.nextInt(4) : gpuCount;
      BigDecimal rightsize =
          random.nextInt(5) < 2
              ? null
              : cost.multiply(BigDecimal.valueOf(0.02 + random.nextDouble() * 0.9))
                  .setScale(6, RoundingMode.HALF_UP);
      BilledResource resource =
          new BilledResource(
              "AWS",
              "acct",
              id,
              "p4d.24xlarge",
              "us-east-1",
              "USD",
              cost,
              "Standard",
              Map.of(),
              "team",
              "cluster",
              gpus);
      members.add(new MigPoolSearch.Member(resource, cost, billedGpus, rightsize));
    }
    members.sort(java.util.Comparator.comparing(m -> m.resource().resourceId()));
    return new Pool(table, members, thresholds);
  }

  private static GpuUsage gpu(String key, double p95, double memoryGib) {
    double mean = p95 / 2;
    return new GpuUsage(
        key,
        "node-" + key,
        null,
        WINDOW_HOURS,
        1.0,
        mean,
        mean,
        p95,
        Math.min(100, p95 * 1.1),
        Math.min(100, p95 * 1.2),
        0,
        memoryGib * 512,
        memoryGib * 1024,
        memoryGib * 1024,
        80 * 1024.0,
        List.of("ns/" + key));
  }
}
