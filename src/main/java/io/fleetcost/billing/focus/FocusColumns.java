package io.fleetcost.billing.focus;

import static io.fleetcost.billing.SourceColumn.optional;
import static io.fleetcost.billing.SourceColumn.required;

import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.SourceColumns;
import java.util.List;

/**
 * FOCUS columns under their 1.2 names, with the names older and newer versions use (1.0-preview
 * {@code AmortizedCost}, {@code ChargeType}, {@code UsageQuantity}, {@code Region}; 1.3 {@code
 * ServiceProviderName}) and the {@code x_} columns of the AWS and Azure FOCUS exports that carry
 * instance types.
 */
public final class FocusColumns {
  private FocusColumns() {}

  public static final String SKU_PRICE_DETAILS = "SkuPriceDetails";
  public static final String AWS_USAGE_TYPE = "x_UsageType";
  public static final String AWS_OPERATION = "x_Operation";
  public static final String AZURE_SKU_DETAILS = "x_SkuDetails";
  public static final String AZURE_METER_SUBCATEGORY = "x_SkuMeterSubcategory";
  public static final String AZURE_PRICING_SUBCATEGORY = "x_PricingSubcategory";
  public static final String SERVICE_SUBCATEGORY = "ServiceSubcategory";
  public static final String INVOICE_ID = "InvoiceId";
  public static final String PRICING_CURRENCY = "PricingCurrency";
  public static final String BILLING_ACCOUNT_TYPE = "BillingAccountType";
  public static final String SERVICE_PROVIDER_NAME = "ServiceProviderName";
  public static final String CONTRACTED_COST = "ContractedCost";
  public static final String CHARGE_CLASS = "ChargeClass";

  public static final SourceColumns COLUMNS =
      new SourceColumns(
          List.of(
              optional("BillingAccountId"),
              optional("BillingAccountName"),
              optional("SubAccountId"),
              optional("SubAccountName"),
              optional("InvoiceIssuerName", "InvoiceIssuer"),
              optional("ProviderName", SERVICE_PROVIDER_NAME, "Provider"),
              optional("PublisherName", "Publisher"),
              optional(INVOICE_ID),
              optional("BillingPeriodStart"),
              optional("BillingPeriodEnd"),
              required("ChargePeriodStart"),
              required("ChargePeriodEnd"),
              required("ChargeCategory", "ChargeType"),
              optional(CHARGE_CLASS),
              optional("ChargeFrequency"),
              optional("ChargeDescription"),
              required("BilledCost"),
              required("EffectiveCost", "AmortizedCost"),
              optional("ListCost"),
              optional(CONTRACTED_COST),
              required("BillingCurrency"),
              optional("ListUnitPrice"),
              optional("ContractedUnitPrice"),
              optional("PricingCategory"),
              optional("PricingQuantity"),
              optional("PricingUnit"),
              optional("ConsumedQuantity", "UsageQuantity"),
              optional("ConsumedUnit", "UsageUnit"),
              optional("CommitmentDiscountId"),
              optional("CommitmentDiscountName"),
              optional("CommitmentDiscountCategory"),
              optional("CommitmentDiscountType"),
              optional("CommitmentDiscountStatus"),
              optional("RegionId", "Region"),
              optional("RegionName"),
              optional("AvailabilityZone"),
              optional("ResourceId"),
              optional("ResourceName"),
              optional("ResourceType"),
              optional("ServiceName"),
              optional("ServiceCategory"),
              optional(SERVICE_SUBCATEGORY),
              optional("SkuId"),
              optional("SkuPriceId"),
              optional(SKU_PRICE_DETAILS),
              optional("Tags"),
              optional(PRICING_CURRENCY),
              optional(BILLING_ACCOUNT_TYPE),
              optional(AWS_USAGE_TYPE),
              optional(AWS_OPERATION),
              optional(AZURE_SKU_DETAILS),
              optional(AZURE_METER_SUBCATEGORY),
              optional(AZURE_PRICING_SUBCATEGORY)));

  /**
   * Columns that together say "FOCUS"; a file with three of them is read as FOCUS (and checked for
   * the rest).
   */
  private static final List<String> SIGNATURE =
      List.of(
          "BilledCost",
          "EffectiveCost",
          "AmortizedCost",
          "ChargePeriodStart",
          "ChargePeriodEnd",
          "ChargeCategory",
          "ChargeType",
          "BillingPeriodStart",
          "ServiceCategory",
          "ProviderName",
          "ServiceProviderName");

  public static boolean matches(FileLayout layout) {
    return SIGNATURE.stream().filter(layout::has).count() >= 3;
  }

  /** The FOCUS version a file's columns show, from the columns each version added. */
  public static String version(FileLayout layout) {
    if (layout.has(SERVICE_PROVIDER_NAME) || layout.has("HostProviderName")) {
      return "1.3";
    }
    if (layout.has(INVOICE_ID)
        || layout.has(PRICING_CURRENCY)
        || layout.has(BILLING_ACCOUNT_TYPE)) {
      return "1.2";
    }
    if (layout.has(SERVICE_SUBCATEGORY)
        || layout.has(SKU_PRICE_DETAILS)
        || layout.has("CapacityReservationId")) {
      return "1.1";
    }
    if (layout.has(CHARGE_CLASS) || layout.has(CONTRACTED_COST)) {
      return "1.0";
    }
    return "1.0-preview";
  }

  /** Who produced the file, from the provider-specific {@code x_} columns. */
  public static String dialect(FileLayout layout) {
    if (layout.has(AWS_USAGE_TYPE) || layout.has("x_ServiceCode")) {
      return "AWS Data Exports";
    }
    if (layout.has(AZURE_SKU_DETAILS)
        || layout.has("x_ResourceGroupName")
        || layout.has("x_BillingProfileId")) {
      return "Azure Cost Management";
    }
    return "generic";
  }
}
