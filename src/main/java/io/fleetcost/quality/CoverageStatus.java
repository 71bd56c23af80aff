package io.fleetcost.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How completely an input covers the run's window, worst first: {@code missing} (no files, or no
 * rows in the window), {@code stale} (its newest row is older than the staleness limit), {@code
 * holes} (a day inside the span it covers has no row at all), {@code ok}.
 */
public enum CoverageStatus {
  MISSING,
  STALE,
  HOLES,
  OK;

  /**
   * Missing and stale inputs make the figures wrong (a cloud or a day's spend is absent): they fail
   * the run.
   */
  public boolean failsTheRun() {
    return this == MISSING || this == STALE;
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
