package io.fleetcost.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an input delivers: the bill, or GPU telemetry. */
public enum InputKind {
  BILLING,
  TELEMETRY;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
