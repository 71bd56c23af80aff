package io.fleetcost.billing.aws;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingSource;

/** Entry point to the package-private AWS readers. */
public final class AwsBillingSources {
  private AwsBillingSources() {}

  public static BillingSource legacyCur() {
    return new AwsCurBillingSource(BillingFormat.AWS_CUR);
  }

  public static BillingSource cur2() {
    return new AwsCurBillingSource(BillingFormat.AWS_CUR2);
  }

  public static BillingSource costExplorer() {
    return new CostExplorerBillingSource();
  }
}
