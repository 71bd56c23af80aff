package io.fleetcost.samplefleet;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes every file of a fleet into one folder:
 *
 * <pre>
 * billing/aws/       CUR 2.0 CSV per billing period           ({@link AwsCur2Writer})
 * billing/gcp/       BigQuery export JSON lines per invoice month ({@link GcpBillingExportWriter})
 * billing/azure/     MCA amortized cost details per month        ({@link AzureCostDetailsWriter})
 * telemetry/dcgm/&lt;cluster&gt;/            Prometheus range-query JSON per day ({@link DcgmJsonWriter})
 * telemetry/nvidia-smi/&lt;provider&gt;/       an nvidia-smi CSV log per plain VM  ({@link NvidiaSmiCsvWriter})
 * k8s/&lt;cluster&gt;-nodes.json             kubectl get nodes -o json          ({@link KubeNodesWriter})
 * </pre>
 */
public final class FleetFiles {
  private FleetFiles() {}

  /**
   * What {@link #write} wrote.
   *
   * @param billing one entry per provider: AWS, GCP, Azure
   * @param files every file, relative to the folder written
   */
  public record Written(List<BillingTotals> billing, Telemetry telemetry, List<Path> files) {
    public Written {
      billing = List.copyOf(billing);
      files = List.copyOf(files);
    }

    public BillingTotals billing(String provider) {
      return billing.stream()
          .filter(b -> b.provider().equals(provider))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no billing of " + provider));
    }
  }

  /**
   * The telemetry written.
   *
   * @param gpus GPUs of the fleet
   * @param gpuSamples the rows {@code gpu_samples} should get: one per GPU and sample time its
   *     instance runs
   */
  public record Telemetry(
      int gpus,
      long gpuSamples,
      DcgmJsonWriter.Result dcgm,
      NvidiaSmiCsvWriter.Result nvidiaSmi,
      KubeNodesWriter.Result kubeNodes) {
    public Telemetry {
      Objects.requireNonNull(dcgm, "dcgm is null");
      Objects.requireNonNull(nvidiaSmi, "nvidiaSmi is null");
      Objects.requireNonNull(kubeNodes, "kubeNodes is null");
    }

    /** Metric values FleetCost's telemetry ingest reads from the files. */
    public long values() {
      return dcgm.values() + nvidiaSmi.values();
    }
  }

  /**
   * @param vmLogZone the plain VMs' local time zone, in which their nvidia-smi logs print time (a
   *     telemetry input's {@code timezone} must name the same zone)
   */
  public static Written write(Fleet fleet, Path outDir, ZoneId vmLogZone) {
    Objects.requireNonNull(fleet, "fleet is null");
    Objects.requireNonNull(vmLogZone, "vmLogZone is null");
    Path aws = Path.of("billing", "aws");
    Path gcp = Path.of("billing", "gcp");
    Path azure = Path.of("billing", "azure");
    Path dcgmFolder = Path.of("telemetry", "dcgm");
    Path smiFolder = Path.of("telemetry", "nvidia-smi");
    Path k8sFolder = Path.of("k8s");
    // the writers share nothing but the (immutable) fleet and write their own folders: they run
    // side by side, and the
    // result lists their files in the same order whatever finishes first
    ExecutorService writers =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(6, Runtime.getRuntime().availableProcessors())));
    try {
      Future<BillingTotals> awsTotals =
          writers.submit(() -> new AwsCur2Writer().write(fleet, outDir.resolve(aws)));
      Future<BillingTotals> gcpTotals =
          writers.submit(() -> new GcpBillingExportWriter().write(fleet, outDir.resolve(gcp)));
      Future<BillingTotals> azureTotals =
          writers.submit(() -> new AzureCostDetailsWriter().write(fleet, outDir.resolve(azure)));
      Future<DcgmJsonWriter.Result> dcgmResult =
          writers.submit(
              () ->
                  new DcgmJsonWriter(DcgmJsonWriter.defaultSetups(fleet.clusters()))
                      .write(fleet, outDir.resolve(dcgmFolder)));
      Future<NvidiaSmiCsvWriter.Result> smiResult =
          writers.submit(
              () -> new NvidiaSmiCsvWriter(vmLogZone).write(fleet, outDir.resolve(smiFolder)));
      Future<KubeNodesWriter.Result> nodesResult =
          writers.submit(() -> new KubeNodesWriter().write(fleet, outDir.resolve(k8sFolder)));

      List<Path> files = new ArrayList<>();
      List<BillingTotals> billing = new ArrayList<>();
      billing.add(collect(done(awsTotals), aws, files));
      billing.add(collect(done(gcpTotals), gcp, files));
      billing.add(collect(done(azureTotals), azure, files));
      DcgmJsonWriter.Result dcgm = done(dcgmResult);
      dcgm.files().forEach(f -> files.add(dcgmFolder.resolve(f)));
      NvidiaSmiCsvWriter.Result smi = done(smiResult);
      smi.files().forEach(f -> files.add(smiFolder.resolve(f)));
      KubeNodesWriter.Result nodes = done(nodesResult);
      nodes.files().forEach(f -> files.add(k8sFolder.resolve(f)));

      int gpus = fleet.instances().stream().mapToInt(i -> i.gpus().size()).sum();
      Telemetry telemetry = new Telemetry(gpus, fleet.gpuSamples(), dcgm, smi, nodes);
      return new Written(billing, telemetry, files);
    } finally {
      writers.shutdownNow();
    }
  }

  /** A writer's result, or its own exception (a file it cannot write names the file). */
  private static <T> T done(Future<T> writer) {
    try {
      return writer.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(
          "a sample-fleet writer failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the sample fleet", e);
    }
  }

  /** The provider's totals with its files relative to the whole output, not its own folder. */
  private static BillingTotals collect(BillingTotals totals, Path folder, List<Path> files) {
    List<Path> relative = totals.files().stream().map(folder::resolve).toList();
    files.addAll(relative);
    return new BillingTotals(
        totals.provider(),
        relative,
        totals.rows(),
        totals.instanceEffectiveCost(),
        totals.otherEffectiveCost());
  }
}
