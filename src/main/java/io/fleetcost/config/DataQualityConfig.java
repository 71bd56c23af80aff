package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Limits on bad input. {@code maxQuarantinedFraction} (0–1) fails the run with exit code 2 when a larger share of
 * the billing rows read was quarantined; {@code maxQuarantinedTelemetryFraction} does the same for telemetry values.
 * Unset means quarantined rows are reported but never fail the run.
 */
public record DataQualityConfig(
    @JsonProperty("max-quarantined-fraction") BigDecimal maxQuarantinedFraction,
    @JsonProperty("max-quarantined-telemetry-fraction") BigDecimal maxQuarantinedTelemetryFraction) {
  public static final DataQualityConfig DEFAULT = new DataQualityConfig(null, null);
}
