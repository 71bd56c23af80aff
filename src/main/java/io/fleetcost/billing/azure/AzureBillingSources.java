package io.fleetcost.billing.azure;

import io.fleetcost.billing.BillingSource;

/** Entry point to the package-private Azure reader. */
public final class AzureBillingSources {
  private AzureBillingSources() {}

  public static BillingSource costDetails() {
    return new AzureCostDetailsBillingSource();
  }
}
