package io.fleetcost.report;

import java.math.BigDecimal;

/**
 * One resource: what the cloud recommends and what FleetCost proposes.
 *
 * @param verdict {@code agree}, {@code differ} or {@code cloud only}
 * @param cloud e.g. {@code Terminate} or {@code Resize to g5.2xlarge}
 * @param fleetcost FleetCost's levers, or {@code nothing} when it proposes nothing
 * @param cloudMonthlySaving in {@code cloudCurrency}; null when the cloud gives no estimate
 * @param fleetcostMonthlySaving in {@code fleetcostCurrency}; null when FleetCost proposes nothing
 */
public record CloudRecommendationLine(
    String resource,
    String instanceType,
    String verdict,
    String cloud,
    BigDecimal cloudMonthlySaving,
    String cloudCurrency,
    String fleetcost,
    BigDecimal fleetcostMonthlySaving,
    String fleetcostCurrency) {}
