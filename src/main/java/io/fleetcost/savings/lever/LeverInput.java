package io.fleetcost.savings.lever;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.BilledResource;
import java.math.BigDecimal;

/**
 * What a lever sees of one resource.
 *
 * @param cost the monthly cost the earlier stages left, full precision
 * @param instanceType the instance type the earlier stages left (a right-size changes it)
 */
public record LeverInput(
    BilledResource resource,
    BigDecimal cost,
    String instanceType,
    Catalog catalog,
    SavingsThresholds thresholds) {}
