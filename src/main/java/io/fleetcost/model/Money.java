package io.fleetcost.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The job's money arithmetic, in one place: the 730-hour month every monthly figure is on, the
 * monthly run rate of a cost over some hours, cents and conversion to USD cents.
 *
 * <p>Amounts stay exact {@link BigDecimal}s (the billing's {@code DECIMAL(38,18)}) until they are
 * rounded to cents, always {@link #ROUNDING half-even}: a tie goes to the even cent, so a column of
 * rounded figures is not biased upwards in its sum. Ratios, percentages and prices keep their own
 * scales where they are computed; they are not money.
 */
public final class Money {
  /** The hours of every monthly figure: 8,760 hours a year ÷ 12. */
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  /** How money is rounded to cents, and to a currency's minor unit for display. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private static final int CENT_SCALE = 2;

  private Money() {}

  /** The amount to the cent (two decimals, {@link #ROUNDING half-even}). */
  public static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(CENT_SCALE, ROUNDING);
  }

  /**
   * The cost of a 730-hour month at the rate of {@code cost} over {@code hours}: cost × 730 ÷
   * hours, to 34 significant digits ({@link MathContext#DECIMAL128}); zero when {@code hours} is
   * not positive (nothing was billed over time, so there is no rate).
   */
  public static BigDecimal monthlyRunRate(BigDecimal cost, BigDecimal hours) {
    if (hours.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return cost.multiply(HOURS_PER_MONTH).divide(hours, MathContext.DECIMAL128);
  }

  /**
   * The amount in USD cents: amount × {@code usdRate}, exact, then {@link #cents}.
   *
   * @param usdRate the value of one unit of the amount's currency in USD (1 for USD)
   */
  public static BigDecimal usdCents(BigDecimal amount, BigDecimal usdRate) {
    return cents(amount.multiply(usdRate));
  }
}
