package io.fleetcost.model;

import java.util.List;

/**
 * FOCUS PricingCategory. {@code Dynamic} covers spot / preemptible / interruptible prices. The
 * synonyms are the pre-1.0 FOCUS values that older converters still emit.
 */
public enum PricingCategory implements FocusValue {
  STANDARD("Standard", List.of("On-Demand", "OnDemand", "On Demand")),
  DYNAMIC("Dynamic", List.of("Spot")),
  COMMITTED("Committed", List.of("Commitment-Based", "Commitment Discount", "Commitment-Discount")),
  OTHER("Other", List.of());

  private final String focusName;
  private final List<String> synonyms;

  PricingCategory(String focusName, List<String> synonyms) {
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
