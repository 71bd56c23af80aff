package io.fleetcost.samplefleet;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money and quantities as the exports write them: plain decimal text, no exponent, no trailing
 * zeros.
 */
final class Decimals {
  private Decimals() {}

  static String plain(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    return value.stripTrailingZeros().toPlainString();
  }

  static BigDecimal round(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.HALF_UP);
  }

  /**
   * A measured double as Prometheus and nvidia-smi print it: the shortest decimal that reads back
   * the same.
   */
  static String shortest(double value) {
    return plain(BigDecimal.valueOf(value));
  }
}
