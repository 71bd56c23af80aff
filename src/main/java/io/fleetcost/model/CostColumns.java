package io.fleetcost.model;

/**
 * Column names of the normalized billing table: FOCUS 1.2 names for what FOCUS defines, {@code x_}
 * names for what it lacks. The table is specified in {@code docs/normalized-cost-schema.md}; its
 * Spark schema is {@code io.fleetcost.billing.NormalizedCostSchema}.
 */
public final class CostColumns {
  private CostColumns() {}

  public static final String BILLING_ACCOUNT_ID = "BillingAccountId";
  public static final String BILLING_ACCOUNT_NAME = "BillingAccountName";
  public static final String SUB_ACCOUNT_ID = "SubAccountId";
  public static final String SUB_ACCOUNT_NAME = "SubAccountName";
  public static final String INVOICE_ISSUER_NAME = "InvoiceIssuerName";
  public static final String PROVIDER_NAME = "ProviderName";
  public static final String PUBLISHER_NAME = "PublisherName";
  public static final String INVOICE_ID = "InvoiceId";
  public static final String BILLING_PERIOD_START = "BillingPeriodStart";
  public static final String BILLING_PERIOD_END = "BillingPeriodEnd";
  public static final String CHARGE_PERIOD_START = "ChargePeriodStart";
  public static final String CHARGE_PERIOD_END = "ChargePeriodEnd";
  public static final String CHARGE_CATEGORY = "ChargeCategory";
  public static final String CHARGE_CLASS = "ChargeClass";
  public static final String CHARGE_FREQUENCY = "ChargeFrequency";
  public static final String CHARGE_DESCRIPTION = "ChargeDescription";
  public static final String BILLED_COST = "BilledCost";
  public static final String EFFECTIVE_COST = "EffectiveCost";
  public static final String LIST_COST = "ListCost";
  public static final String CONTRACTED_COST = "ContractedCost";
  public static final String BILLING_CURRENCY = "BillingCurrency";
  public static final String LIST_UNIT_PRICE = "ListUnitPrice";
  public static final String CONTRACTED_UNIT_PRICE = "ContractedUnitPrice";
  public static final String PRICING_CATEGORY = "PricingCategory";
  public static final String PRICING_QUANTITY = "PricingQuantity";
  public static final String PRICING_UNIT = "PricingUnit";
  public static final String CONSUMED_QUANTITY = "ConsumedQuantity";
  public static final String CONSUMED_UNIT = "ConsumedUnit";
  public static final String COMMITMENT_DISCOUNT_ID = "CommitmentDiscountId";
  public static final String COMMITMENT_DISCOUNT_NAME = "CommitmentDiscountName";
  public static final String COMMITMENT_DISCOUNT_CATEGORY = "CommitmentDiscountCategory";
  public static final String COMMITMENT_DISCOUNT_TYPE = "CommitmentDiscountType";
  public static final String COMMITMENT_DISCOUNT_STATUS = "CommitmentDiscountStatus";
  public static final String REGION_ID = "RegionId";
  public static final String REGION_NAME = "RegionName";
  public static final String AVAILABILITY_ZONE = "AvailabilityZone";
  public static final String RESOURCE_ID = "ResourceId";
  public static final String RESOURCE_NAME = "ResourceName";
  public static final String RESOURCE_TYPE = "ResourceType";
  public static final String SERVICE_NAME = "ServiceName";
  public static final String SERVICE_CATEGORY = "ServiceCategory";
  public static final String SKU_ID = "SkuId";
  public static final String SKU_PRICE_ID = "SkuPriceId";
  public static final String TAGS = "Tags";

  public static final String INSTANCE_TYPE = "x_InstanceType";
  public static final String GPU_MODEL = "x_GpuModel";
  public static final String GPU_COUNT = "x_GpuCount";
  public static final String GPU_MEMORY_GIB = "x_GpuMemoryGiB";
  public static final String PRICING_SUBCATEGORY = "x_PricingSubcategory";
  public static final String USAGE_TYPE = "x_UsageType";
  public static final String CREDIT_AMOUNT = "x_CreditAmount";
  public static final String SOURCE_FORMAT = "x_SourceFormat";
  public static final String SOURCE_FILE = "x_SourceFile";
  public static final String SOURCE_LINE = "x_SourceLine";

  /**
   * For the rows of an input whose files of one format are compared for duplicates (two files or
   * more): the row's copy number among the identical rows of its own file (1 for the first); null
   * when nothing was compared.
   */
  public static final String COPY_IN_FILE = "x_CopyInFile";

  /**
   * The copies of a kept row found in other files of the same input and therefore not counted, each
   * with its {@code File}, {@code Line} and whether its costs differ from the kept row's ({@code
   * CostsDiffer}); null when none.
   */
  public static final String DUPLICATE_SOURCES = "x_DuplicateSources";

  /**
   * The 64-bit xxHash of the identity the row was compared on for duplicates; null when nothing was
   * compared. The kept billing table uses it to tell, without reading them again, that a new file
   * shares no row with the files kept.
   */
  public static final String ROW_IDENTITY_HASH = "x_RowIdentityHash";

  /** Quarantine table: why a row was set aside, and the row as read. */
  public static final String QUARANTINE_REASON = "x_QuarantineReason";

  public static final String QUARANTINE_DETAIL = "x_QuarantineDetail";
  public static final String RAW_RECORD = "x_RawRecord";
}
