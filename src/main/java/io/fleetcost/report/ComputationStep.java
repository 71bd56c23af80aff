package io.fleetcost.report;

import java.math.BigDecimal;

/**
 * One line of arithmetic.
 *
 * @param arithmetic the operation on the figures, e.g. {@code USD 2,400.00 × 730 h ÷ 240 h}
 * @param result in cents, in the computation's currency; null for a step whose result is in its
 *     arithmetic (a ratio)
 */
public record ComputationStep(String name, String arithmetic, BigDecimal result) {}
