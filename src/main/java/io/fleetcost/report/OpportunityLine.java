package io.fleetcost.report;

import java.math.BigDecimal;

/**
 * @param monthlySavingUsd null when the resource's currency has no exchange rate
 */
public record OpportunityLine(
    int rank,
    String owner,
    String lever,
    String resource,
    String action,
    BigDecimal monthlySavingUsd,
    double confidence,
    int effort,
    String risk) {}
