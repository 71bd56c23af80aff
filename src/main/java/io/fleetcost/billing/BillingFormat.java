package io.fleetcost.billing;

import io.fleetcost.error.FleetCostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The billing export formats FleetCost reads. Each maps to one {@link BillingSource} in {@link
 * BillingSources}.
 */
public enum BillingFormat {
  AWS_CUR(
      "aws-cur",
      "AWS Cost and Usage Report (legacy): CSV with lineItem/... headers or Parquet with snake_case"),
  AWS_CUR2(
      "aws-cur2", "AWS Data Exports CUR 2.0: snake_case columns with product / resource_tags maps"),
  FOCUS("focus", "FOCUS 1.0-1.2 file, including the AWS and Azure FOCUS exports"),
  GCP_BIGQUERY("gcp-bigquery", "Google Cloud Billing export to BigQuery, as JSON lines or Parquet"),
  AZURE_COST_DETAILS(
      "azure-cost-details", "Azure EA / MCA cost details export, actual or amortized CSV"),
  AWS_COST_EXPLORER(
      "aws-cost-explorer", "AWS Cost Explorer daily cost, as landed by fleetcost pull (Parquet)"),
  AZURE_COST_MANAGEMENT(
      "azure-cost-management",
      "Azure Cost Management Query API daily cost, as landed by fleetcost pull (Parquet)");

  private final String cliName;
  private final String description;

  BillingFormat(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  /** The name used on the command line, in job files and in summaries. */
  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  public static BillingFormat fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (BillingFormat format : values()) {
      if (format.cliName.equals(wanted)) {
        return format;
      }
    }
    throw FleetCostException.userError(
        "Cannot use billing format '%s': not a known format (known: auto, %s)", name, names());
  }

  public static String names() {
    return Arrays.stream(values()).map(BillingFormat::cliName).collect(Collectors.joining(", "));
  }
}
