package io.fleetcost.model;

/**
 * FOCUS CommitmentDiscountStatus: whether a commitment-discount row is consumed usage or unused
 * commitment.
 */
public enum CommitmentDiscountStatus implements FocusValue {
  USED("Used"),
  UNUSED("Unused");

  private final String focusName;

  CommitmentDiscountStatus(String focusName) {
    this.focusName = focusName;
  }

  @Override
  public String focusName() {
    return focusName;
  }
}
