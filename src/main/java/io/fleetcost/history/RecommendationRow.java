package io.fleetcost.history;

import java.math.BigDecimal;

/**
 * One resource of a run's comparison of a cloud's recommendations with FleetCost's opportunities,
 * as the {@code runs} table keeps it (so that a report re-rendered from the history shows them
 * beside FleetCost's own).
 *
 * @param verdict {@code agree}, {@code differ}, {@code cloud only} or {@code fleetcost only}
 * @param fleetcostLevers FleetCost's levers on the resource, comma-separated in the engine's order;
 *     null when none
 * @param fleetcostMonthlySaving the sum of FleetCost's opportunities on the resource, in {@code
 *     fleetcostCurrency}; null when none
 * @param cloudAction the cloud's action ({@code TERMINATE}, {@code MODIFY}); null when the cloud
 *     recommends nothing
 * @param cloudMonthlySaving the cloud's estimate, in {@code cloudCurrency}; null when none
 */
public record RecommendationRow(
    String resourceId,
    String resourceName,
    String provider,
    String verdict,
    String fleetcostLevers,
    BigDecimal fleetcostMonthlySaving,
    String fleetcostCurrency,
    String source,
    String instanceType,
    String cloudAction,
    String cloudTargetInstanceType,
    BigDecimal cloudMonthlySaving,
    String cloudCurrency,
    String detail) {}
