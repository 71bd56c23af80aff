package io.fleetcost.billing;

import io.fleetcost.billing.aws.AwsBillingSources;
import io.fleetcost.billing.azure.AzureBillingSources;
import io.fleetcost.billing.focus.FocusBillingSources;
import io.fleetcost.billing.gcp.GcpBillingSources;

/**
 * The reader of each billing format. The switch has no default: a new format does not compile until
 * it is wired.
 */
public final class BillingSources {
  private BillingSources() {}

  public static BillingSource forFormat(BillingFormat format) {
    return switch (format) {
      case AWS_CUR -> AwsBillingSources.legacyCur();
      case AWS_CUR2 -> AwsBillingSources.cur2();
      case FOCUS -> FocusBillingSources.focus();
      case GCP_BIGQUERY -> GcpBillingSources.bigQueryExport();
      case AZURE_COST_DETAILS -> AzureBillingSources.costDetails();
      case AWS_COST_EXPLORER -> AwsBillingSources.costExplorer();
      case AZURE_COST_MANAGEMENT -> AzureBillingSources.costManagement();
    };
  }
}
