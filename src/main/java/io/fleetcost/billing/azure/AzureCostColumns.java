package io.fleetcost.billing.azure;

import static io.fleetcost.billing.SourceColumn.optional;
import static io.fleetcost.billing.SourceColumn.required;

import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.SourceColumns;
import java.util.List;

/**
 * Azure cost-details columns across the schema vintages: EA 2024-08-01 / 2023-12-01-preview names
 * ({@code CostInBillingCurrency}, {@code BillingCurrencyCode}), the older EA names of the
 * finops-toolkit samples ({@code Cost}, {@code BillingCurrency}, {@code Product}, {@code
 * InvoiceSection}), the MCA camelCase names, and the legacy usage-details names ({@code
 * PreTaxCost}, {@code UsageDateTime}, {@code InstanceId}).
 */
public final class AzureCostColumns {
  private AzureCostColumns() {}

  public static final String DATE = "Date";
  public static final String COST = "CostInBillingCurrency";
  public static final String CURRENCY = "BillingCurrencyCode";
  public static final String BILLING_ACCOUNT_ID = "BillingAccountId";
  public static final String BILLING_ACCOUNT_NAME = "BillingAccountName";
  public static final String BILLING_PROFILE_ID = "BillingProfileId";
  public static final String BILLING_PROFILE_NAME = "BillingProfileName";
  public static final String BILLING_PERIOD_START = "BillingPeriodStartDate";
  public static final String BILLING_PERIOD_END = "BillingPeriodEndDate";
  public static final String SUBSCRIPTION_ID = "SubscriptionId";
  public static final String SUBSCRIPTION_NAME = "SubscriptionName";
  public static final String RESOURCE_ID = "ResourceId";
  public static final String RESOURCE_NAME = "ResourceName";
  public static final String RESOURCE_LOCATION = "ResourceLocation";
  public static final String RESOURCE_GROUP = "ResourceGroup";
  public static final String METER_CATEGORY = "MeterCategory";
  public static final String METER_SUBCATEGORY = "MeterSubCategory";
  public static final String METER_NAME = "MeterName";
  public static final String METER_ID = "MeterId";
  public static final String UNIT_OF_MEASURE = "UnitOfMeasure";
  public static final String QUANTITY = "Quantity";
  public static final String EFFECTIVE_PRICE = "EffectivePrice";
  public static final String UNIT_PRICE = "UnitPrice";
  public static final String PAYG_PRICE = "PayGPrice";
  public static final String PAYG_COST = "PaygCostInBillingCurrency";
  public static final String CONSUMED_SERVICE = "ConsumedService";
  public static final String PRODUCT_NAME = "ProductName";
  public static final String PRODUCT_ID = "ProductId";
  public static final String ADDITIONAL_INFO = "AdditionalInfo";
  public static final String TAGS = "Tags";
  public static final String CHARGE_TYPE = "ChargeType";
  public static final String FREQUENCY = "Frequency";
  public static final String PRICING_MODEL = "PricingModel";
  public static final String RESERVATION_ID = "ReservationId";
  public static final String RESERVATION_NAME = "ReservationName";
  public static final String BENEFIT_ID = "benefitId";
  public static final String BENEFIT_NAME = "benefitName";
  public static final String PUBLISHER_NAME = "PublisherName";
  public static final String PUBLISHER_TYPE = "PublisherType";
  public static final String INVOICE_ID = "InvoiceId";
  public static final String AVAILABILITY_ZONE = "AvailabilityZone";
  public static final String PART_NUMBER = "PartNumber";

  public static final SourceColumns COLUMNS =
      new SourceColumns(
          List.of(
              required(DATE, "UsageDateTime", "UsageDate"),
              required(COST, "Cost", "PreTaxCost"),
              required(CURRENCY, "BillingCurrency", "Currency"),
              optional(BILLING_ACCOUNT_ID),
              optional(BILLING_ACCOUNT_NAME),
              optional(BILLING_PROFILE_ID),
              optional(BILLING_PROFILE_NAME),
              optional(BILLING_PERIOD_START),
              optional(BILLING_PERIOD_END),
              optional(SUBSCRIPTION_ID, "SubscriptionGuid"),
              optional(SUBSCRIPTION_NAME),
              optional(RESOURCE_ID, "InstanceId", "InstanceName"),
              optional(RESOURCE_NAME),
              optional(RESOURCE_LOCATION),
              optional(RESOURCE_GROUP, "ResourceGroupName"),
              optional(METER_CATEGORY),
              optional(METER_SUBCATEGORY),
              optional(METER_NAME),
              optional(METER_ID),
              optional(UNIT_OF_MEASURE),
              optional(QUANTITY, "UsageQuantity"),
              optional(EFFECTIVE_PRICE),
              optional(UNIT_PRICE),
              optional(PAYG_PRICE),
              optional(PAYG_COST),
              optional(CONSUMED_SERVICE),
              optional(PRODUCT_NAME, "Product"),
              optional(PRODUCT_ID),
              optional(ADDITIONAL_INFO),
              optional(TAGS),
              optional(CHARGE_TYPE),
              optional(FREQUENCY),
              optional(PRICING_MODEL),
              optional(RESERVATION_ID),
              optional(RESERVATION_NAME),
              optional(BENEFIT_ID),
              optional(BENEFIT_NAME),
              optional(PUBLISHER_NAME),
              optional(PUBLISHER_TYPE),
              optional(INVOICE_ID),
              optional(AVAILABILITY_ZONE),
              optional(PART_NUMBER)));

  public static boolean matches(FileLayout layout) {
    boolean meter = layout.has(METER_CATEGORY) || layout.has(METER_ID) || layout.has("MeterName");
    boolean cost = layout.findAny(COLUMNS.all().get(1).names()).isPresent();
    boolean date = layout.findAny(COLUMNS.all().get(0).names()).isPresent();
    return meter && cost && date;
  }

  /** The schema vintage, for the ingest summary. */
  public static String vintage(FileLayout layout) {
    if (layout.columns().stream()
        .anyMatch(c -> c.equals("costInBillingCurrency") || c.equals("billingProfileId"))) {
      return "MCA (camelCase)";
    }
    if (layout.has("CostInBillingCurrency")) {
      return "EA 2023-12 / 2024-08";
    }
    if (layout.has("PreTaxCost")) {
      return "usage details (legacy)";
    }
    return "EA (Cost / BillingCurrency)";
  }
}
