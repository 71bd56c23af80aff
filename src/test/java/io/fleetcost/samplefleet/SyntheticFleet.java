package io.fleetcost.samplefleet;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.InstancePrice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A large synthetic fleet for the fleet benchmark: one EKS cluster of 8-GPU nodes (p4d.24xlarge and
 * p5.48xlarge) whose GPUs' samples are computed per step from the seed instead of being held in
 * arrays, so that 10,000 GPUs over weeks can be written file by file. Each GPU has one {@link
 * UsagePattern}, in the shares idle 20 %, light 25 %, bursty 25 %, steady 30 %.
 *
 * <p>The {@link FleetInstance}s carry GPUs with a single placeholder sample (their labels are what
 * the writers read); {@link #materialize} gives a real {@link Fleet} with every sample of a span,
 * for the sample fleet's writers.
 *
 * @param start the first sample's time, midnight UTC
 * @param days the days sampled from {@code start}
 * @param nodes the cluster's nodes in order; GPU ordinal {@code n} is GPU {@code n % 8} of node
 *     {@code n / 8}
 */
public record SyntheticFleet(
    long seed,
    Instant start,
    Duration step,
    int days,
    String cluster,
    List<FleetInstance> nodes,
    List<UsagePattern> patterns) {
  public static final String CLUSTER = "eks-bench";
  public static final String ACCOUNT = "444455556666";
  public static final int GPUS_PER_NODE = 8;
  private static final String REGION = "us-east-1";
  private static final String[] TEAMS = {"llm", "vision", "research", "search", "ads"};

  public SyntheticFleet {
    Objects.requireNonNull(start, "start is null");
    Objects.requireNonNull(step, "step is null");
    if (Duration.ofDays(1).getSeconds() % step.getSeconds() != 0 || step.getNano() != 0) {
      throw new IllegalArgumentException("the step must divide a day into whole seconds: " + step);
    }
    if (start.getEpochSecond() % 86_400 != 0) {
      throw new IllegalArgumentException("start must be midnight UTC: " + start);
    }
    nodes = List.copyOf(nodes);
    patterns = List.copyOf(patterns);
    if (patterns.size() != nodes.size() * GPUS_PER_NODE) {
      throw new IllegalArgumentException(
          "one pattern per GPU: " + patterns.size() + " for " + nodes.size() + " nodes");
    }
  }

  /** How a GPU is used; the shares of a fleet are those of {@link #of(int)}. */
  public enum UsagePattern {
    IDLE,
    LIGHT,
    BURSTY,
    STEADY;

    /**
     * Exact shares in every 20 consecutive GPUs (37 and 20 are coprime): 4 idle, 5 light, 5 bursty,
     * 6 steady.
     */
    static UsagePattern of(int gpuOrdinal) {
      int slot = (gpuOrdinal * 37 + 11) % 20;
      return slot < 4 ? IDLE : slot < 9 ? LIGHT : slot < 14 ? BURSTY : STEADY;
    }
  }

  /**
   * A fleet of {@code gpus} GPUs rounded up to whole 8-GPU nodes, sampled every {@code step} for
   * {@code days} days from {@code start}.
   */
  public static SyntheticFleet generate(
      int gpus, int days, Duration step, LocalDate start, long seed) {
    if (gpus < 1 || days < 1) {
      throw new IllegalArgumentException(
          "need at least one GPU and one day: " + gpus + " GPUs, " + days + " days");
    }
    Catalog catalog = Catalog.bundled();
    int nodeCount = (gpus + GPUS_PER_NODE - 1) / GPUS_PER_NODE;
    List<FleetInstance> nodes = new ArrayList<>(nodeCount);
    List<UsagePattern> patterns = new ArrayList<>(nodeCount * GPUS_PER_NODE);
    for (int n = 0; n < nodeCount; n++) {
      // 3 in 5 nodes are A100 (p4d), 2 in 5 H100 (p5); 1 in 10 runs on spot.
      boolean h100 = n % 5 >= 3;
      String type = h100 ? "p5.48xlarge" : "p4d.24xlarge";
      String model = h100 ? "NVIDIA H100 80GB HBM3" : "NVIDIA A100-SXM4-40GB";
      int memoryMib = h100 ? 81559 : 40960;
      PricingModel pricing = n % 10 == 9 ? PricingModel.SPOT : PricingModel.ON_DEMAND;
      String node = String.format(Locale.ROOT, "ip-10-64-%d-%d.ec2.internal", n / 250, 4 + n % 250);
      String resourceId = "i-0" + StableIds.hex("bench-ec2/" + seed + "/" + node, 16);
      String team = TEAMS[n % TEAMS.length];
      List<GpuSeries> gpuList = new ArrayList<>(GPUS_PER_NODE);
      for (int g = 0; g < GPUS_PER_NODE; g++) {
        UsagePattern pattern = UsagePattern.of(n * GPUS_PER_NODE + g);
        patterns.add(pattern);
        String namespace = pattern == UsagePattern.IDLE ? null : team;
        String pod = namespace == null ? null : podName(pattern, n, g);
        gpuList.add(
            new GpuSeries(
                g,
                "GPU-" + StableIds.uuid("bench-gpu/" + seed + "/" + resourceId + "/" + g),
                model,
                memoryMib,
                namespace,
                pod,
                pod == null ? null : "main",
                new double[] {0},
                new double[] {0}));
      }
      InstancePrice price = catalog.price(type, REGION).orElseThrow();
      BigDecimal hourly =
          pricing == PricingModel.SPOT ? price.spotHourly() : price.onDemandHourly();
      nodes.add(
          new FleetInstance(
              FleetInstance.AWS,
              ACCOUNT,
              resourceId,
              type,
              REGION,
              REGION + "abc".charAt(n % 3),
              CLUSTER,
              node,
              Map.of("team", team, "env", "prod"),
              pricing,
              hourly,
              price.onDemandHourly(),
              gpuList));
    }
    return new SyntheticFleet(
        seed, start.atStartOfDay(ZoneOffset.UTC).toInstant(), step, days, CLUSTER, nodes, patterns);
  }

  private static String podName(UsagePattern pattern, int node, int gpu) {
    return switch (pattern) {
      case LIGHT -> "notebook-" + node + "-" + gpu;
      case BURSTY -> "batch-infer-" + node + "-" + gpu;
      case STEADY -> "train-" + node + "-worker-" + gpu;
      case IDLE -> throw new IllegalArgumentException("an idle GPU has no pod");
    };
  }

  public int gpus() {
    return nodes.size() * GPUS_PER_NODE;
  }

  public int stepsPerDay() {
    return (int) (Duration.ofDays(1).getSeconds() / step.getSeconds());
  }

  public int steps() {
    return days * stepsPerDay();
  }

  public LocalDate firstDay() {
    return LocalDate.ofInstant(start, ZoneOffset.UTC);
  }

  public LocalDate lastDay() {
    return firstDay().plusDays(days - 1L);
  }

  public Instant sampleTime(int step) {
    return start.plus(this.step.multipliedBy(step));
  }

  /** The same fleet sampled for {@code moreDays} more days (the next night's data). */
  public SyntheticFleet extendedBy(int moreDays) {
    return new SyntheticFleet(seed, start, step, days + moreDays, cluster, nodes, patterns);
  }

  /**
   * GPU utilization at a step, 0–100 with one decimal (DCGM_FI_PROF_GR_ENGINE_ACTIVE is this ÷ 100;
   * GPU_UTIL this rounded). A function of the seed, the GPU and the step only, so any span can be
   * written in any order.
   */
  public double utilAt(int gpuOrdinal, int step) {
    double noise = unit(gpuOrdinal, step, 1);
    double percent =
        switch (patterns.get(gpuOrdinal)) {
          // now and then a health check or a stray process
          case IDLE -> noise < 0.01 ? 1 + 3 * unit(gpuOrdinal, step, 2) : 0;
          case LIGHT -> 2 + 18 * noise;
          case BURSTY -> inBurst(gpuOrdinal, step) ? 60 + 40 * noise : 8 * noise;
          case STEADY -> 70 + 28 * noise;
        };
    return Math.round(percent * 10) / 10d;
  }

  /** Frame buffer used at a step, whole MiB. */
  public double memoryUsedAt(int gpuOrdinal, int step) {
    double share =
        switch (patterns.get(gpuOrdinal)) {
          // a third of the idle GPUs still hold memory: zombies
          case IDLE -> unit(gpuOrdinal, -1, 3) < 1 / 3d ? 0.30 + 0.3 * unit(gpuOrdinal, -1, 4) : 0;
          case LIGHT -> 0.05 + 0.20 * unit(gpuOrdinal, step, 5);
          case BURSTY ->
              inBurst(gpuOrdinal, step)
                  ? 0.60 + 0.25 * unit(gpuOrdinal, step, 5)
                  : 0.20 + 0.2 * unit(gpuOrdinal, step, 5);
          case STEADY -> 0.60 + 0.30 * unit(gpuOrdinal, step, 5);
        };
    return Math.round(share * memoryTotalMib(gpuOrdinal));
  }

  public int memoryTotalMib(int gpuOrdinal) {
    return gpu(gpuOrdinal).memoryTotalMib();
  }

  public GpuSeries gpu(int gpuOrdinal) {
    return nodes.get(gpuOrdinal / GPUS_PER_NODE).gpus().get(gpuOrdinal % GPUS_PER_NODE);
  }

  /** A quarter of a bursty GPU's hours are bursts. */
  private boolean inBurst(int gpuOrdinal, int step) {
    long hour = sampleTime(step).getEpochSecond() / 3600;
    return unit(gpuOrdinal, hour, 6) < 0.25;
  }

  /** A uniform number in [0, 1) from the seed and three coordinates (SplitMix64's finalizer). */
  private double unit(long gpuOrdinal, long position, long stream) {
    long z =
        seed
            + 0x9E3779B97F4A7C15L * (gpuOrdinal + 1)
            + 0xC2B2AE3D27D4EB4FL * position
            + 0x165667B19E3779F9L * stream;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /**
   * The steps {@code [fromStep, fromStep + steps)} as a whole {@link Fleet} with every sample in
   * arrays, for {@link DcgmJsonWriter} and {@link AwsCur2Writer} (small fleets only: it holds GPUs
   * × steps doubles).
   */
  public Fleet materialize(int fromStep, int steps) {
    List<FleetInstance> instances = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      FleetInstance node = nodes.get(n);
      List<GpuSeries> gpuList = new ArrayList<>();
      for (GpuSeries gpu : node.gpus()) {
        int ordinal = n * GPUS_PER_NODE + gpu.index();
        double[] util = new double[steps];
        double[] memory = new double[steps];
        for (int s = 0; s < steps; s++) {
          util[s] = utilAt(ordinal, fromStep + s);
          memory[s] = memoryUsedAt(ordinal, fromStep + s);
        }
        gpuList.add(
            new GpuSeries(
                gpu.index(),
                gpu.uuid(),
                gpu.modelName(),
                gpu.memoryTotalMib(),
                gpu.namespace(),
                gpu.pod(),
                gpu.container(),
                util,
                memory));
      }
      instances.add(
          new FleetInstance(
              node.provider(),
              node.accountId(),
              node.resourceId(),
              node.instanceType(),
              node.region(),
              node.zone(),
              node.cluster(),
              node.node(),
              node.tags(),
              node.pricing(),
              node.hourlyCost(),
              node.hourlyOnDemand(),
              gpuList));
    }
    return new Fleet(sampleTime(fromStep), step, steps, instances);
  }

  /**
   * The nodes as a {@link Fleet} of one placeholder sample spanning the window, for {@link
   * KubeNodesWriter}.
   */
  public Fleet placeholderFleet() {
    return new Fleet(start, Duration.ofDays(days), 1, nodes);
  }
}
