package io.fleetcost.model;

/**
 * Finer than FOCUS PricingCategory, stored in {@code x_PricingSubcategory}: tells spot apart from
 * other dynamic prices and reservations apart from savings plans and committed-use discounts.
 */
public enum PricingSubcategory {
  ON_DEMAND("On-Demand"),
  SPOT("Spot"),
  RESERVATION("Reservation"),
  SAVINGS_PLAN("Savings Plan"),
  COMMITTED_USE("Committed Use Discount");

  private final String label;

  PricingSubcategory(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
