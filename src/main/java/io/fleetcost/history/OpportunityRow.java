package io.fleetcost.history;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the {@code opportunities} history table: an opportunity as the run of {@code runDate}
 * found it (ids are stable across runs). Money is monthly (730 h) in the resource's billing
 * currency; {@code monthlySavingUsd} converted.
 *
 * @param planJson the MIG plan as a JSON array of {@link io.fleetcost.savings.MigPlacement} objects
 *     (snake_case keys), {@code []} for other levers
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
    String planJson,
    String evidenceJson) {

  /** A row without its evidence. */
  public OpportunityRow(
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
      String planJson) {
    this(
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
        planJson,
        null);
  }
}
