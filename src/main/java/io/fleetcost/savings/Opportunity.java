package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A way to save money on one resource. Costs are monthly (730 hours), on EffectiveCost, in the
 * resource's billing currency, rounded to cents: {@code monthlySaving} = {@code currentMonthlyCost}
 * − {@code projectedMonthlyCost}. {@code currentMonthlyCost} is what the levers before this one
 * left. Built with {@link #builder()}.
 *
 * @param id stable: the same resource and lever give the same id in every run
 * @param resourceName the bill's name for the resource (Google Cloud instance and Azure VM names),
 *     or null
 * @param scope its resource alone, or the pool a MIG plan packs ({@code cluster/MIG table})
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
    Scope scope,
    String currency,
    BigDecimal currentMonthlyCost,
    BigDecimal projectedMonthlyCost,
    BigDecimal monthlySaving,
    double confidence,
    Risk risk,
    Effort effort,
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

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link Opportunity}. The resource name, provider, account, region, instance type, GPU
   * model, owner and currency may stay unset (null); the plan and the evidence default to empty;
   * every other field is required.
   */
  public static final class Builder {
    private String id;
    private Lever lever;
    private String resourceId;
    private String resourceName;
    private String provider;
    private String accountId;
    private String region;
    private String instanceType;
    private String gpuModel;
    private Integer gpuCount;
    private String owner;
    private Scope scope;
    private String currency;
    private BigDecimal currentMonthlyCost;
    private BigDecimal projectedMonthlyCost;
    private BigDecimal monthlySaving;
    private Double confidence;
    private Risk risk;
    private Effort effort;
    private BigDecimal priority;
    private String action;
    private List<MigPlacement> plan = List.of();
    private Map<String, Object> evidence = Map.of();

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder lever(Lever lever) {
      this.lever = lever;
      return this;
    }

    public Builder resourceId(String resourceId) {
      this.resourceId = resourceId;
      return this;
    }

    public Builder resourceName(String resourceName) {
      this.resourceName = resourceName;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder instanceType(String instanceType) {
      this.instanceType = instanceType;
      return this;
    }

    public Builder gpuModel(String gpuModel) {
      this.gpuModel = gpuModel;
      return this;
    }

    public Builder gpuCount(int gpuCount) {
      this.gpuCount = gpuCount;
      return this;
    }

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Builder scope(Scope scope) {
      this.scope = scope;
      return this;
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder currentMonthlyCost(BigDecimal currentMonthlyCost) {
      this.currentMonthlyCost = currentMonthlyCost;
      return this;
    }

    public Builder projectedMonthlyCost(BigDecimal projectedMonthlyCost) {
      this.projectedMonthlyCost = projectedMonthlyCost;
      return this;
    }

    public Builder monthlySaving(BigDecimal monthlySaving) {
      this.monthlySaving = monthlySaving;
      return this;
    }

    public Builder confidence(double confidence) {
      this.confidence = confidence;
      return this;
    }

    public Builder risk(Risk risk) {
      this.risk = risk;
      return this;
    }

    public Builder effort(Effort effort) {
      this.effort = effort;
      return this;
    }

    public Builder priority(BigDecimal priority) {
      this.priority = priority;
      return this;
    }

    public Builder action(String action) {
      this.action = action;
      return this;
    }

    public Builder plan(List<MigPlacement> plan) {
      this.plan = plan;
      return this;
    }

    public Builder evidence(Map<String, Object> evidence) {
      this.evidence = evidence;
      return this;
    }

    /**
     * @throws NullPointerException if a required field is not set
     */
    public Opportunity build() {
      return new Opportunity(
          id,
          lever,
          Objects.requireNonNull(resourceId, "resourceId is not set"),
          resourceName,
          provider,
          accountId,
          region,
          instanceType,
          gpuModel,
          Objects.requireNonNull(gpuCount, "gpuCount is not set"),
          owner,
          Objects.requireNonNull(scope, "scope is not set"),
          currency,
          Objects.requireNonNull(currentMonthlyCost, "currentMonthlyCost is not set"),
          Objects.requireNonNull(projectedMonthlyCost, "projectedMonthlyCost is not set"),
          Objects.requireNonNull(monthlySaving, "monthlySaving is not set"),
          Objects.requireNonNull(confidence, "confidence is not set"),
          Objects.requireNonNull(risk, "risk is not set"),
          Objects.requireNonNull(effort, "effort is not set"),
          Objects.requireNonNull(priority, "priority is not set"),
          Objects.requireNonNull(action, "action is not set"),
          plan,
          evidence);
    }
  }
}
