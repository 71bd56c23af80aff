package io.fleetcost.billing.azure;

import io.fleetcost.billing.BillingSource;

/** Entry point to the package-private Azure readers. */
public final class AzureBillingSources {
  private AzureBillingSources() {}

  public static BillingSource costDetails() {
    return new AzureCostDetailsBillingSource();
  }

  public static BillingSource costManagement() {
    return new CostManagementBillingSource();
  }
}
