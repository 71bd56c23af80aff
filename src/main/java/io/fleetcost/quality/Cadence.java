package io.fleetcost.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How often a billing input is delivered. {@code daily}: an export refreshed every day (CUR, the
 * BigQuery export, Azure's daily exports), checked day by day over the window. {@code monthly}: a
 * closed month delivered once (an invoice-style file, a FOCUS export of a past month), checked only
 * for rows in the previous or current month.
 */
public enum Cadence {
  DAILY,
  MONTHLY;

  public static Cadence fromName(String name) {
    for (Cadence cadence : values()) {
      if (cadence.label().equalsIgnoreCase(name.trim())) {
        return cadence;
      }
    }
    throw new IllegalArgumentException("must be daily or monthly (got '" + name + "')");
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
