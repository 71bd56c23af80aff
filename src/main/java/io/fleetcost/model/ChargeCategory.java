package io.fleetcost.model;

import java.util.List;

/** FOCUS ChargeCategory (mandatory, never null). */
public enum ChargeCategory implements FocusValue {
  USAGE("Usage"),
  PURCHASE("Purchase"),
  TAX("Tax"),
  CREDIT("Credit"),
  ADJUSTMENT(
      "Adjustment", List.of("Rounding")); // Azure RoundingAdjustment is mapped by the Azure reader

  private final String focusName;
  private final List<String> synonyms;

  ChargeCategory(String focusName) {
    this(focusName, List.of());
  }

  ChargeCategory(String focusName, List<String> synonyms) {
    this.focusName = focusName;
    this.synonyms = synonyms;
  }

  @Override
  public String focusName() {
    return focusName;
  }

  @Override
  public List<String> synonyms() {
    return synonyms;
  }
}
