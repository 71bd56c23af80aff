package io.fleetcost.billing.aws;

import java.util.Map;

/** How CUR's {@code lineItem/LineItemType} values map onto FOCUS (keys in lower case). */
final class AwsLineItemTypes {
  private AwsLineItemTypes() {}

  public static final String USAGE = "usage";
  public static final String DISCOUNTED_USAGE = "discountedusage";
  public static final String SAVINGS_PLAN_COVERED_USAGE = "savingsplancoveredusage";
  public static final String SAVINGS_PLAN_NEGATION = "savingsplannegation";
  public static final String SAVINGS_PLAN_RECURRING_FEE = "savingsplanrecurringfee";
  public static final String SAVINGS_PLAN_UPFRONT_FEE = "savingsplanupfrontfee";
  public static final String RI_FEE = "rifee";
  public static final String FEE = "fee";
  public static final String TAX = "tax";
  public static final String CREDIT = "credit";
  public static final String REFUND = "refund";

  /**
   * FOCUS ChargeCategory per line item type; discounts are usage-side reductions, as in the FOCUS
   * converters.
   */
  public static final Map<String, String> CHARGE_CATEGORY =
      Map.ofEntries(
          Map.entry(USAGE, "Usage"),
          Map.entry(DISCOUNTED_USAGE, "Usage"),
          Map.entry(SAVINGS_PLAN_COVERED_USAGE, "Usage"),
          Map.entry(SAVINGS_PLAN_NEGATION, "Usage"),
          Map.entry("bundleddiscount", "Usage"),
          Map.entry("discount", "Usage"),
          Map.entry("privateratediscount", "Usage"),
          Map.entry("edpdiscount", "Usage"),
          Map.entry("distributordiscount", "Usage"),
          Map.entry("rivolumediscount", "Usage"),
          Map.entry(FEE, "Purchase"),
          Map.entry(RI_FEE, "Purchase"),
          Map.entry(SAVINGS_PLAN_UPFRONT_FEE, "Purchase"),
          Map.entry(SAVINGS_PLAN_RECURRING_FEE, "Purchase"),
          Map.entry(TAX, "Tax"),
          Map.entry(CREDIT, "Credit"),
          Map.entry(REFUND, "Credit"));

  public static final Map<String, String> CHARGE_FREQUENCY =
      Map.ofEntries(
          Map.entry(FEE, "One-Time"),
          Map.entry(SAVINGS_PLAN_UPFRONT_FEE, "One-Time"),
          Map.entry(RI_FEE, "Recurring"),
          Map.entry(SAVINGS_PLAN_RECURRING_FEE, "Recurring"),
          Map.entry(TAX, "Recurring"),
          Map.entry(CREDIT, "One-Time"),
          Map.entry(REFUND, "One-Time"));

  /** {@code pricing/term} → FOCUS PricingCategory. */
  public static final Map<String, String> PRICING_TERM =
      Map.of(
          "ondemand",
          "Standard",
          "on demand",
          "Standard",
          "reserved",
          "Committed",
          "spot",
          "Dynamic");
}
