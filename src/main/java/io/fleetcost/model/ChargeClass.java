package io.fleetcost.model;

/** FOCUS ChargeClass: Correction, or null for a regular charge. */
public enum ChargeClass implements FocusValue {
  CORRECTION("Correction");

  private final String focusName;

  ChargeClass(String focusName) {
    this.focusName = focusName;
  }

  @Override
  public String focusName() {
    return focusName;
  }
}
