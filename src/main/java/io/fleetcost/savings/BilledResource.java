package io.fleetcost.savings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A billed GPU resource (an instance, a VM, a scale set) with its cost and the GPUs seen on it.
 *
 * @param monthlyCost EffectiveCost over the billed hours of the window, scaled to a 730-hour month
 * @param pricingCategory FOCUS PricingCategory of its usage: Standard, Dynamic (already spot),
 *     Committed
 * @param cluster the Kubernetes cluster its GPUs report from, when they do (MIG packing happens
 *     within a cluster)
 * @param basis the billing rows the monthly cost comes from (null when built by hand)
 */
public record BilledResource(
    String provider,
    String accountId,
    String resourceId,
    String instanceType,
    String region,
    String currency,
    BigDecimal monthlyCost,
    String pricingCategory,
    Map<String, String> tags,
    String owner,
    String cluster,
    List<GpuUsage> gpus,
    BillingBasis basis) {

  /**
   * How the monthly cost was derived: {@code effectiveCost × 730 ÷ billedHours}.
   *
   * @param billedHours hours from the resource's first charge in the window to the end of its
   *     provider's bill in the window
   * @param resourceName the bill's ResourceName (an instance or VM name), when it has one
   * @param otherEffectiveCost the cost of the rows left out (its disks and network under the same
   *     id)
   * @param lastChargeEnd the end of its last instance charge in the window (ISO 8601)
   * @param billCoveredTo the end of its provider's bill in the window (ISO 8601), null when unknown
   * @param sampleRows up to five of the billing rows, as {@code file:line}
   */
  public record BillingBasis(
      String resourceName,
      BigDecimal effectiveCost,
      double billedHours,
      long rows,
      BigDecimal otherEffectiveCost,
      long otherRows,
      String firstChargeStart,
      String lastChargeEnd,
      String billCoveredTo,
      List<String> sampleRows) {
    public BillingBasis {
      sampleRows = List.copyOf(sampleRows);
    }

    /**
     * True when the resource was last charged at least {@code gap} before its provider's bill ends:
     * it was stopped or deleted in the window, and what it did before is no longer anything to act
     * on.
     */
    public boolean stoppedBefore(Duration gap) {
      if (lastChargeEnd == null || billCoveredTo == null) {
        return false;
      }
      return !Instant.parse(lastChargeEnd).plus(gap).isAfter(Instant.parse(billCoveredTo));
    }
  }

  public BilledResource(
      String provider,
      String accountId,
      String resourceId,
      String instanceType,
      String region,
      String currency,
      BigDecimal monthlyCost,
      String pricingCategory,
      Map<String, String> tags,
      String owner,
      String cluster,
      List<GpuUsage> gpus) {
    this(
        provider,
        accountId,
        resourceId,
        instanceType,
        region,
        currency,
        monthlyCost,
        pricingCategory,
        tags,
        owner,
        cluster,
        gpus,
        null);
  }

  public BilledResource {
    Objects.requireNonNull(resourceId, "resourceId is null");
    Objects.requireNonNull(monthlyCost, "monthlyCost is null");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    gpus = List.copyOf(gpus);
  }

  /**
   * A tag's value, its key matched loosely: providers spell the same key {@code workload-type},
   * {@code workload_type} (AWS CUR 2.0 snake-cases tag keys) or {@code WorkloadType}.
   */
  public Optional<String> tag(String key) {
    String wanted = tagKey(key);
    return tags.entrySet().stream()
        .filter(e -> tagKey(e.getKey()).equals(wanted))
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .filter(v -> v != null && !v.isBlank())
        .findFirst();
  }

  /** A tag key without case and separators: {@code Workload-Type} → {@code workloadtype}. */
  public static String tagKey(String key) {
    return key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /**
   * How actions name it: the bill's resource name (a VM or instance name) when it has one, else its
   * id.
   */
  public String label() {
    return basis != null && basis.resourceName() != null && !basis.resourceName().isBlank()
        ? basis.resourceName()
        : resourceId;
  }

  /** Hours-weighted mean activity of its GPUs. */
  public double meanActivity() {
    double hours = gpus.stream().mapToDouble(GpuUsage::hours).sum();
    if (hours <= 0) {
      return 0;
    }
    return gpus.stream().mapToDouble(g -> g.mean() * g.hours()).sum() / hours;
  }

  /** The highest p99 activity of its GPUs. */
  public double peakActivity() {
    return gpus.stream().mapToDouble(GpuUsage::p99).max().orElse(0);
  }

  /** The hours of samples of its least-observed GPU: what the data supports. */
  public double observedHours() {
    return gpus.stream().mapToDouble(GpuUsage::hours).min().orElse(0);
  }

  public double coverage() {
    return gpus.stream().mapToDouble(GpuUsage::coverage).min().orElse(0);
  }
}
