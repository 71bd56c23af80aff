package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code data-quality.max-staleness-hours}: how old the newest row of an input may be at the end of
 * the run date. One number sets both kinds; a map sets {@code billing} and {@code telemetry} apart.
 * Defaults: 48 hours for billing (the exports lag by up to a day), 6 for telemetry (scrapes are
 * continuous).
 */
public record StalenessLimits(int billingHours, int telemetryHours) {
  public static final StalenessLimits DEFAULT = new StalenessLimits(48, 6);

  public StalenessLimits {
    if (billingHours < 1 || telemetryHours < 1) {
      throw new IllegalArgumentException("hours must be positive whole numbers");
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static StalenessLimits of(JsonNode node) {
    if (node.isIntegralNumber()) {
      return new StalenessLimits(node.intValue(), node.intValue());
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "must be a number of hours, or a map with billing and telemetry (got " + node + ")");
    }
    int billing = DEFAULT.billingHours;
    int telemetry = DEFAULT.telemetryHours;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isIntegralNumber()) {
        throw new IllegalArgumentException(
            field.getKey() + " must be a whole number of hours (got " + field.getValue() + ")");
      }
      switch (field.getKey()) {
        case "billing" -> billing = field.getValue().intValue();
        case "telemetry" -> telemetry = field.getValue().intValue();
        default ->
            throw new IllegalArgumentException(
                "unknown key '" + field.getKey() + "' (known: billing, telemetry)");
      }
    }
    return new StalenessLimits(billing, telemetry);
  }
}
