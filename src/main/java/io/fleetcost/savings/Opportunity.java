package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A way to save money on one resource. Costs are monthly (730 hours), on EffectiveCost, in the
 * resource's billing currency, rounded to cents: {@code monthlySaving} = {@code currentMonthlyCost}
 * − {@code projectedMonthlyCost}. {@code currentMonthlyCost} is what the levers before this one
 * left.
 *
 * @param id stable: the same resource and lever give the same id in every run
 * @param resourceName the bill's name for the resource (Google Cloud instance and Azure VM names),
 *     or null
 * @param scope {@code resource}, or the pool a MIG plan packs ({@code cluster/MIG table})
 * @param confidence 0–1: how much of the window the data covers
 * @param effort 1 (one command) to 5 (a project)
 * @param priority {@code monthlySaving × confidence ÷ effort}
 * @param plan for MIG, where each workload goes
 * @param evidence the metrics and billing figures the opportunity rests on
 */
public record Opportunity(
    String id,
    Lever lever,
    String resourceId,
    String resourceName,
    String provider,
    String accountId,
    String region,
    String instanceType,
    String gpuModel,
    int gpuCount,
    String owner,
    String scope,
    String currency,
    BigDecimal currentMonthlyCost,
    BigDecimal projectedMonthlyCost,
    BigDecimal monthlySaving,
    double confidence,
    String risk,
    int effort,
    BigDecimal priority,
    String action,
    List<MigPlacement> plan,
    Map<String, Object> evidence) {
  public Opportunity {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(lever, "lever is null");
    plan = List.copyOf(plan);
    evidence = Map.copyOf(evidence);
    if (monthlySaving.signum() < 0 || projectedMonthlyCost.signum() < 0) {
      throw new IllegalArgumentException(
          "an opportunity saves a non-negative amount and leaves a non-negative cost: " + id);
    }
    if (currentMonthlyCost.subtract(projectedMonthlyCost).compareTo(monthlySaving) != 0) {
      throw new IllegalArgumentException("saving must equal current minus projected cost: " + id);
    }
  }
}
