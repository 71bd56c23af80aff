package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code savings:} section of a job file. Every key is optional; unset keys take the defaults
 * of {@link SavingsThresholds#DEFAULTS}.
 *
 * @param lookbackDays the profile window, ending at the end of the run date or at the newest
 *     telemetry sample if that is earlier (default 14)
 * @param sampleGapLimitSeconds a sample stands for the time to the next one of its GPU, at most
 *     this long: longer gaps are missing data, not coverage (default 900, a 15-minute Prometheus
 *     step)
 * @param ownerTags the tags that name a resource's owner, first match wins (default {@code team},
 *     {@code owner}); without one, the namespace its GPUs' workloads run in
 * @param exchangeRatesToUsd 1 unit of the currency in USD, for the USD totals of {@code
 *     cost_analysis}; a currency without a rate is reported apart and left out of the USD totals
 */
public record SavingsConfig(
    @JsonProperty("lookback-days") Integer lookbackDays,
    @JsonProperty("sample-gap-limit-seconds") Integer sampleGapLimitSeconds,
    @JsonProperty("owner-tags") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> ownerTags,
    @JsonProperty("exchange-rates-to-usd") Map<String, BigDecimal> exchangeRatesToUsd,
    @JsonProperty("thresholds") Thresholds thresholds) {

  public static final SavingsConfig DEFAULT = new SavingsConfig(null, null, null, null, null);

  public SavingsConfig {
    lookbackDays = lookbackDays == null ? 14 : lookbackDays;
    sampleGapLimitSeconds = sampleGapLimitSeconds == null ? 900 : sampleGapLimitSeconds;
    ownerTags =
        ownerTags == null || ownerTags.isEmpty()
            ? List.of("team", "owner")
            : List.copyOf(ownerTags);
    exchangeRatesToUsd =
        exchangeRatesToUsd == null ? Map.of() : Map.copyOf(new TreeMap<>(exchangeRatesToUsd));
    thresholds = thresholds == null ? Thresholds.NONE : thresholds;
  }

  /** The thresholds of the savings engine, as written; null means the default. */
  public record Thresholds(
      @JsonProperty("idle-mean-percent") Double idleMeanPercent,
      @JsonProperty("idle-p99-percent") Double idleP99Percent,
      @JsonProperty("zombie-memory-fraction") Double zombieMemoryFraction,
      @JsonProperty("rightsize-mean-percent") Double rightsizeMeanPercent,
      @JsonProperty("mig-mean-percent") Double migMeanPercent,
      @JsonProperty("spot-peak-percent") Double spotPeakPercent,
      @JsonProperty("spot-mean-percent") Double spotMeanPercent,
      @JsonProperty("headroom-percent") Double headroomPercent,
      @JsonProperty("minimum-hours") Double minimumHours,
      @JsonProperty("interruption-overhead") Map<String, Double> interruptionOverhead) {
    static final Thresholds NONE =
        new Thresholds(null, null, null, null, null, null, null, null, null, null);

    /**
     * The engine's thresholds: these values over the defaults. Throws IllegalArgumentException when
     * out of range.
     */
    public SavingsThresholds resolve() {
      SavingsThresholds d = SavingsThresholds.DEFAULTS;
      Map<String, Double> overhead = new LinkedHashMap<>(d.interruptionOverhead());
      if (interruptionOverhead != null) {
        overhead.putAll(interruptionOverhead);
      }
      return new SavingsThresholds(
          or(idleMeanPercent, d.idleMeanPercent()),
          or(idleP99Percent, d.idleP99Percent()),
          or(zombieMemoryFraction, d.zombieMemoryFraction()),
          or(rightsizeMeanPercent, d.rightsizeMeanPercent()),
          or(migMeanPercent, d.migMeanPercent()),
          or(spotPeakPercent, d.spotPeakPercent()),
          or(spotMeanPercent, d.spotMeanPercent()),
          or(headroomPercent, d.headroomPercent()),
          or(minimumHours, d.minimumHours()),
          overhead);
    }

    private static double or(Double value, double fallback) {
      return value == null ? fallback : value;
    }
  }
}
