package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a lever proposes for one resource, before the engine turns it into an {@link Opportunity}.
 * Built with {@link #builder()}.
 *
 * @param projectedCost the monthly cost after the action, full precision
 * @param newInstanceType the instance type after a right-size (null otherwise)
 */
public record Proposal(
    Lever lever,
    BigDecimal projectedCost,
    String action,
    Risk risk,
    Effort effort,
    double confidenceFactor,
    Scope scope,
    String newInstanceType,
    List<MigPlacement> plan,
    Map<String, Object> evidence) {
  public Proposal {
    Objects.requireNonNull(lever, "lever is null");
    Objects.requireNonNull(projectedCost, "projectedCost is null");
    plan = List.copyOf(plan);
    evidence = Map.copyOf(evidence);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Proposal}. The lever, projected cost, action, risk, effort, confidence factor
   * and scope are required; the new instance type defaults to none, the plan and the evidence to
   * empty.
   */
  public static final class Builder {
    private Lever lever;
    private BigDecimal projectedCost;
    private String action;
    private Risk risk;
    private Effort effort;
    private Double confidenceFactor;
    private Scope scope;
    private String newInstanceType;
    private List<MigPlacement> plan = List.of();
    private Map<String, Object> evidence = Map.of();

    private Builder() {}

    public Builder lever(Lever lever) {
      this.lever = lever;
      return this;
    }

    public Builder projectedCost(BigDecimal projectedCost) {
      this.projectedCost = projectedCost;
      return this;
    }

    public Builder action(String action) {
      this.action = action;
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

    public Builder confidenceFactor(double confidenceFactor) {
      this.confidenceFactor = confidenceFactor;
      return this;
    }

    public Builder scope(Scope scope) {
      this.scope = scope;
      return this;
    }

    public Builder newInstanceType(String newInstanceType) {
      this.newInstanceType = newInstanceType;
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
    public Proposal build() {
      return new Proposal(
          lever,
          projectedCost,
          Objects.requireNonNull(action, "action is not set"),
          Objects.requireNonNull(risk, "risk is not set"),
          Objects.requireNonNull(effort, "effort is not set"),
          Objects.requireNonNull(confidenceFactor, "confidenceFactor is not set"),
          Objects.requireNonNull(scope, "scope is not set"),
          newInstanceType,
          plan,
          evidence);
    }
  }
}
