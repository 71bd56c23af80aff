package io.fleetcost.model;

import java.util.List;

/** FOCUS ChargeFrequency. Azure writes OneTime / Recurring / UsageBased. */
public enum ChargeFrequency implements FocusValue {
  ONE_TIME("One-Time", List.of("OneTime", "One Time")),
  RECURRING("Recurring", List.of()),
  USAGE_BASED("Usage-Based", List.of("UsageBased", "Usage Based"));

  private final String focusName;
  private final List<String> synonyms;

  ChargeFrequency(String focusName, List<String> synonyms) {
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
