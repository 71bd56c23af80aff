package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Limits on bad and missing input.
 *
 * @param maxQuarantinedFraction 0–1: a run that quarantines a larger share of the billing rows read
 *     fails with exit code 2; unset means quarantined rows are reported but never fail the run
 * @param maxQuarantinedTelemetryFraction the same for telemetry values
 * @param maxStalenessHours how old an input's newest row may be at the end of the run date (billing
 *     48, telemetry 6)
 * @param onMissingInput {@code fail} (default): a run with a missing or stale input ends with exit
 *     code 1; {@code warn}: the run succeeds and only reports it
 */
public record DataQualityConfig(
    @JsonProperty("max-quarantined-fraction") BigDecimal maxQuarantinedFraction,
    @JsonProperty("max-quarantined-telemetry-fraction") BigDecimal maxQuarantinedTelemetryFraction,
    @JsonProperty("max-staleness-hours") StalenessLimits maxStalenessHours,
    @JsonProperty("on-missing-input") String onMissingInput) {
  public static final String FAIL = "fail";
  public static final String WARN = "warn";
  public static final DataQualityConfig DEFAULT = new DataQualityConfig(null, null, null, null);

  public DataQualityConfig {
    maxStalenessHours = maxStalenessHours == null ? StalenessLimits.DEFAULT : maxStalenessHours;
    onMissingInput =
        onMissingInput == null || onMissingInput.isBlank() ? FAIL : onMissingInput.trim();
  }

  /** Whether a missing or stale input fails the run. */
  public boolean failOnMissingInput() {
    return onMissingInput.equals(FAIL);
  }
}
