package io.fleetcost.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One opportunity acted on, monthly USD.
 *
 * @param status {@code realized} or {@code in progress}
 * @param baselineMonthly the resource's monthly cost on the bill when the opportunity was first
 *     identified
 * @param currentMonthly what the bill shows now (zero once the resource is gone)
 */
public record RealizedLine(
    String lever,
    String resource,
    String owner,
    String status,
    LocalDate identifiedOn,
    LocalDate closedOn,
    BigDecimal estimatedMonthly,
    BigDecimal baselineMonthly,
    BigDecimal currentMonthly,
    BigDecimal realizedMonthly) {}
