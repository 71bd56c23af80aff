package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a lever proposes for one resource, before the engine turns it into an {@link Opportunity}.
 *
 * @param projectedCost the monthly cost after the action, full precision
 * @param newInstanceType the instance type after a right-size (null otherwise)
 */
public record Proposal(
    Lever lever,
    BigDecimal projectedCost,
    String action,
    String risk,
    int effort,
    double confidenceFactor,
    String scope,
    String newInstanceType,
    List<MigPlacement> plan,
    Map<String, Object> evidence) {
  public Proposal {
    Objects.requireNonNull(lever, "lever is null");
    Objects.requireNonNull(projectedCost, "projectedCost is null");
    plan = List.copyOf(plan);
    evidence = Map.copyOf(evidence);
  }
}
