package io.fleetcost.samplefleet;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The accounts above the instances' own: who pays on each cloud, and the display names of usage
 * accounts, projects and subscriptions (an id without a name here is shown by its id).
 *
 * @param awsPayerAccountId the AWS Organizations management account, which also owns the Savings
 *     Plan
 * @param gcpBillingAccountId the Cloud Billing account, {@code 01A2B3-C4D5E6-F7A8B9}
 * @param azureBillingAccountId the Microsoft Customer Agreement billing account
 * @param subAccountNames AWS account id, Google Cloud project id or Azure subscription id → its
 *     name
 */
public record BillingAccounts(
    String awsPayerAccountId,
    String awsPayerAccountName,
    String gcpBillingAccountId,
    String azureBillingAccountId,
    String azureBillingAccountName,
    String azureBillingProfileId,
    String azureBillingProfileName,
    String azureInvoiceSectionId,
    String azureInvoiceSectionName,
    Map<String, String> subAccountNames) {
  public BillingAccounts {
    Objects.requireNonNull(awsPayerAccountId, "awsPayerAccountId is null");
    Objects.requireNonNull(awsPayerAccountName, "awsPayerAccountName is null");
    Objects.requireNonNull(gcpBillingAccountId, "gcpBillingAccountId is null");
    Objects.requireNonNull(azureBillingAccountId, "azureBillingAccountId is null");
    Objects.requireNonNull(azureBillingAccountName, "azureBillingAccountName is null");
    Objects.requireNonNull(azureBillingProfileId, "azureBillingProfileId is null");
    Objects.requireNonNull(azureBillingProfileName, "azureBillingProfileName is null");
    Objects.requireNonNull(azureInvoiceSectionId, "azureInvoiceSectionId is null");
    Objects.requireNonNull(azureInvoiceSectionName, "azureInvoiceSectionName is null");
    subAccountNames = Collections.unmodifiableSortedMap(new TreeMap<>(subAccountNames));
  }

  /** Example accounts of a fictitious company, in each provider's id format. */
  public static BillingAccounts example() {
    return new BillingAccounts(
        "111122223333",
        "example-payer",
        "01A2B3-C4D5E6-F7A8B9",
        "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d_2019-05-31",
        "Example ML Inc.",
        "AB12-CD34-EF5-GH6",
        "Example ML US",
        "IJ78-KL90-MN1-OP2",
        "ML Platform",
        Map.of());
  }

  public BillingAccounts withSubAccountNames(Map<String, String> names) {
    return new BillingAccounts(
        awsPayerAccountId,
        awsPayerAccountName,
        gcpBillingAccountId,
        azureBillingAccountId,
        azureBillingAccountName,
        azureBillingProfileId,
        azureBillingProfileName,
        azureInvoiceSectionId,
        azureInvoiceSectionName,
        names);
  }

  public String subAccountName(String id) {
    return subAccountNames.getOrDefault(id, id);
  }
}
