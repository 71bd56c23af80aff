package io.fleetcost.model;

/**
 * FOCUS CommitmentDiscountCategory: a spend-based (savings plan) or usage-based (reservation)
 * commitment.
 */
public enum CommitmentDiscountCategory implements FocusValue {
  SPEND("Spend"),
  USAGE("Usage");

  private final String focusName;

  CommitmentDiscountCategory(String focusName) {
    this.focusName = focusName;
  }

  @Override
  public String focusName() {
    return focusName;
  }
}
