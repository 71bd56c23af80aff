package io.fleetcost.savings;

import java.util.Locale;

/** How likely an opportunity's action is to disturb the work that runs on the resource. */
public enum Risk {
  LOW,
  MEDIUM,
  HIGH;

  /**
   * The name in outputs ({@code opportunities.json} and {@code .csv}, the history tables, the
   * report): low, medium, high.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
