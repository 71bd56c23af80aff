package io.fleetcost.config;

import java.util.Map;
import java.util.Objects;

/**
 * The thresholds of the savings engine (job file: {@code savings:}). The defaults follow the
 * original design card's seed rules (average below 30 % → right-size; peak above 80 % with average
 * below 50 % → spot; average below 50 % → MIG), refined by the percentile-and-headroom method of
 * AWS Compute Optimizer (p95 compute, peak memory, 20 % headroom) and by a minimum of data (30
 * hours of samples, as Compute Optimizer requires).
 *
 * @param idleMeanPercent a GPU is idle when its mean activity is below this …
 * @param idleP99Percent … and its p99 activity is below this
 * @param zombieMemoryFraction an idle GPU holding at least this share of its memory half the time
 *     is a zombie
 * @param rightsizeMeanPercent a resource whose mean activity is below this is considered for
 *     right-sizing
 * @param migMeanPercent a MIG-capable resource whose mean activity is below this is considered for
 *     MIG packing
 * @param spotPeakPercent with {@code spotMeanPercent}: a resource whose peak (highest p99 of its
 *     GPUs) is above this and mean below that is bursty, a spot candidate
 * @param headroomPercent added to the p95 compute and peak memory a new shape must hold
 * @param minimumHours fewer hours of samples than this give "insufficient data", not a
 *     recommendation
 * @param interruptionOverhead share of the spot discount lost to interruptions (checkpoint and
 *     re-run time), per interruption bucket ({@code <5%} … {@code >20%}, {@code unknown})
 */
public record SavingsThresholds(
    double idleMeanPercent,
    double idleP99Percent,
    double zombieMemoryFraction,
    double rightsizeMeanPercent,
    double migMeanPercent,
    double spotPeakPercent,
    double spotMeanPercent,
    double headroomPercent,
    double minimumHours,
    Map<String, Double> interruptionOverhead) {

  public static final SavingsThresholds DEFAULTS =
      new SavingsThresholds(
          1.0,
          5.0,
          0.10,
          30.0,
          50.0,
          80.0,
          50.0,
          20.0,
          30.0,
          Map.of(
              "<5%",
              0.05, "5-10%", 0.10, "10-15%", 0.15, "15-20%", 0.20, ">20%", 0.30, "unknown", 0.15));

  public SavingsThresholds {
    Objects.requireNonNull(interruptionOverhead, "interruptionOverhead is null");
    interruptionOverhead = Map.copyOf(interruptionOverhead);
    requirePercent("idleMeanPercent", idleMeanPercent);
    requirePercent("idleP99Percent", idleP99Percent);
    requirePercent("rightsizeMeanPercent", rightsizeMeanPercent);
    requirePercent("migMeanPercent", migMeanPercent);
    requirePercent("spotPeakPercent", spotPeakPercent);
    requirePercent("spotMeanPercent", spotMeanPercent);
    if (zombieMemoryFraction <= 0 || zombieMemoryFraction > 1) {
      throw new IllegalArgumentException("zombieMemoryFraction must be in (0, 1]");
    }
    if (headroomPercent < 0 || headroomPercent > 200) {
      throw new IllegalArgumentException("headroomPercent must be between 0 and 200");
    }
    if (minimumHours < 0) {
      throw new IllegalArgumentException("minimumHours must not be negative");
    }
    interruptionOverhead.forEach(
        (bucket, overhead) -> {
          if (overhead < 0 || overhead >= 1) {
            throw new IllegalArgumentException(
                "interruption overhead of " + bucket + " must be in [0, 1)");
          }
        });
  }

  private static void requirePercent(String name, double value) {
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException(name + " must be between 0 and 100 (got " + value + ")");
    }
  }

  public double headroom() {
    return 1 + headroomPercent / 100;
  }

  public double overhead(String bucket) {
    return interruptionOverhead.getOrDefault(
        bucket == null ? "unknown" : bucket, interruptionOverhead.getOrDefault("unknown", 0.15));
  }
}
