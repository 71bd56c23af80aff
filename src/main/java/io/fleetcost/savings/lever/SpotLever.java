package io.fleetcost.savings.lever;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.InstancePrice;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.Effort;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.Proposal;
import io.fleetcost.savings.Risk;
import io.fleetcost.savings.Scope;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Spot: interruptible work moves to spot capacity at the catalog's discount for its instance type
 * and region, less an interruption overhead (checkpoint and re-run time) that grows with the
 * interruption bucket: saving = cost × (1 − spot ÷ on-demand) × (1 − overhead).
 *
 * <p>Work is interruptible when the resource's {@code workload-type} tag says training, batch,
 * eval, research or etl, or its {@code interruptible} / {@code spot-ok} tag is true; or when it is
 * bursty (peak above {@code spotPeakPercent} with mean below {@code spotMeanPercent}) and not
 * serving. Serving work ({@code workload-type} serving, inference, online) is never moved unless
 * tagged {@code spot-ok}. Resources already on spot or covered by a commitment are left alone.
 */
final class SpotLever implements SavingsLever {
  private static final List<String> INTERRUPTIBLE =
      List.of("training", "train", "batch", "eval", "evaluation", "research", "etl");
  private static final List<String> SERVING = List.of("serving", "inference", "online", "api");

  @Override
  public LeverId id() {
    return LeverId.SPOT;
  }

  @Override
  public LeverStage stage() {
    return LeverStage.PURCHASE;
  }

  @Override
  public Optional<Proposal> propose(LeverInput input) {
    return propose(
        input.resource(), input.cost(), input.instanceType(), input.catalog(), input.thresholds());
  }

  /** Why a resource's work may run on spot, or empty when it may not. */
  public static Optional<String> interruptibleBecause(
      BilledResource resource, SavingsThresholds t) {
    String type =
        resource
            .tag("workload-type")
            .or(() -> resource.tag("workload"))
            .orElse("")
            .toLowerCase(Locale.ROOT);
    boolean spotOk =
        resource
            .tag("spot-ok")
            .or(() -> resource.tag("interruptible"))
            .map(v -> v.equalsIgnoreCase("true"))
            .orElse(false);
    if (spotOk) {
      return Optional.of("tagged as interruptible");
    }
    if (SERVING.stream().anyMatch(type::contains)) {
      return Optional.empty();
    }
    if (INTERRUPTIBLE.stream().anyMatch(type::contains)) {
      return Optional.of("a " + type + " workload");
    }
    if (resource.peakActivity() > t.spotPeakPercent()
        && resource.meanActivity() < t.spotMeanPercent()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "bursty: peak %.0f %% with mean %.1f %%",
              resource.peakActivity(),
              resource.meanActivity()));
    }
    return Optional.empty();
  }

  public static Optional<Proposal> propose(
      BilledResource resource,
      BigDecimal cost,
      String instanceType,
      Catalog catalog,
      SavingsThresholds t) {
    String pricing = resource.pricingCategory() == null ? "" : resource.pricingCategory();
    if (pricing.equals("Dynamic") || pricing.equals("Committed") || cost.signum() <= 0) {
      return Optional.empty();
    }
    Optional<String> because = interruptibleBecause(resource, t);
    Optional<InstancePrice> price = catalog.price(instanceType, resource.region());
    if (because.isEmpty() || price.isEmpty() || price.get().spot().isEmpty()) {
      return Optional.empty();
    }
    InstancePrice p = price.get();
    BigDecimal discount =
        BigDecimal.ONE.subtract(p.spotHourly().divide(p.onDemandHourly(), MathContext.DECIMAL64));
    double overhead = t.overhead(p.interruptionBucket());
    BigDecimal saving =
        cost.multiply(discount, MathContext.DECIMAL64)
            .multiply(BigDecimal.valueOf(1 - overhead), MathContext.DECIMAL64);
    boolean checkpointed =
        resource.tag("checkpointing").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    Risk risk =
        p.interruptionBucket().equals(">20%") ? Risk.HIGH : checkpointed ? Risk.LOW : Risk.MEDIUM;
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("on_demand_hourly", p.onDemandHourly().toPlainString());
    evidence.put("spot_hourly", p.spotHourly().toPlainString());
    evidence.put(
        "spot_discount", discount.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString());
    evidence.put("interruption_bucket", p.interruptionBucket());
    evidence.put("interruption_overhead", overhead);
    evidence.put("price_source", p.source());
    evidence.put("interruptible_because", because.get());
    return Optional.of(
        Proposal.builder()
            .lever(Lever.SPOT)
            .projectedCost(cost.subtract(saving))
            .action(
                String.format(
                    Locale.ROOT,
                    "Run %s's work (%s) on spot %s: %.0f %% below on-demand, less %.0f %% for interruptions (bucket %s)%s",
                    resource.label(),
                    because.get(),
                    instanceType,
                    discount.doubleValue() * 100,
                    overhead * 100,
                    p.interruptionBucket(),
                    checkpointed
                        ? ""
                        : "; checkpoint the job so that an interruption costs minutes, not the run"))
            .risk(risk)
            .effort(Effort.RESOURCE_CHANGE)
            .confidenceFactor(0.75)
            .scope(Scope.RESOURCE)
            .evidence(evidence)
            .build());
  }
}
