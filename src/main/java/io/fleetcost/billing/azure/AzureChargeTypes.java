package io.fleetcost.billing.azure;

import java.util.Map;

/**
 * Azure {@code ChargeType} and {@code PricingModel} values mapped onto FOCUS (keys in lower case,
 * no spaces).
 */
final class AzureChargeTypes {
  private AzureChargeTypes() {}

  public static final String USAGE = "usage";
  public static final String PURCHASE = "purchase";
  public static final String REFUND = "refund";
  public static final String UNUSED_RESERVATION = "unusedreservation";
  public static final String UNUSED_SAVINGS_PLAN = "unusedsavingsplan";

  public static final Map<String, String> CHARGE_CATEGORY =
      Map.of(
          USAGE,
          "Usage",
          PURCHASE,
          "Purchase",
          REFUND,
          "Purchase",
          UNUSED_RESERVATION,
          "Usage",
          UNUSED_SAVINGS_PLAN,
          "Usage",
          "roundingadjustment",
          "Adjustment",
          "tax",
          "Tax",
          "credit",
          "Credit",
          "adjustment",
          "Adjustment");

  public static final String ON_DEMAND = "ondemand";
  public static final String SPOT = "spot";
  public static final String RESERVATION = "reservation";
  public static final String SAVINGS_PLAN = "savingsplan";

  public static final Map<String, String> PRICING_CATEGORY =
      Map.of(
          ON_DEMAND,
          "Standard",
          SPOT,
          "Dynamic",
          RESERVATION,
          "Committed",
          SAVINGS_PLAN,
          "Committed");
}
