package io.fleetcost.samplefleet;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.GpuInstanceType;
import io.fleetcost.catalog.InstancePrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The bundled sample fleet: 89 billed GPU instances with 315 GPUs of 18 instance types on AWS,
 * Google Cloud and Azure — two Kubernetes clusters (EKS {@code eks-ml}, GKE {@code gke-research})
 * whose GPUs report through the DCGM exporter, and plain VMs that log {@code nvidia-smi} — billed
 * from 1 Sep 2026 and sampled every 15 minutes over its last 14 days (1–14 Nov), with cases planted
 * for every savings lever, healthy busy GPUs that must get nothing, three opportunities acted on
 * before the run date ({@link Plan#actions()}) and the churn of September and October.
 * Deterministic: the same seed gives the same fleet, byte for byte once written ({@link
 * FleetFiles}). The planted cases, with the lever the engine must pick, are {@link #cases()};
 * {@code sample-data/fleet/README.md} lists them.
 *
 * <p>Utilization follows what published fleet studies report (analytics-anchors.md section 4): most
 * GPUs lightly used, notebooks busy only in working hours, inference following the day, training
 * near saturation with checkpoint dips, batch work in bursts.
 */
public final class SampleFleet {
  public static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  /** The bills start two months before the samples: September and October are billing only. */
  public static final Instant BILLED_FROM = Instant.parse("2026-09-01T00:00:00Z");

  public static final Duration STEP = Duration.ofMinutes(15);
  public static final int DAYS = 14;
  public static final int STEPS = DAYS * 24 * 4;
  public static final long SEED = 20261101L;

  /** The plain VMs' local time, in which their nvidia-smi logs print time. */
  public static final ZoneId VM_LOG_ZONE = ZoneId.of("America/New_York");

  static final String EKS = "eks-ml";
  static final String GKE = "gke-research";
  static final String AWS_PROD = "444455556666";
  static final String AWS_RESEARCH = "777788889999";
  static final String GCP_K8S = "ml-research-prod";
  static final String GCP_VMS = "ml-training-prod";
  static final String AZURE_SUBSCRIPTION = "3f2b8c1d-7e4a-4d5b-9c6e-1a2b3c4d5e6f";

  /** What a GPU does over the 14 days. */
  enum Behaviour {
    /** Nothing: no kernels, no memory. */
    IDLE,
    /** No kernels, but memory held all along: a hung job or an abandoned notebook kernel. */
    ZOMBIE,
    /** Training near saturation, with checkpoint dips. */
    TRAINING,
    /** Online inference following the day, never idle. */
    SERVING,
    /**
     * An interactive notebook: short sessions in working hours, the model kept in memory in
     * between.
     */
    NOTEBOOK,
    /** A small always-on inference service using a sliver of the GPU. */
    LIGHT_SERVICE,
    /** A single moderate workload (the one working GPU of an over-provisioned node). */
    MODERATE,
    /** Batch work: low most of the day, two bursts at full load. */
    BURSTY
  }

  /**
   * A planted case: an instance of the fleet and what the savings engine must make of it.
   *
   * @param expectedLever {@code idle}, {@code zombie}, {@code rightsize}, {@code mig}, {@code
   *     spot}, or {@code none}
   */
  public record PlantedCase(
      String provider,
      String resourceId,
      String instanceType,
      int gpus,
      String cluster,
      String team,
      String planted,
      String expectedLever,
      String why) {}

  /**
   * An instance billed with GPUs whose GPUs send no telemetry, and a node that sends telemetry but
   * is billed nowhere.
   */
  public record CoverageCases(FleetInstance billedWithoutTelemetry, FleetInstance unbilledNode) {}

  /**
   * An opportunity acted on some days before the run date: identified by the first reports, then no
   * longer listed, and realized for the drop of its resource's bill.
   *
   * @param lever the lever the reports before the action found
   * @param on when the action shows on the bill (00:00 UTC)
   */
  public record PlantedAction(
      String provider, String resourceId, String lever, String action, Instant on) {}

  public record Plan(
      Fleet fleet, List<PlantedCase> cases, CoverageCases coverage, List<PlantedAction> actions) {}

  /** One group of identical instances: their shape, what their GPUs do, and what must be found. */
  private record Group(
      String provider,
      String accountId,
      String instanceType,
      int count,
      String cluster,
      String nameStem,
      Map<String, String> tags,
      PricingModel pricing,
      IntFunction<Behaviour> gpuBehaviour,
      double cap,
      double memoryGib,
      String namespace,
      String workload,
      PodStyle pods,
      String planted,
      String expectedLever,
      String why) {}

  /** How Kubernetes names a workload's pods, which FleetCost must strip back to the workload. */
  private enum PodStyle {
    NONE,
    /** one StatefulSet per GPU: {@code jupyter-<user>-0} */
    NOTEBOOK_PER_GPU,
    /** a Deployment's replicas: {@code <name>-<template hash>-<5>} */
    DEPLOYMENT,
    /** a training job's worker per node, all its GPUs: {@code <job>-worker-<n>} */
    WORKER_PER_NODE,
    /** a Job's pod per GPU: {@code <name>-<5>} */
    JOB_PER_GPU
  }

  private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";
  private static final String[] USERS = {
    "ana", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivan", "jo", "kofi", "lena",
    "mo", "nia", "oskar", "priya", "quinn", "rui", "sara", "tomas", "uma", "vik", "wen", "yara"
  };

  private final Catalog catalog = Catalog.bundled();
  private final Random random = new Random(SEED);
  private final List<FleetInstance> instances = new ArrayList<>();
  private final List<PlantedCase> cases = new ArrayList<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();
  private int userIndex;

  private SampleFleet() {}

  public static Plan build() {
    return new SampleFleet().plan();
  }

  private Plan plan() {
    eks();
    gke();
    awsVms();
    azureVms();
    gcpVms();
    FleetInstance withoutTelemetry =
        instance(
            "AWS",
            AWS_RESEARCH,
            "g5.xlarge",
            null,
            "gpu-dev-box",
            Map.of("team", "vision"),
            PricingModel.ON_DEMAND,
            List.of());
    instances.add(withoutTelemetry);
    cases.add(
        new PlantedCase(
            "AWS",
            withoutTelemetry.resourceId(),
            "g5.xlarge",
            1,
            "-",
            "vision",
            "billed GPU instance without telemetry",
            "none",
            "no samples: listed under gpu_resources_without_telemetry, never guessed"));
    // what happened before and during the window: added after every other instance, so that the
    // random draws of
    // those stay as they were
    List<BillingChange> changes = new ArrayList<>();
    List<PlantedAction> actions = new ArrayList<>();
    plantedActions(changes, actions);
    churn(changes);
    Fleet fleet =
        new Fleet(
            START,
            STEP,
            STEPS,
            instances,
            BillingAccounts.example().withSubAccountNames(accountNames()),
            BILLED_FROM,
            changes);
    return new Plan(
        fleet,
        List.copyOf(cases),
        new CoverageCases(withoutTelemetry, unbilledLabNode()),
        List.copyOf(actions));
  }

  /**
   * Three opportunities the first reports find and their owners act on days before the run date,
   * each showing on the bill: an idle VM deleted, a training VM recreated on spot under the same
   * name, and a VM's small services moved onto MIG slices of the shared A100s and the VM deleted.
   */
  private void plantedActions(List<BillingChange> changes, List<PlantedAction> actions) {
    Instant deleted = Instant.parse("2026-11-10T00:00:00Z");
    FleetInstance idle =
        instances.get(
            add(new Group(
                    "AWS",
                    AWS_RESEARCH,
                    "g4dn.xlarge",
                    1,
                    null,
                    "render-t4",
                    Map.of("team", "vision"),
                    PricingModel.ON_DEMAND,
                    g -> Behaviour.IDLE,
                    0,
                    0,
                    null,
                    null,
                    PodStyle.NONE,
                    "idle VM, deleted on 10 Nov after the first reports listed it",
                    "none",
                    "deleted: billed and sampled until 10 Nov 00:00, so nothing to act on; realized for its whole cost"))
                .get(0));
    changes.add(BillingChange.stop(idle, deleted));
    actions.add(new PlantedAction("AWS", idle.resourceId(), "idle", "deleted", deleted));

    Instant onSpot = Instant.parse("2026-11-09T00:00:00Z");
    FleetInstance training =
        instances.get(
            add(new Group(
                    "Azure",
                    AZURE_SUBSCRIPTION,
                    "Standard_NC24ads_A100_v4",
                    1,
                    null,
                    "vm-a100-train",
                    Map.of("team", "vision", "workload-type", "training", "checkpointing", "true"),
                    PricingModel.ON_DEMAND,
                    g -> Behaviour.TRAINING,
                    0,
                    0,
                    null,
                    null,
                    PodStyle.NONE,
                    "checkpointed training on demand, recreated as a Spot VM of the same name on 9 Nov",
                    "none",
                    "on spot since 9 Nov; realized for on-demand − spot"))
                .get(0));
    InstancePrice spot = catalog.price(training.instanceType(), training.region()).orElseThrow();
    changes.add(
        BillingChange.reprice(
            training, onSpot, PricingModel.SPOT, spot.spotHourly(), training.hourlyOnDemand()));
    actions.add(
        new PlantedAction(
            "Azure", billedResourceId(training), "spot", "recreated on spot", onSpot));

    Instant packed = Instant.parse("2026-11-11T00:00:00Z");
    FleetInstance services =
        instances.get(
            add(new Group(
                    "Azure",
                    AZURE_SUBSCRIPTION,
                    "Standard_ND96asr_v4",
                    1,
                    null,
                    "vm-nd-rerank",
                    Map.of("team", "search", "workload-type", "inference"),
                    PricingModel.ON_DEMAND,
                    g -> Behaviour.LIGHT_SERVICE,
                    12,
                    4.5,
                    null,
                    null,
                    PodStyle.NONE,
                    "eight small services, moved onto 1g.10gb MIG slices of the shared A100s on 11 Nov; VM deleted",
                    "none",
                    "deleted: billed and sampled until 11 Nov 00:00; realized for its whole cost"))
                .get(0));
    changes.add(BillingChange.stop(services, packed));
    actions.add(
        new PlantedAction(
            "Azure",
            billedResourceId(services),
            "mig",
            "services moved onto MIG slices, VM deleted",
            packed));
  }

  /**
   * September and October as fleets change: two VMs retired on 20 Oct, an H100 VM started on 6 Oct,
   * a reservation starting on 1 Oct, and AWS's on-demand p4de price cut by a tenth on 15 Oct.
   */
  private void churn(List<BillingChange> changes) {
    Instant retired = Instant.parse("2026-10-20T00:00:00Z");
    for (int i :
        add(
            new Group(
                "AWS",
                AWS_RESEARCH,
                "p3.2xlarge",
                2,
                null,
                "legacy-v100",
                Map.of("team", "vision", "workload-type", "training"),
                PricingModel.ON_DEMAND,
                g -> Behaviour.TRAINING,
                0,
                0,
                null,
                null,
                PodStyle.NONE,
                "old V100 training VMs, retired on 20 Oct",
                "none",
                "not billed in the window"))) {
      changes.add(BillingChange.stop(instances.get(i), retired));
    }
    FleetInstance started = named("h100-eval-01");
    changes.add(BillingChange.stop(started, BILLED_FROM));
    changes.add(BillingChange.asRecorded(started, Instant.parse("2026-10-06T00:00:00Z")));
    FleetInstance reserved = named("vm-nd-train-01");
    changes.add(
        BillingChange.reprice(
            reserved,
            BILLED_FROM,
            PricingModel.ON_DEMAND,
            reserved.hourlyOnDemand(),
            reserved.hourlyOnDemand()));
    changes.add(BillingChange.asRecorded(reserved, Instant.parse("2026-10-01T00:00:00Z")));
    for (FleetInstance p4de : instances) {
      if (p4de.instanceType().equals("p4de.24xlarge") && p4de.pricing() == PricingModel.ON_DEMAND) {
        BigDecimal before =
            p4de.hourlyOnDemand().multiply(new BigDecimal("1.1")).setScale(4, RoundingMode.HALF_UP);
        changes.add(
            BillingChange.reprice(p4de, BILLED_FROM, PricingModel.ON_DEMAND, before, before));
        changes.add(BillingChange.asRecorded(p4de, Instant.parse("2026-10-15T00:00:00Z")));
      }
    }
  }

  private FleetInstance named(String resourceId) {
    return instances.stream()
        .filter(i -> i.resourceId().equals(resourceId))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> accountNames() {
    return Map.of(
        AWS_PROD,
        "ml-prod",
        AWS_RESEARCH,
        "ml-research",
        GCP_K8S,
        "ML Research (GKE)",
        GCP_VMS,
        "ML Training",
        AZURE_SUBSCRIPTION,
        "ml-prod-eastus");
  }

  // ---- the fleet
  // ------------------------------------------------------------------------------------------------

  private void eks() {
    Map<String, String> llm = Map.of("team", "llm", "workload-type", "training", "env", "prod");
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "p4de.24xlarge",
            3,
            EKS,
            null,
            llm,
            PricingModel.COMMITTED,
            g -> Behaviour.TRAINING,
            0,
            0,
            "llm",
            "llama-ft",
            PodStyle.WORKER_PER_NODE,
            "busy training under a Savings Plan",
            "none",
            "busy (mean ~84 %) and already committed"));
    hostsFirst(
        add(
            new Group(
                "AWS",
                AWS_PROD,
                "p4de.24xlarge",
                3,
                EKS,
                null,
                Map.of("team", "research", "workload-type", "notebook", "env", "dev"),
                PricingModel.ON_DEMAND,
                g -> Behaviour.NOTEBOOK,
                25,
                24,
                "research",
                null,
                PodStyle.NOTEBOOK_PER_GPU,
                "notebooks, one per GPU, light (p95 < 22 %, < 25 GiB)",
                "mig",
                "24 notebooks fit 3g.40gb slices two per GPU on 12 GPUs: the first node by instance id hosts 16 (no"
                    + " opportunity of its own), the second hosts 8 and frees 4 GPUs, the third stops")),
        1);
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "p4de.24xlarge",
            1,
            EKS,
            null,
            Map.of("team", "research", "env", "dev"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.IDLE,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "idle node: no pod on any GPU for 14 days",
            "idle",
            "every GPU below 1 % mean and 5 % p99, no memory"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "p4de.24xlarge",
            1,
            EKS,
            null,
            Map.of("team", "vision", "env", "dev"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.ZOMBIE,
            0,
            36,
            "vision",
            "sam-finetune",
            PodStyle.WORKER_PER_NODE,
            "zombie: a hung job holds 36 GiB per GPU, no kernels",
            "zombie",
            "idle GPUs holding memory half the time"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "g5.12xlarge",
            4,
            EKS,
            null,
            Map.of("team", "search", "workload-type", "serving", "env", "prod"),
            PricingModel.ON_DEMAND,
            g -> g == 0 ? Behaviour.MODERATE : Behaviour.IDLE,
            0,
            10,
            "search",
            "query-embedder",
            PodStyle.DEPLOYMENT,
            "over-provisioned count: 1 of 4 GPUs used (p95 ~40 %, 10 GiB), 3 never allocated",
            "rightsize",
            "its one working GPU fits a single-GPU shape with 20 % headroom"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "g5.12xlarge",
            2,
            EKS,
            null,
            Map.of("team", "ads", "env", "prod"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.BURSTY,
            0,
            18,
            "ads",
            "ctr-backfill",
            PodStyle.JOB_PER_GPU,
            "bursty batch: two full-load bursts a day, low in between (untagged)",
            "spot",
            "peak (p99) above 80 % with a mean below 50 %: interruptible"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "g5.12xlarge",
            3,
            EKS,
            null,
            Map.of("team", "search", "workload-type", "serving", "env", "prod"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.SERVING,
            0,
            16,
            "search",
            "reranker",
            PodStyle.DEPLOYMENT,
            "busy online inference",
            "none",
            "busy (mean ~60 %) serving: not interruptible"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "p5.48xlarge",
            1,
            EKS,
            null,
            Map.of(
                "team", "llm", "workload-type", "training", "checkpointing", "true", "env", "prod"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.TRAINING,
            0,
            0,
            "llm",
            "pretrain-13b",
            PodStyle.WORKER_PER_NODE,
            "training with checkpoints, on demand",
            "spot",
            "a training workload, checkpointed: spot less 30 % overhead (>20 % bucket)"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "g6.xlarge",
            3,
            EKS,
            null,
            Map.of("team", "search", "workload-type", "serving", "env", "prod"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.SERVING,
            0,
            14,
            "search",
            "autocomplete",
            PodStyle.DEPLOYMENT,
            "busy online inference",
            "none",
            "busy serving"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "g6.xlarge",
            1,
            EKS,
            null,
            Map.of("team", "search", "env", "prod"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.IDLE,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "idle node left by a scale-down",
            "idle",
            "no work for 14 days"));
    add(
        new Group(
            "AWS",
            AWS_PROD,
            "g6.xlarge",
            4,
            EKS,
            null,
            Map.of("team", "search", "workload-type", "serving", "env", "staging"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.LIGHT_SERVICE,
            15,
            5,
            "search",
            "spell-check",
            PodStyle.DEPLOYMENT,
            "oversized model: a small staging model on an L4 (p95 < 14 %, 5 GiB)",
            "rightsize",
            "fits a T4 (g4dn.xlarge) with 20 % headroom"));
  }

  private void gke() {
    hostsFirst(
        add(
            new Group(
                "GCP",
                GCP_K8S,
                "a2-highgpu-4g",
                7,
                GKE,
                "gke-research-a2-4g",
                Map.of("team", "research", "workload-type", "notebook"),
                PricingModel.ON_DEMAND,
                g -> Behaviour.NOTEBOOK,
                22,
                7,
                "research",
                null,
                PodStyle.NOTEBOOK_PER_GPU,
                "notebooks, one per GPU, light (p95 13-19 %, < 7 GiB)",
                "mig",
                "28 notebooks fit 2g.10gb slices three per GPU on 10 GPUs: the first two nodes by name host 12 each (no"
                    + " opportunity of their own), the third hosts 4 and frees 2 GPUs, the other four stop")),
        2);
    add(
        new Group(
            "GCP",
            GCP_K8S,
            "a2-highgpu-1g",
            4,
            GKE,
            "gke-research-a2-1g",
            Map.of("team", "research", "workload-type", "training"),
            PricingModel.SPOT,
            g -> Behaviour.TRAINING,
            0,
            0,
            "research",
            "sweep",
            PodStyle.JOB_PER_GPU,
            "busy hyper-parameter sweep already on Spot VMs",
            "none",
            "busy and already on spot"));
    add(
        new Group(
            "GCP",
            GCP_K8S,
            "a2-highgpu-1g",
            2,
            GKE,
            "gke-research-a2-1g",
            Map.of("team", "research", "workload-type", "eval"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.TRAINING,
            0,
            0,
            "research",
            "nightly-eval",
            PodStyle.JOB_PER_GPU,
            "busy evaluation jobs, on demand",
            "spot",
            "an eval workload: interruptible"));
    add(
        new Group(
            "GCP",
            GCP_K8S,
            "a2-ultragpu-8g",
            2,
            GKE,
            "gke-research-a2u-8g",
            Map.of("team", "llm", "workload-type", "training"),
            PricingModel.COMMITTED,
            g -> Behaviour.TRAINING,
            0,
            0,
            "llm",
            "rlhf",
            PodStyle.WORKER_PER_NODE,
            "busy training under a committed use discount",
            "none",
            "busy and committed"));
    add(
        new Group(
            "GCP",
            GCP_K8S,
            "a2-ultragpu-8g",
            1,
            GKE,
            "gke-research-a2u-8g",
            Map.of("team", "llm"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.IDLE,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "idle node: the pool's minimum size kept a node up",
            "idle",
            "no work for 14 days"));
    add(
        new Group(
            "GCP",
            GCP_K8S,
            "g2-standard-4",
            4,
            GKE,
            "gke-research-l4",
            Map.of("team", "vision", "workload-type", "serving"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.SERVING,
            0,
            12,
            "vision",
            "detector",
            PodStyle.DEPLOYMENT,
            "busy online inference",
            "none",
            "busy serving"));
    add(
        new Group(
            "GCP",
            GCP_K8S,
            "g2-standard-4",
            2,
            GKE,
            "gke-research-l4",
            Map.of("team", "vision"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.BURSTY,
            0,
            14,
            "vision",
            "video-transcode",
            PodStyle.JOB_PER_GPU,
            "bursty batch (untagged)",
            "spot",
            "peak above 80 % with a mean below 50 %"));
  }

  private void awsVms() {
    add(
        new Group(
            "AWS",
            AWS_RESEARCH,
            "g4dn.xlarge",
            2,
            null,
            "batch-t4",
            Map.of("team", "ads", "workload-type", "batch"),
            PricingModel.SPOT,
            g -> Behaviour.TRAINING,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "busy batch already on spot",
            "none",
            "busy and already on spot"));
    add(
        new Group(
            "AWS",
            AWS_RESEARCH,
            "g4dn.xlarge",
            1,
            null,
            "batch-t4",
            Map.of("team", "ads"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.IDLE,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "idle VM, forgotten after a test",
            "idle",
            "no work for 14 days"));
    add(
        new Group(
            "AWS",
            AWS_RESEARCH,
            "g4dn.xlarge",
            1,
            null,
            "api-t4",
            Map.of("team", "ads", "workload-type", "serving"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.SERVING,
            0,
            6,
            null,
            null,
            PodStyle.NONE,
            "busy inference API",
            "none",
            "busy serving"));
    add(
        new Group(
            "AWS",
            AWS_RESEARCH,
            "p3.8xlarge",
            2,
            null,
            "v100-infer",
            Map.of("team", "vision", "workload-type", "inference"),
            PricingModel.ON_DEMAND,
            g -> g == 0 ? Behaviour.MODERATE : Behaviour.IDLE,
            0,
            8,
            null,
            null,
            PodStyle.NONE,
            "over-provisioned count: 1 of 4 V100s used (p95 ~40 %, 8 GiB)",
            "rightsize",
            "its one working GPU fits a single-GPU shape with 20 % headroom"));
    add(
        new Group(
            "AWS",
            AWS_RESEARCH,
            "p3.8xlarge",
            2,
            null,
            "v100-train",
            Map.of("team", "vision", "workload-type", "training"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.TRAINING,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "busy training on demand",
            "spot",
            "a training workload: interruptible"));
    add(
        new Group(
            "AWS",
            AWS_RESEARCH,
            "p4d.24xlarge",
            2,
            null,
            "a100-embed",
            Map.of("team", "search", "workload-type", "inference"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.LIGHT_SERVICE,
            12,
            4.5,
            null,
            null,
            PodStyle.NONE,
            "eight small services, one per A100 (p95 < 11.2 %, 4.5 GiB each)",
            "mig",
            "1g.10gb slices four per GPU: 2 GPUs hold all 8, 6 freed (more than right-sizing to g4dn.metal saves)"));
  }

  private void azureVms() {
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC24ads_A100_v4",
            4,
            null,
            "vm-a100-infer",
            Map.of("team", "platform", "workload-type", "inference"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.LIGHT_SERVICE,
            15,
            6,
            null,
            null,
            PodStyle.NONE,
            "oversized model: a small model on an A100 80 GB (p95 < 14 %, 6 GiB)",
            "rightsize",
            "fits a T4 (Standard_NC4as_T4_v3) with 20 % headroom"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC24ads_A100_v4",
            2,
            null,
            "vm-a100-serve",
            Map.of("team", "platform", "workload-type", "serving"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.SERVING,
            0,
            40,
            null,
            null,
            PodStyle.NONE,
            "busy online inference",
            "none",
            "busy serving"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC24ads_A100_v4",
            1,
            null,
            "vm-a100-serve",
            Map.of("team", "platform", "workload-type", "serving"),
            PricingModel.COMMITTED,
            g -> Behaviour.SERVING,
            0,
            40,
            null,
            null,
            PodStyle.NONE,
            "busy inference on a reservation",
            "none",
            "busy and reserved"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC24ads_A100_v4",
            1,
            null,
            "vm-a100-spare",
            Map.of("team", "platform"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.IDLE,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "idle spare VM",
            "idle",
            "no work for 14 days"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC4as_T4_v3",
            2,
            null,
            "vm-t4-api",
            Map.of("team", "platform", "workload-type", "serving"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.SERVING,
            0,
            5,
            null,
            null,
            PodStyle.NONE,
            "busy inference API",
            "none",
            "busy serving"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC4as_T4_v3",
            2,
            null,
            "vm-t4-etl",
            Map.of("team", "platform"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.BURSTY,
            0,
            6,
            null,
            null,
            PodStyle.NONE,
            "bursty batch (untagged)",
            "spot",
            "peak above 80 % with a mean below 50 %"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC64as_T4_v3",
            2,
            null,
            "vm-t4x4-batch",
            Map.of("team", "ads", "workload-type", "batch"),
            PricingModel.SPOT,
            g -> Behaviour.TRAINING,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "busy batch already on spot",
            "none",
            "busy and already on spot"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_NC64as_T4_v3",
            2,
            null,
            "vm-t4x4-serve",
            Map.of("team", "ads", "workload-type", "serving"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.SERVING,
            0,
            6,
            null,
            null,
            PodStyle.NONE,
            "busy online inference",
            "none",
            "busy serving"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_ND96asr_v4",
            1,
            null,
            "vm-nd-train",
            Map.of("team", "llm", "workload-type", "training"),
            PricingModel.COMMITTED,
            g -> Behaviour.TRAINING,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "busy training on a reservation",
            "none",
            "busy and reserved"));
    add(
        new Group(
            "Azure",
            AZURE_SUBSCRIPTION,
            "Standard_ND96asr_v4",
            4,
            null,
            "vm-nd-embed",
            Map.of("team", "search", "workload-type", "inference"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.LIGHT_SERVICE,
            12,
            4.5,
            null,
            null,
            PodStyle.NONE,
            "eight small services, one per A100 (p95 < 11.2 %, 4.5 GiB each)",
            "mig",
            "1g.10gb slices four per GPU: 2 GPUs hold all 8, 6 freed; no cheaper 8-GPU Azure size"));
  }

  private void gcpVms() {
    add(
        new Group(
            "GCP",
            GCP_VMS,
            "a3-highgpu-8g",
            1,
            null,
            "h100-train",
            Map.of("team", "llm", "workload-type", "training"),
            PricingModel.COMMITTED,
            g -> Behaviour.TRAINING,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "busy training under a committed use discount",
            "none",
            "busy and committed"));
    add(
        new Group(
            "GCP",
            GCP_VMS,
            "a3-highgpu-8g",
            1,
            null,
            "h100-eval",
            Map.of("team", "llm", "workload-type", "eval"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.TRAINING,
            0,
            0,
            null,
            null,
            PodStyle.NONE,
            "busy evaluation, on demand",
            "spot",
            "an eval workload: interruptible"));
    add(
        new Group(
            "GCP",
            GCP_VMS,
            "a2-highgpu-1g",
            2,
            null,
            "a100-demo",
            Map.of("team", "vision", "workload-type", "inference"),
            PricingModel.ON_DEMAND,
            g -> Behaviour.LIGHT_SERVICE,
            15,
            6,
            null,
            null,
            PodStyle.NONE,
            "oversized model: a small model on an A100 40 GB (p95 < 14 %, 6 GiB)",
            "rightsize",
            "fits an L4 (g2-standard-4) with 20 % headroom"));
  }

  // ---- building instances
  // -----------------------------------------------------------------------------------------

  /**
   * A Kubernetes MIG pool's first {@code count} nodes by resource id (the packing's order among
   * equal nodes) take the slices of the others: they save nothing themselves, and must get no
   * opportunity.
   */
  private void hostsFirst(List<Integer> group, int count) {
    List<Integer> byId = new ArrayList<>(group);
    byId.sort(java.util.Comparator.comparing(i -> billedResourceId(instances.get(i))));
    for (int i : byId.subList(0, count)) {
      PlantedCase c = cases.get(i);
      cases.set(
          i,
          new PlantedCase(
              c.provider(),
              c.resourceId(),
              c.instanceType(),
              c.gpus(),
              c.cluster(),
              c.team(),
              "MIG host: " + c.planted(),
              "none",
              "first by resource id in its MIG pool: its GPUs take the pool's slices, it stops nothing itself"));
    }
  }

  /** The instance's ResourceId as its bill spells it. */
  static String billedResourceId(FleetInstance instance) {
    return switch (instance.provider()) {
      case FleetInstance.GCP -> GcpBillingExportWriter.globalName(instance, "instances");
      case FleetInstance.AZURE ->
          AzureCostDetailsWriter.resourceId(instance, "virtualMachines", instance.resourceId());
      default -> instance.resourceId();
    };
  }

  private List<Integer> add(Group group) {
    List<Integer> added = new ArrayList<>();
    GpuInstanceType type = catalog.instanceType(group.instanceType()).orElseThrow();
    for (int n = 0; n < group.count(); n++) {
      String provider = group.provider();
      String node = nodeName(group);
      String resourceId = resourceId(provider, group, node);
      List<GpuSeries> gpus = new ArrayList<>();
      String deploymentHash = safe(10);
      String nodeOrdinal = String.valueOf(next("worker:" + group.workload()) - 1);
      for (int g = 0; g < type.gpuCount(); g++) {
        Behaviour behaviour = group.gpuBehaviour().apply(g);
        String pod = null;
        String namespace = null;
        if (group.cluster() != null && behaviour != Behaviour.IDLE) {
          namespace = group.namespace();
          pod =
              switch (group.pods()) {
                case NOTEBOOK_PER_GPU -> "jupyter-" + USERS[userIndex++ % USERS.length] + "-0";
                case DEPLOYMENT -> group.workload() + "-" + deploymentHash + "-" + safe(5);
                case WORKER_PER_NODE -> group.workload() + "-worker-" + nodeOrdinal;
                case JOB_PER_GPU ->
                    group.workload()
                        + "-"
                        + (28_400 + next("job:" + group.workload()))
                        + "-"
                        + safe(5);
                case NONE -> null;
              };
          if (pod == null) {
            namespace = null;
          }
        }
        double[][] samples = series(behaviour, group.cap(), group.memoryGib(), memoryMib(type));
        gpus.add(
            new GpuSeries(
                g,
                "GPU-" + StableIds.uuid(resourceId + "/" + g),
                modelName(type),
                memoryMib(type),
                namespace,
                pod,
                samples[0],
                samples[1]));
      }
      FleetInstance instance =
          instance(
              provider,
              group.accountId(),
              group.instanceType(),
              group.cluster(),
              node,
              group.tags(),
              group.pricing(),
              gpus,
              resourceId);
      instances.add(instance);
      added.add(cases.size());
      cases.add(
          new PlantedCase(
              provider,
              instance.resourceId(),
              group.instanceType(),
              type.gpuCount(),
              group.cluster() == null ? "-" : group.cluster(),
              group.tags().get("team"),
              group.planted(),
              group.expectedLever(),
              group.why()));
    }
    return added;
  }

  private FleetInstance instance(
      String provider,
      String account,
      String instanceType,
      String cluster,
      String node,
      Map<String, String> tags,
      PricingModel pricing,
      List<GpuSeries> gpus) {
    return instance(
        provider,
        account,
        instanceType,
        cluster,
        node,
        tags,
        pricing,
        gpus,
        resourceId(provider, null, node));
  }

  private FleetInstance instance(
      String provider,
      String account,
      String instanceType,
      String cluster,
      String node,
      Map<String, String> tags,
      PricingModel pricing,
      List<GpuSeries> gpus,
      String resourceId) {
    String region =
        switch (provider) {
          case "AWS" -> "us-east-1";
          case "GCP" -> "us-central1";
          default -> "eastus";
        };
    int zoneIndex = next("zone:" + provider) % 3;
    String zone =
        switch (provider) {
          case "AWS" -> "us-east-1" + "abc".charAt(zoneIndex);
          case "GCP" -> "us-central1-" + "abc".charAt(zoneIndex);
          default -> String.valueOf(zoneIndex + 1);
        };
    InstancePrice price = catalog.price(instanceType, region).orElseThrow();
    BigDecimal onDemand = price.onDemandHourly();
    BigDecimal hourly =
        switch (pricing) {
          case ON_DEMAND -> onDemand;
          case SPOT -> price.spotHourly();
          case COMMITTED ->
              onDemand.multiply(committedRate(provider)).setScale(4, RoundingMode.HALF_UP);
        };
    return new FleetInstance(
        provider,
        account,
        resourceId,
        instanceType,
        region,
        zone,
        cluster,
        node,
        tags,
        pricing,
        hourly,
        onDemand,
        gpus);
  }

  /**
   * What a commitment costs per on-demand dollar: a 1-year Savings Plan, CUD and reservation, no
   * upfront.
   */
  private static BigDecimal committedRate(String provider) {
    return switch (provider) {
      case "AWS" -> new BigDecimal("0.72");
      case "GCP" -> new BigDecimal("0.63");
      default -> new BigDecimal("0.62");
    };
  }

  private String nodeName(Group group) {
    int n =
        next(
            "node:"
                + group.provider()
                + ":"
                + (group.cluster() == null ? group.nameStem() : group.cluster()));
    if (group.cluster() != null && group.provider().equals("AWS")) {
      return String.format(
          Locale.ROOT,
          "ip-10-42-%d-%d.ec2.internal",
          16 + random.nextInt(48),
          4 + random.nextInt(250));
    }
    if (group.cluster() != null) {
      return group.nameStem() + "-" + StableIds.hex(group.nameStem() + SEED, 8) + "-" + safe(4);
    }
    return String.format(Locale.ROOT, "%s-%02d", group.nameStem(), n);
  }

  private static String resourceId(String provider, Group group, String node) {
    return provider.equals("AWS") ? "i-0" + StableIds.hex("ec2:" + node, 16) : node;
  }

  private int next(String counter) {
    return counters.merge(counter, 1, Integer::sum);
  }

  private String safe(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(SAFE.charAt(random.nextInt(SAFE.length())));
    }
    return out.toString();
  }

  private static int memoryMib(GpuInstanceType type) {
    return switch (type.gpuModel()) {
      case "A100" -> type.gpuMemoryGib() == 80 ? 81920 : 40960;
      case "H100" -> 81559;
      case "A10G" -> 23028;
      case "L4" -> 23034;
      case "T4" -> 15360;
      case "V100" -> 16384;
      default -> type.gpuMemoryGib() * 1024;
    };
  }

  private static String modelName(GpuInstanceType type) {
    return switch (type.gpuModel() + "-" + type.gpuMemoryGib()) {
      case "A100-80" ->
          type.instanceType().startsWith("Standard_NC")
              ? "NVIDIA A100 80GB PCIe"
              : "NVIDIA A100-SXM4-80GB";
      case "A100-40" -> "NVIDIA A100-SXM4-40GB";
      case "H100-80" -> "NVIDIA H100 80GB HBM3";
      case "A10G-24" -> "NVIDIA A10G";
      case "L4-24" -> "NVIDIA L4";
      case "T4-16" -> "Tesla T4";
      case "V100-16" -> "Tesla V100-SXM2-16GB";
      default -> "NVIDIA " + type.gpuModel();
    };
  }

  // ---- utilization
  // ------------------------------------------------------------------------------------------------

  /**
   * Utilization (0–100) and memory used (MiB) of one GPU at every step. {@code cap}: the notebook
   * or service's ceiling; {@code memoryGib}: the memory its work holds.
   */
  double[][] series(Behaviour behaviour, double cap, double memoryGib, int totalMib) {
    double[] util = new double[STEPS];
    double[] memory = new double[STEPS];
    double held = Math.min(memoryGib * 1024, totalMib);
    int[] burstStart = new int[DAYS * 2];
    for (int i = 0; i < burstStart.length; i++) {
      burstStart[i] = i % 2 == 0 ? random.nextInt(8) : 12 + random.nextInt(8);
    }
    int sessionStart = 0;
    int sessionEnd = 0;
    for (int s = 0; s < STEPS; s++) {
      int minute = s * 15;
      int day = minute / 1440;
      int hour = (minute / 60) % 24;
      DayOfWeek weekday = START.atOffset(ZoneOffset.UTC).plusDays(day).getDayOfWeek();
      boolean workday = weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
      boolean workHours = workday && hour >= 14 && hour < 23; // 9:00-18:00 in New York
      double u;
      double m;
      switch (behaviour) {
        case IDLE -> {
          u = random.nextDouble() < 0.002 ? 1 + random.nextInt(2) : 0;
          m = 0;
        }
        case ZOMBIE -> {
          u = 0;
          m = held * (0.98 + 0.02 * random.nextDouble());
        }
        case TRAINING -> {
          boolean checkpoint = minute % 480 == 0;
          boolean stall = random.nextDouble() < 0.01;
          u =
              checkpoint
                  ? 20 + 15 * random.nextDouble()
                  : stall ? 0 : clamp(84 + 6 * random.nextGaussian(), 40, 100);
          m = totalMib * (0.88 + 0.04 * random.nextDouble());
        }
        case SERVING -> {
          double load = workHours ? 1 : workday ? 0.35 : 0.25;
          u = clamp(40 + 40 * load + 6 * random.nextGaussian(), 5, 100);
          m =
              Math.min(
                  totalMib, held > 0 ? held * (0.95 + 0.05 * random.nextDouble()) : totalMib * 0.6);
        }
        case NOTEBOOK -> {
          if (minute % 1440 == 0) {
            sessionStart = 14 * 4 + random.nextInt(12);
            sessionEnd = sessionStart + 16 + random.nextInt(16);
          }
          int quarter = (minute % 1440) / 15;
          boolean active = workday && quarter >= sessionStart && quarter < sessionEnd;
          if (active) {
            u =
                random.nextDouble() < 0.02
                    ? Math.min(60, cap * 1.4)
                    : cap * (0.6 + 0.25 * random.nextDouble());
            m = held * (0.8 + 0.2 * random.nextDouble());
          } else {
            u = random.nextDouble() < 0.05 ? 1 : 0;
            m = held * 0.55;
          }
        }
        case LIGHT_SERVICE -> {
          double load = workHours ? 1 : 0.4;
          u = clamp(2 + cap * 0.6 * load + 1.2 * random.nextGaussian(), 0.5, cap * 0.93);
          m = held * (0.97 + 0.03 * random.nextDouble());
        }
        case MODERATE -> {
          double load = workHours ? 1 : workday ? 0.45 : 0.3;
          u = clamp(8 + 26 * load + 4 * random.nextGaussian(), 1, 52);
          m = held * (0.9 + 0.1 * random.nextDouble());
        }
        case BURSTY -> {
          int first = burstStart[day * 2];
          int second = burstStart[day * 2 + 1];
          boolean burst =
              (hour >= first && hour < first + 4) || (hour >= second && hour < second + 4);
          u = burst ? clamp(94 + 4 * random.nextGaussian(), 85, 100) : 8 + 8 * random.nextDouble();
          m = burst ? held : held * 0.3;
        }
        default -> throw new IllegalStateException("unknown behaviour " + behaviour);
      }
      util[s] = Math.round(u * 10) / 10.0;
      memory[s] = Math.min(totalMib, Math.round(m));
    }
    return new double[][] {util, memory};
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  // ---- coverage cases
  // -------------------------------------------------------------------------------------------

  /**
   * A GPU node of a lab cluster that no bill and no inventory knows: its GPU hours must be reported
   * as unjoined.
   */
  private FleetInstance unbilledLabNode() {
    List<GpuSeries> gpus = new ArrayList<>();
    for (int g = 0; g < 2; g++) {
      double[][] samples = series(Behaviour.TRAINING, 0, 0, 23028);
      gpus.add(
          new GpuSeries(
              g,
              "GPU-" + StableIds.uuid("lab-gpu-0/" + g),
              "NVIDIA A10G",
              23028,
              "lab",
              "bench-" + g + "-" + safe(5),
              samples[0],
              samples[1]));
    }
    return new FleetInstance(
        "AWS",
        AWS_RESEARCH,
        "lab-gpu-0",
        "g5.12xlarge",
        "us-east-1",
        "us-east-1a",
        "onprem-lab",
        "lab-gpu-0",
        Map.of(),
        PricingModel.ON_DEMAND,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        gpus);
  }
}
