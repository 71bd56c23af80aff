package io.fleetcost.savings.lever;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.GpuInstanceType;
import io.fleetcost.catalog.GpuModel;
import io.fleetcost.catalog.InstancePrice;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.Effort;
import io.fleetcost.savings.GpuUsage;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.Proposal;
import io.fleetcost.savings.Risk;
import io.fleetcost.savings.Scope;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Right-size: a resource whose mean activity is below {@code rightsizeMeanPercent} moves to the
 * cheapest instance type of its provider that still holds its work with headroom — fewer GPUs (its
 * idle ones dropped), or a smaller GPU model:
 *
 * <ul>
 *   <li>count: at least as many GPUs as it has working (not idle) GPUs. Putting two GPUs' work on
 *       one GPU is sharing, which is the MIG lever's business (a Kubernetes pod holds a whole GPU;
 *       a VM's processes are not known);
 *   <li>compute: every working GPU's p95 activity × its relative throughput × (1 + headroom) ≤ the
 *       new GPU's relative throughput (throughput in T4 units, from {@code gpu-models.csv});
 *   <li>memory: every working GPU's peak memory × (1 + headroom) ≤ the new GPU's memory.
 * </ul>
 *
 * The projected cost keeps the resource's discount: current cost × new on-demand price ÷ current
 * on-demand price.
 */
final class RightsizeLever implements SavingsLever {
  @Override
  public LeverId id() {
    return LeverId.RIGHTSIZE;
  }

  @Override
  public LeverStage stage() {
    return LeverStage.RESHAPE;
  }

  @Override
  public Optional<Proposal> propose(LeverInput input) {
    return propose(
        input.resource(), input.cost(), input.instanceType(), input.catalog(), input.thresholds());
  }

  /**
   * The shape a resource would move to, and why it fits.
   *
   * @param computeDemand the largest working GPU's p95 work with headroom, in T4 units
   * @param memoryDemandGib the largest working GPU's peak memory with headroom
   */
  public record Fit(
      GpuInstanceType type, InstancePrice price, double computeDemand, double memoryDemandGib) {}

  public static Optional<Proposal> propose(
      BilledResource resource,
      BigDecimal cost,
      String instanceType,
      Catalog catalog,
      SavingsThresholds t) {
    if (resource.meanActivity() >= t.rightsizeMeanPercent() || resource.gpus().isEmpty()) {
      return Optional.empty();
    }
    Optional<GpuInstanceType> current = catalog.instanceType(instanceType);
    Optional<InstancePrice> currentPrice =
        current.flatMap(c -> catalog.price(c.instanceType(), resource.region()));
    if (current.isEmpty()
        || currentPrice.isEmpty()
        || resource.gpus().size() > current.get().gpuCount()) {
      return Optional
          .empty(); // unknown type or price; or a scale set billed as one resource: resize its
      // instances
    }
    Optional<Fit> fit = bestFit(resource, current.get(), currentPrice.get(), catalog, t);
    if (fit.isEmpty()) {
      return Optional.empty();
    }
    Fit best = fit.get();
    BigDecimal ratio =
        best.price()
            .onDemandHourly()
            .divide(currentPrice.get().onDemandHourly(), MathContext.DECIMAL64);
    BigDecimal projected = cost.multiply(ratio, MathContext.DECIMAL64);
    return Optional.of(
        Proposal.builder()
            .lever(Lever.RIGHTSIZE)
            .projectedCost(projected)
            .action(action(resource, current.get(), best, t))
            .risk(Risk.MEDIUM)
            .effort(Effort.RESOURCE_CHANGE)
            .confidenceFactor(0.85)
            .scope(Scope.RESOURCE)
            .newInstanceType(best.type().instanceType())
            .evidence(evidence(resource, current.get(), currentPrice.get(), best, t))
            .build());
  }

  private static String action(
      BilledResource resource, GpuInstanceType from, Fit best, SavingsThresholds t) {
    GpuInstanceType to = best.type();
    return String.format(
        Locale.ROOT,
        "Move %s from %s (%d × %s %d GB) to %s (%d × %s %d GB): mean activity %.1f %%; its busiest GPU's p95 work"
            + " (%.2f T4-units) and peak memory (%.1f GiB), with %.0f %% headroom, fit one GPU of the new shape",
        resource.label(),
        from.instanceType(),
        from.gpuCount(),
        from.gpuModel(),
        from.gpuMemoryGib(),
        to.instanceType(),
        to.gpuCount(),
        to.gpuModel(),
        to.gpuMemoryGib(),
        resource.meanActivity(),
        best.computeDemand(),
        best.memoryDemandGib(),
        t.headroomPercent());
  }

  private static Map<String, Object> evidence(
      BilledResource resource,
      GpuInstanceType from,
      InstancePrice fromPrice,
      Fit best,
      SavingsThresholds t) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("from", from.instanceType());
    evidence.put("to", best.type().instanceType());
    evidence.put("on_demand_hourly_from", fromPrice.onDemandHourly().toPlainString());
    evidence.put("on_demand_hourly_to", best.price().onDemandHourly().toPlainString());
    evidence.put(
        "working_gpus", resource.gpus().stream().filter(g -> !IdleLever.idle(g, t)).count());
    evidence.put("compute_demand_per_gpu_t4_units", IdleLever.round(best.computeDemand()));
    evidence.put("memory_demand_per_gpu_gib", IdleLever.round(best.memoryDemandGib()));
    evidence.put("price_source", best.price().source());
    return evidence;
  }

  static Optional<Fit> bestFit(
      BilledResource resource,
      GpuInstanceType current,
      InstancePrice currentPrice,
      Catalog catalog,
      SavingsThresholds t) {
    Optional<GpuModel> currentModel = catalog.gpuModel(current.gpuModel(), current.gpuMemoryGib());
    if (currentModel.isEmpty()) {
      return Optional.empty();
    }
    List<GpuUsage> working = resource.gpus().stream().filter(g -> !IdleLever.idle(g, t)).toList();
    int gpusNeeded = Math.max(1, working.size());
    double computeDemand =
        working.stream()
            .mapToDouble(
                g -> g.p95() / 100 * currentModel.get().relativeThroughput() * t.headroom())
            .max()
            .orElse(0);
    double memoryDemand =
        working.stream().mapToDouble(g -> g.memoryMaxGib() * t.headroom()).max().orElse(0);
    if (Double.isNaN(memoryDemand)) {
      return Optional.empty(); // memory not reported: no shape can be shown to fit
    }
    return catalog.instanceTypes().all().stream()
        .filter(c -> c.provider().equals(current.provider()))
        .filter(c -> !c.instanceType().equalsIgnoreCase(current.instanceType()))
        .filter(c -> c.gpuCount() >= gpusNeeded)
        .map(c -> fit(c, catalog, resource.region(), computeDemand, memoryDemand))
        .flatMap(Optional::stream)
        .filter(f -> f.price().onDemandHourly().compareTo(currentPrice.onDemandHourly()) < 0)
        .min(
            Comparator.comparing((Fit f) -> f.price().onDemandHourly())
                .thenComparingInt(f -> f.type().gpuCount())
                .thenComparing(f -> f.type().instanceType()));
  }

  private static Optional<Fit> fit(
      GpuInstanceType candidate,
      Catalog catalog,
      String region,
      double computeDemand,
      double memoryDemand) {
    Optional<GpuModel> model = catalog.gpuModel(candidate.gpuModel(), candidate.gpuMemoryGib());
    Optional<InstancePrice> price = catalog.price(candidate.instanceType(), region);
    if (model.isEmpty() || price.isEmpty()) {
      return Optional.empty();
    }
    boolean fits =
        model.get().relativeThroughput() >= computeDemand
            && candidate.gpuMemoryGib() >= memoryDemand;
    return fits
        ? Optional.of(new Fit(candidate, price.get(), computeDemand, memoryDemand))
        : Optional.empty();
  }

  /** The catalog's provider names for the bill's ProviderName. */
  public static String catalogProvider(String providerName) {
    return switch (providerName == null ? "" : providerName) {
      case "Google Cloud" -> "GCP";
      case "Microsoft" -> "Azure";
      default -> providerName;
    };
  }
}
