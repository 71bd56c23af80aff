package io.fleetcost.history;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the {@code realized_savings} history table: where each opportunity ever identified
 * stands on {@code runDate}. Amounts are monthly USD; the baseline is the resource's monthly cost
 * on the bill when the opportunity was first identified, the current one what the bill shows now
 * (zero when the resource is gone from the bill).
 *
 * @param status open or in progress while still identified, realized or dismissed once closed
 *     ({@link SavingStatus})
 * @param realizedMonthlySavingUsd baseline − current when positive, else zero: what the bill shows,
 *     not the estimate
 */
public record RealizedRow(
    LocalDate runDate,
    String opportunityId,
    String lever,
    String resourceId,
    String owner,
    SavingStatus status,
    LocalDate identifiedOn,
    LocalDate closedOn,
    BigDecimal estimatedMonthlySavingUsd,
    BigDecimal baselineMonthlyCostUsd,
    BigDecimal currentMonthlyCostUsd,
    BigDecimal realizedMonthlySavingUsd) {}
