package io.fleetcost.pipeline;

import java.math.BigDecimal;

/**
 * Cost totals of one currency, as exact decimal strings (no rounding, trailing zeros removed).
 *
 * @param rows rows kept in this currency
 */
public record CurrencyTotals(String currency, long rows, String billedCost, String effectiveCost) {
  public static String exact(BigDecimal value) {
    if (value == null) {
      return "0";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }
}
