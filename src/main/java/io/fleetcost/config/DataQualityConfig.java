package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Limits on bad input. {@code maxQuarantinedFraction} (0–1) fails the run with exit code 2 when a larger share of
 * the billing rows read was quarantined; unset means quarantined rows are reported but never fail the run.
 */
public record DataQualityConfig(@JsonProperty("max-quarantined-fraction") BigDecimal maxQuarantinedFraction) {
  public static final DataQualityConfig DEFAULT = new DataQualityConfig(null);
}
