package io.fleetcost.savings;

import io.fleetcost.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The spend of one provider in one currency over the savings window: every billing row whose charge
 * starts in it.
 *
 * @param coveredFrom the provider's first charge in the window (or the window's start)
 * @param coveredTo the provider's last charge end in the window (or the window's end): exports lag
 */
public record ProviderSpend(
    String provider,
    String currency,
    BigDecimal effectiveCost,
    long rows,
    Instant coveredFrom,
    Instant coveredTo) {
  public double hours() {
    return Math.max(0, Duration.between(coveredFrom, coveredTo).toSeconds() / 3600d);
  }

  /** effective cost × 730 ÷ covered hours. */
  public BigDecimal monthly() {
    return Money.monthlyRunRate(effectiveCost, BigDecimal.valueOf(hours()));
  }
}
