package io.fleetcost.samplefleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small fleet built by hand: two days from 31 October 2026 (so bills span two months) at a
 * 15-minute step, three instances per cloud with one of each pricing model, one Kubernetes node per
 * cloud and the rest plain VMs.
 */
final class TestFleets {
  static final Instant START = Instant.parse("2026-10-31T00:00:00Z");
  static final Duration STEP = Duration.ofMinutes(15);
  static final int STEPS = 192;

  static final String AWS_ACCOUNT = "444455556666";
  static final String AZURE_SUBSCRIPTION = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";

  static final String A10G = "NVIDIA A10G";
  static final String A100_SXM = "NVIDIA A100-SXM4-40GB";
  static final String A100_PCIE = "NVIDIA A100 80GB PCIe";

  private TestFleets() {}

  static Fleet small() {
    List<FleetInstance> instances = new ArrayList<>();
    instances.add(
        new FleetInstance(
            FleetInstance.AWS,
            AWS_ACCOUNT,
            "i-0a1b2c3d4e5f60001",
            "g5.12xlarge",
            "us-east-1",
            "us-east-1a",
            "eks-train",
            "ip-10-0-1-23.ec2.internal",
            Map.of("team", "vision", "workload-type", "training", "CostCenter", "CC-1001"),
            PricingModel.COMMITTED,
            new BigDecimal("3.9704"),
            new BigDecimal("5.672"),
            List.of(
                podGpu(0, uuid("0a1b0000", 1), A10G, 23028, "vision", "train-resnet-0", "trainer"),
                podGpu(1, uuid("0a1b0000", 2), A10G, 23028, "vision", "train-resnet-0", "trainer"),
                podGpu(2, uuid("0a1b0000", 3), A10G, 23028, "vision", "eval-7f9c2-kq4zx", "eval"),
                idleGpu(3, uuid("0a1b0000", 4), A10G, 23028))));
    instances.add(
        new FleetInstance(
            FleetInstance.AWS,
            AWS_ACCOUNT,
            "i-0a1b2c3d4e5f60002",
            "g6e.xlarge",
            "us-east-1",
            "us-east-1b",
            null,
            "ip-10-0-2-45.ec2.internal",
            Map.of("team", "research", "workload-type", "batch-eval"),
            PricingModel.SPOT,
            new BigDecimal("0.6532"),
            new BigDecimal("1.861"),
            List.of(vmGpu(0, uuid("0a1b0000", 5), "NVIDIA L40S", 46068, 5))));
    instances.add(
        new FleetInstance(
            FleetInstance.AWS,
            AWS_ACCOUNT,
            "i-0a1b2c3d4e5f60003",
            "g4dn.xlarge",
            "us-west-2",
            "us-west-2a",
            null,
            "ip-172-31-5-9.us-west-2.compute.internal",
            Map.of("team", "search", "workload-type", "inference"),
            PricingModel.ON_DEMAND,
            new BigDecimal("0.526"),
            new BigDecimal("0.526"),
            List.of(vmGpu(0, uuid("0a1b0000", 6), "Tesla T4", 15360, 6))));
    instances.add(
        new FleetInstance(
            FleetInstance.GCP,
            "ml-research-prod",
            "gke-research-gpu-a2-1a2b3c4d-x7k2",
            "a2-highgpu-2g",
            "us-central1",
            "us-central1-a",
            "gke-research",
            "gke-research-gpu-a2-1a2b3c4d-x7k2",
            Map.of("team", "llm", "workload-type", "training"),
            PricingModel.ON_DEMAND,
            new BigDecimal("7.348"),
            new BigDecimal("7.348"),
            List.of(
                podGpu(0, uuid("9c8d0000", 1), A100_SXM, 40960, "llm", "pretrain-0", "trainer"),
                podGpu(1, uuid("9c8d0000", 2), A100_SXM, 40960, "llm", "pretrain-0", "trainer"))));
    instances.add(
        new FleetInstance(
            FleetInstance.GCP,
            "ml-serving-prod",
            "embedder-l4-01",
            "g2-standard-8",
            "us-central1",
            "us-central1-b",
            null,
            "embedder-l4-01",
            Map.of("team", "search", "workload-type", "inference"),
            PricingModel.COMMITTED,
            new BigDecimal("0.5612"),
            new BigDecimal("0.85355"),
            List.of(vmGpu(0, uuid("9c8d0000", 3), "NVIDIA L4", 23034, 3))));
    instances.add(
        new FleetInstance(
            FleetInstance.GCP,
            "ml-research-prod",
            "h100-sweep-spot-3",
            "a3-highgpu-1g",
            "us-central1",
            "us-central1-c",
            null,
            "h100-sweep-spot-3",
            Map.of("team", "llm", "workload-type", "hyperparameter-sweep"),
            PricingModel.SPOT,
            new BigDecimal("3.6984"),
            new BigDecimal("11.0613"),
            List.of(vmGpu(0, uuid("9c8d0000", 4), "NVIDIA H100 80GB HBM3", 81559, 4))));
    instances.add(
        new FleetInstance(
            FleetInstance.AZURE,
            AZURE_SUBSCRIPTION,
            "aks-gpu-infer-0",
            "Standard_NC48ads_A100_v4",
            "eastus",
            "1",
            "aks-infer",
            "aks-gpu-infer-0",
            Map.of("team", "nlp", "workload-type", "inference", "note", "batch, \"nightly\""),
            PricingModel.ON_DEMAND,
            new BigDecimal("7.346"),
            new BigDecimal("7.346"),
            List.of(
                podGpu(0, uuid("5e6f0000", 1), A100_PCIE, 81920, "nlp", "llm-serve-0", "server"),
                idleGpu(1, uuid("5e6f0000", 2), A100_PCIE, 81920))));
    instances.add(
        new FleetInstance(
            FleetInstance.AZURE,
            AZURE_SUBSCRIPTION,
            "vision-train-01",
            "Standard_NC24ads_A100_v4",
            "eastus",
            null,
            null,
            "vision-train-01",
            Map.of("team", "vision", "workload-type", "training"),
            PricingModel.COMMITTED,
            new BigDecimal("2.3142"),
            new BigDecimal("3.673"),
            List.of(vmGpu(0, uuid("5e6f0000", 3), A100_PCIE, 81920, 7))));
    instances.add(
        new FleetInstance(
            FleetInstance.AZURE,
            AZURE_SUBSCRIPTION,
            "batch-eval-spot-7",
            "Standard_NC4as_T4_v3",
            "eastus",
            "2",
            null,
            "batch-eval-spot-7",
            Map.of("team", "research", "workload-type", "batch-eval"),
            PricingModel.SPOT,
            new BigDecimal("0.0526"),
            new BigDecimal("0.526"),
            List.of(vmGpu(0, uuid("5e6f0000", 4), "Tesla T4", 15360, 8))));
    BillingAccounts accounts =
        BillingAccounts.example()
            .withSubAccountNames(
                Map.of(
                    AWS_ACCOUNT,
                    "ml-prod",
                    "ml-research-prod",
                    "ML Research (prod)",
                    "ml-serving-prod",
                    "ML Serving (prod)",
                    AZURE_SUBSCRIPTION,
                    "ml-prod-us"));
    return new Fleet(START, STEP, STEPS, instances, accounts);
  }

  /** A GPU UUID in nvidia-smi's form, {@code GPU-0a1b0000-0000-4000-8000-000000000001}. */
  static String uuid(String prefix, int number) {
    return String.format(Locale.ROOT, "GPU-%s-0000-4000-8000-%012d", prefix, number);
  }

  /** A busy GPU held by a pod: utilization between 30 and 90 %, not whole numbers. */
  static GpuSeries podGpu(
      int index,
      String uuid,
      String model,
      int memoryMib,
      String namespace,
      String pod,
      String container) {
    double[] util = new double[STEPS];
    double[] memory = new double[STEPS];
    for (int step = 0; step < STEPS; step++) {
      double wave = Math.sin(step / 10d + index);
      util[step] = 30 + 60 * wave * wave + (step % 7) * 0.0625;
      memory[step] = memoryMib * (0.4 + 0.5 * wave * wave);
    }
    return new GpuSeries(index, uuid, model, memoryMib, namespace, pod, container, util, memory);
  }

  /** A GPU of a node no pod holds: 0 % and no memory used. */
  static GpuSeries idleGpu(int index, String uuid, String model, int memoryMib) {
    return new GpuSeries(
        index, uuid, model, memoryMib, null, null, new double[STEPS], new double[STEPS]);
  }

  /** A plain VM's GPU: busy in working hours (UTC), idle otherwise, with a phase per VM. */
  static GpuSeries vmGpu(int index, String uuid, String model, int memoryMib, int phase) {
    double[] util = new double[STEPS];
    double[] memory = new double[STEPS];
    for (int step = 0; step < STEPS; step++) {
      int hourOfDay = (step / 4 + phase) % 24;
      boolean busy = hourOfDay >= 8 && hourOfDay < 18;
      util[step] = busy ? 55 + (step * 13 % 40) + 0.25 : (step % 5 == 0 ? 1.5 : 0);
      memory[step] = busy ? memoryMib * 0.6 : memoryMib * 0.02;
    }
    return new GpuSeries(index, uuid, model, memoryMib, null, null, util, memory);
  }
}
