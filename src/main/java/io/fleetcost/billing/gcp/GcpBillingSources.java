package io.fleetcost.billing.gcp;

import io.fleetcost.billing.BillingSource;

/** Entry point to the package-private Google Cloud reader. */
public final class GcpBillingSources {
  private GcpBillingSources() {}

  public static BillingSource bigQueryExport() {
    return new GcpBigQueryBillingSource();
  }
}
