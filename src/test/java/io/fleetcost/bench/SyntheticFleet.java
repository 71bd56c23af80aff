package io.fleetcost.bench;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.InstancePrice;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.FleetAssembly;
import io.fleetcost.savings.GpuUsage;
import io.fleetcost.savings.ProfiledGpu;
import io.fleetcost.savings.ResourceBill;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic GPU fleet, assembled the way the job assembles a real one (bills and GPU
 * profiles through {@link FleetAssembly}), for timing and scaling checks of the savings engine.
 * A100 and H100 instances of the bundled catalog, 8-GPU (about 70 % of the GPUs) and 1-GPU; 80 % of
 * the resources in four Kubernetes clusters whatever the fleet's size (so that MIG pools grow with
 * the fleet: the hard case), the rest plain VMs. Per resource a mix of idle (10 %), light (35 %:
 * the MIG candidates, some with idle GPUs), bursty (20 %) and steady (35 %) work over a 14-day
 * window; 10 % of the resources are committed.
 */
public final class SyntheticFleet {
  private static final double WINDOW_HOURS = 14 * 24;
  private static final List<String> CLUSTERS =
      List.of("eks-train", "eks-serve", "gke-ml", "aks-ml");
  private static final List<String> TEAMS = List.of("search", "vision", "llm", "ads", "research");
  private static final List<String> WORKLOAD_TYPES =
      List.of("training", "serving", "batch", "notebook", "");

  /** An instance type the generator draws from, with the cluster it may join (its provider's). */
  private record Shape(
      String provider,
      String catalogProvider,
      String instanceType,
      String region,
      String cluster) {}

  private static final List<Shape> EIGHT_GPU =
      List.of(
          new Shape("AWS", "AWS", "p4d.24xlarge", "us-east-1", "eks-train"),
          new Shape("AWS", "AWS", "p4de.24xlarge", "us-east-1", "eks-train"),
          new Shape("AWS", "AWS", "p5.48xlarge", "us-east-1", "eks-serve"),
          new Shape("Google Cloud", "GCP", "a2-highgpu-8g", "us-central1", "gke-ml"),
          new Shape("Google Cloud", "GCP", "a2-ultragpu-8g", "us-central1", "gke-ml"),
          new Shape("Google Cloud", "GCP", "a3-highgpu-8g", "us-central1", "gke-ml"),
          new Shape("Microsoft", "Azure", "Standard_ND96asr_v4", "eastus", "aks-ml"),
          new Shape("Microsoft", "Azure", "Standard_ND96isr_H100_v5", "eastus", "aks-ml"));
  private static final List<Shape> ONE_GPU =
      List.of(
          new Shape("AWS", "AWS", "p5.4xlarge", "us-east-1", "eks-serve"),
          new Shape("Google Cloud", "GCP", "a2-highgpu-1g", "us-central1", "gke-ml"),
          new Shape("Google Cloud", "GCP", "a2-ultragpu-1g", "us-central1", "gke-ml"),
          new Shape("Google Cloud", "GCP", "a3-highgpu-1g", "us-central1", "gke-ml"),
          new Shape("Microsoft", "Azure", "Standard_NC24ads_A100_v4", "eastus", "aks-ml"));

  private SyntheticFleet() {}

  /**
   * Resources until the fleet has at least {@code gpus} GPUs; the same seed and size give the same
   * fleet.
   */
  public static List<BilledResource> assembled(Catalog catalog, int gpus, long seed) {
    Random random = new Random(seed);
    List<ResourceBill> bills = new ArrayList<>();
    List<ProfiledGpu> profiled = new ArrayList<>();
    int total = 0;
    for (int i = 0; total < gpus; i++) {
      // 23 % of the resources have 8 GPUs: about 70 % of the GPUs
      List<Shape> shapes = random.nextInt(100) < 23 ? EIGHT_GPU : ONE_GPU;
      Shape shape = shapes.get(random.nextInt(shapes.size()));
      int count = catalog.instanceType(shape.instanceType()).orElseThrow().gpuCount();
      int memoryGib = catalog.instanceType(shape.instanceType()).orElseThrow().gpuMemoryGib();
      InstancePrice price = catalog.price(shape.instanceType(), shape.region()).orElseThrow();
      String id =
          String.format(
              Locale.ROOT, "%s-%06d", shape.catalogProvider().toLowerCase(Locale.ROOT), i);
      String cluster = random.nextInt(5) < 4 ? shape.cluster() : null;
      double discount = 0.6 + random.nextDouble() * 0.4;
      BigDecimal effective =
          price
              .onDemandHourly()
              .multiply(BigDecimal.valueOf(WINDOW_HOURS))
              .multiply(BigDecimal.valueOf(discount))
              .setScale(6, RoundingMode.HALF_UP);
      String team = TEAMS.get(random.nextInt(TEAMS.size()));
      String workloadType = WORKLOAD_TYPES.get(random.nextInt(WORKLOAD_TYPES.size()));
      Map<String, String> tags =
          workloadType.isEmpty()
              ? Map.of("team", team)
              : Map.of("team", team, "workload-type", workloadType);
      bills.add(
          new ResourceBill(
              shape.provider(),
              id,
              id,
              "acct-" + (i % 7),
              price.region(),
              price.currency(),
              shape.instanceType(),
              count,
              random.nextInt(10) == 0 ? "Committed" : "Standard",
              tags,
              new BilledResource.BillingBasis(
                  id,
                  effective,
                  WINDOW_HOURS,
                  336,
                  BigDecimal.ZERO,
                  0,
                  "2026-11-01T00:00:00Z",
                  "2026-11-15T00:00:00Z",
                  "2026-11-15T00:00:00Z",
                  List.of("bench.csv:" + (i + 2)))));
      String kind = kind(random);
      double hours = WINDOW_HOURS * (0.9 + random.nextDouble() * 0.1);
      for (int g = 0; g < count; g++) {
        String key = id + "/gpu-" + g;
        String gpuKind = kind.equals("light") && random.nextInt(8) == 0 ? "idle" : kind;
        profiled.add(
            new ProfiledGpu(
                id,
                "instance_id",
                cluster,
                usage(random, key, id, gpuKind, memoryGib, hours, team)));
      }
      total += count;
    }
    return FleetAssembly.assemble(bills, profiled, List.of("team")).resources();
  }

  private static String kind(Random random) {
    int draw = random.nextInt(100);
    return draw < 10 ? "idle" : draw < 45 ? "light" : draw < 65 ? "bursty" : "steady";
  }

  private static GpuUsage usage(
      Random random,
      String key,
      String node,
      String kind,
      int memoryGib,
      double hours,
      String team) {
    double mean;
    double p95;
    double p99;
    double memoryMaxGib;
    switch (kind) {
      case "idle" -> {
        mean = random.nextDouble() * 0.8;
        p95 = mean * 2;
        p99 = mean * 3;
        memoryMaxGib = random.nextDouble() * 0.5;
      }
      case "light" -> {
        mean = 2 + random.nextDouble() * 23;
        p95 = Math.min(100, mean * (1.2 + random.nextDouble()));
        p99 = Math.min(100, p95 * 1.1);
        memoryMaxGib = memoryGib * (0.05 + random.nextDouble() * 0.4);
      }
      case "bursty" -> {
        mean = 10 + random.nextDouble() * 30;
        p95 = 60 + random.nextDouble() * 35;
        p99 = Math.min(100, p95 + 5 + random.nextDouble() * 10);
        memoryMaxGib = memoryGib * (0.3 + random.nextDouble() * 0.5);
      }
      default -> {
        mean = 55 + random.nextDouble() * 35;
        p95 = Math.min(100, mean + 5);
        p99 = Math.min(100, mean + 8);
        memoryMaxGib = memoryGib * (0.5 + random.nextDouble() * 0.45);
      }
    }
    double memoryMaxMib = memoryMaxGib * 1024;
    return new GpuUsage(
        key,
        node,
        null,
        hours,
        hours / WINDOW_HOURS,
        mean,
        mean,
        p95,
        p99,
        Math.min(100, p99 + 2),
        mean < 1 ? hours : 0,
        memoryMaxMib * 0.5,
        memoryMaxMib * 0.9,
        memoryMaxMib,
        memoryGib * 1024.0,
        List.of(team + "/" + kind + "-" + key));
  }
}
