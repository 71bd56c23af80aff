package io.fleetcost.history;

import io.fleetcost.savings.MigPlacement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of the {@code opportunities} history table: an opportunity as the run of {@code runDate}
 * found it (ids are stable across runs). Money is monthly (730 h) in the resource's billing
 * currency; {@code monthlySavingUsd} converted. Made with {@link #builder()}.
 *
 * @param plan the MIG plan of a MIG opportunity (its pool's plan, shared by the pool's
 *     opportunities), empty for other levers
 * @param evidenceJson the opportunity's evidence (the metrics, prices and billing figures its
 *     saving is computed from) as a JSON object, keys sorted; null in rows written before it was
 *     recorded
 */
public record OpportunityRow(
    LocalDate runDate,
    String id,
    int rank,
    String lever,
    String resourceId,
    String resourceName,
    String provider,
    String accountId,
    String region,
    String instanceType,
    String gpuModel,
    int gpuCount,
    String owner,
    String currency,
    BigDecimal currentMonthlyCost,
    BigDecimal projectedMonthlyCost,
    BigDecimal monthlySaving,
    BigDecimal monthlySavingUsd,
    double confidence,
    String risk,
    int effort,
    BigDecimal priority,
    String action,
    List<MigPlacement> plan,
    String evidenceJson) {

  /** A null plan is read as empty. */
  public OpportunityRow {
    plan = plan == null ? List.of() : List.copyOf(plan);
  }

  /** A builder of a row whose fields are all unset: null, 0 for numbers, an empty plan. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets an {@link OpportunityRow}'s fields by name. */
  public static final class Builder {
    private LocalDate runDate;
    private String id;
    private int rank;
    private String lever;
    private String resourceId;
    private String resourceName;
    private String provider;
    private String accountId;
    private String region;
    private String instanceType;
    private String gpuModel;
    private int gpuCount;
    private String owner;
    private String currency;
    private BigDecimal currentMonthlyCost;
    private BigDecimal projectedMonthlyCost;
    private BigDecimal monthlySaving;
    private BigDecimal monthlySavingUsd;
    private double confidence;
    private String risk;
    private int effort;
    private BigDecimal priority;
    private String action;
    private List<MigPlacement> plan = List.of();
    private String evidenceJson;

    private Builder() {}

    public Builder runDate(LocalDate runDate) {
      this.runDate = runDate;
      return this;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder rank(int rank) {
      this.rank = rank;
      return this;
    }

    public Builder lever(String lever) {
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

    public Builder monthlySavingUsd(BigDecimal monthlySavingUsd) {
      this.monthlySavingUsd = monthlySavingUsd;
      return this;
    }

    public Builder confidence(double confidence) {
      this.confidence = confidence;
      return this;
    }

    public Builder risk(String risk) {
      this.risk = risk;
      return this;
    }

    public Builder effort(int effort) {
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

    public Builder evidenceJson(String evidenceJson) {
      this.evidenceJson = evidenceJson;
      return this;
    }

    public OpportunityRow build() {
      return new OpportunityRow(
          runDate,
          id,
          rank,
          lever,
          resourceId,
          resourceName,
          provider,
          accountId,
          region,
          instanceType,
          gpuModel,
          gpuCount,
          owner,
          currency,
          currentMonthlyCost,
          projectedMonthlyCost,
          monthlySaving,
          monthlySavingUsd,
          confidence,
          risk,
          effort,
          priority,
          action,
          plan,
          evidenceJson);
    }
  }
}
