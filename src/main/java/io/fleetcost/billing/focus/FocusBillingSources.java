package io.fleetcost.billing.focus;

import io.fleetcost.billing.BillingSource;

/** Entry point to the package-private FOCUS reader. */
public final class FocusBillingSources {
  private FocusBillingSources() {}

  public static BillingSource focus() {
    return new FocusBillingSource();
  }
}
