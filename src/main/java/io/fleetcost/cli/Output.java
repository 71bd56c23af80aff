package io.fleetcost.cli;

import io.fleetcost.model.MoneyText;
import io.fleetcost.pipeline.CurrencyTotals;
import java.math.BigDecimal;
import java.net.URI;

/** Paths as users write them. */
final class Output {
  private Output() {}

  /** {@code file:/a/b} → {@code /a/b}; other URIs unchanged. */
  static String display(String location) {
    if (location.startsWith("file:")) {
      return URI.create(location).getPath();
    }
    return location;
  }

  /**
   * {@code BilledCost 306,989.66, EffectiveCost 297,407.52}: a currency's totals as people read
   * them.
   */
  static String costTotals(CurrencyTotals totals) {
    return "BilledCost "
        + MoneyText.amount(new BigDecimal(totals.billedCost()), totals.currency())
        + ", EffectiveCost "
        + MoneyText.amount(new BigDecimal(totals.effectiveCost()), totals.currency());
  }
}
