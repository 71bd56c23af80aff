package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the savings engine found.
 *
 * @param opportunities ranked by priority, highest first
 * @param resources every resource considered, with its cost before and after all its opportunities
 * @param insufficientData resources with fewer hours of samples than the minimum: no recommendation
 */
public record SavingsResult(
    List<Opportunity> opportunities,
    List<ResourceOutcome> resources,
    List<InsufficientData> insufficientData) {
  public SavingsResult {
    opportunities = List.copyOf(opportunities);
    resources = List.copyOf(resources);
    insufficientData = List.copyOf(insufficientData);
  }

  /** A resource's monthly cost before any lever and after all of them (cents). */
  public record ResourceOutcome(
      String resourceId,
      String provider,
      String owner,
      String currency,
      BigDecimal currentMonthlyCost,
      BigDecimal projectedMonthlyCost) {}

  public record InsufficientData(
      String resourceId, String provider, double observedHours, double minimumHours) {}
}
