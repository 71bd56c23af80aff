package io.fleetcost.samplefleet;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One billed GPU instance (EC2 instance, Compute Engine VM, Azure VM) and its GPUs' telemetry.
 *
 * @param provider {@link #AWS}, {@link #GCP} or {@link #AZURE}
 * @param accountId AWS usage account id (12 digits), Google Cloud project id, Azure subscription id
 *     (GUID)
 * @param resourceId AWS: the instance id ({@code i-0123456789abcdef0}); Google Cloud: the instance
 *     name; Azure: the VM name
 * @param instanceType as the bill spells it: {@code p4d.24xlarge}, {@code a2-highgpu-1g}, {@code
 *     Standard_NC24ads_A100_v4}
 * @param region {@code us-east-1}, {@code us-central1}, {@code eastus}
 * @param zone {@code us-east-1a}, {@code us-central1-a}, {@code 1}; may be null on Azure only
 * @param cluster the Kubernetes cluster the instance is a node of; null for a plain VM
 * @param node the Kubernetes node name, or the VM's host name
 * @param tags billing tags (AWS, Azure) or labels (Google Cloud), sorted by key
 * @param hourlyCost what one hour costs after discounts (the EffectiveCost of an hour)
 * @param hourlyOnDemand the on-demand list price of an hour
 * @param resourceGroup Azure only: the VM's resource group (null elsewhere)
 */
public record FleetInstance(
    String provider,
    String accountId,
    String resourceId,
    String instanceType,
    String region,
    String zone,
    String cluster,
    String node,
    Map<String, String> tags,
    PricingModel pricing,
    BigDecimal hourlyCost,
    BigDecimal hourlyOnDemand,
    List<GpuSeries> gpus,
    String resourceGroup) {
  public static final String AWS = "AWS";
  public static final String GCP = "GCP";
  public static final String AZURE = "Azure";

  public FleetInstance {
    Objects.requireNonNull(provider, "provider is null");
    if (!List.of(AWS, GCP, AZURE).contains(provider)) {
      throw new IllegalArgumentException("provider must be AWS, GCP or Azure: " + provider);
    }
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(resourceId, "resourceId is null");
    Objects.requireNonNull(instanceType, "instanceType is null");
    Objects.requireNonNull(region, "region is null");
    if (zone == null && !provider.equals(AZURE)) {
      throw new IllegalArgumentException(
          "zone is null for " + resourceId + " (only Azure VMs may have no zone)");
    }
    Objects.requireNonNull(node, "node is null");
    SortedMap<String, String> sorted = new TreeMap<>(Objects.requireNonNull(tags, "tags is null"));
    tags = Collections.unmodifiableSortedMap(sorted);
    Objects.requireNonNull(pricing, "pricing is null");
    Objects.requireNonNull(hourlyCost, "hourlyCost is null");
    Objects.requireNonNull(hourlyOnDemand, "hourlyOnDemand is null");
    if (hourlyCost.signum() < 0 || hourlyOnDemand.compareTo(hourlyCost) < 0) {
      throw new IllegalArgumentException(
          "hourly costs of "
              + resourceId
              + " must be 0 <= hourlyCost <= hourlyOnDemand: "
              + hourlyCost
              + ", "
              + hourlyOnDemand);
    }
    gpus = List.copyOf(gpus);
    Set<Integer> indexes = new HashSet<>();
    for (GpuSeries gpu : gpus) {
      if (!indexes.add(gpu.index())) {
        throw new IllegalArgumentException(
            "GPU index " + gpu.index() + " appears twice on " + resourceId);
      }
    }
    if (provider.equals(AZURE)) {
      Objects.requireNonNull(resourceGroup, "resourceGroup is null for Azure VM " + resourceId);
    } else if (resourceGroup != null) {
      throw new IllegalArgumentException("only Azure VMs have a resource group: " + resourceId);
    }
  }

  /**
   * The brief's shape of an instance. An Azure VM's resource group is then the one AKS creates for
   * a cluster's nodes ({@code MC_rg-<cluster>_<cluster>_<region>}), or {@code rg-gpu-vms} for a
   * plain VM.
   */
  public FleetInstance(
      String provider,
      String accountId,
      String resourceId,
      String instanceType,
      String region,
      String zone,
      String cluster,
      String node,
      Map<String, String> tags,
      PricingModel pricing,
      BigDecimal hourlyCost,
      BigDecimal hourlyOnDemand,
      List<GpuSeries> gpus) {
    this(
        provider,
        accountId,
        resourceId,
        instanceType,
        region,
        zone,
        cluster,
        node,
        tags,
        pricing,
        hourlyCost,
        hourlyOnDemand,
        gpus,
        defaultResourceGroup(provider, cluster, region));
  }

  private static String defaultResourceGroup(String provider, String cluster, String region) {
    if (!AZURE.equals(provider)) {
      return null;
    }
    return cluster == null ? "rg-gpu-vms" : "MC_rg-" + cluster + "_" + cluster + "_" + region;
  }

  public boolean isKubernetesNode() {
    return cluster != null;
  }
}
