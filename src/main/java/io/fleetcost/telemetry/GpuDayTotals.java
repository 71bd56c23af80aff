package io.fleetcost.telemetry;

/**
 * Daily aggregates ({@link GpuDaySeries.LabelSetDay}, as {@link GpuDays} keeps them) merged into
 * one GPU's, or one pod's share of one GPU's, profile over a window. Counts, durations and sums add
 * up; the activity histograms (exact to 0.1 point) and the memory value counts (exact) merge, so
 * the percentiles are those of the window's samples. Callers add days in a fixed order (day, then
 * GPU series, then label set) so that floating-point sums are the same however the days were
 * computed.
 */
final class GpuDayTotals {
  private final ActivityHistogram histogram = new ActivityHistogram();
  private final ValueCounts memory = new ValueCounts();
  private long samples;
  private double seconds;
  private double activitySum;
  private double max = Double.NaN;
  private double activeSeconds;
  private double idleSeconds;
  private double memoryMax = Double.NaN;
  private double memoryTotalMax = Double.NaN;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  /** Adds one label set's day; a day without a sample with an activity adds nothing. */
  void add(
      long daySamples,
      double daySeconds,
      double dayActivitySum,
      double dayMax,
      double dayActiveSeconds,
      double dayIdleSeconds,
      long dayFirst,
      long dayLast,
      int[] bins,
      long[] binCounts,
      double[] memoryValues,
      long[] memoryCounts,
      double dayMemoryMax,
      double dayMemoryTotalMax) {
    if (daySamples == 0) {
      return;
    }
    samples += daySamples;
    seconds += daySeconds;
    activitySum += dayActivitySum;
    max = Double.isNaN(max) ? dayMax : Math.max(max, dayMax);
    activeSeconds += dayActiveSeconds;
    idleSeconds += dayIdleSeconds;
    first = Math.min(first, dayFirst);
    last = Math.max(last, dayLast);
    for (int i = 0; i < bins.length; i++) {
      histogram.add(bins[i], binCounts[i]);
    }
    memory.merge(memoryValues, memoryCounts);
    memoryMax = larger(memoryMax, dayMemoryMax);
    memoryTotalMax = larger(memoryTotalMax, dayMemoryTotalMax);
  }

  void add(GpuDaySeries.LabelSetDay day) {
    add(
        day.samples(),
        day.seconds(),
        day.activitySum(),
        day.activityMax(),
        day.activeSeconds(),
        day.idleSeconds(),
        day.firstMicros(),
        day.lastMicros(),
        day.histogram().bins(),
        day.histogram().counts(),
        day.memory().values(),
        day.memory().counts(),
        day.memoryMax(),
        day.memoryTotalMax());
  }

  private static double larger(double current, double candidate) {
    return Double.isNaN(candidate)
        ? current
        : Double.isNaN(current) ? candidate : Math.max(current, candidate);
  }

  long samples() {
    return samples;
  }

  double seconds() {
    return seconds;
  }

  double activitySum() {
    return activitySum;
  }

  double mean() {
    return activitySum / samples;
  }

  double max() {
    return max;
  }

  double activeSeconds() {
    return activeSeconds;
  }

  double idleSeconds() {
    return idleSeconds;
  }

  double percentile(double p) {
    return histogram.percentile(p);
  }

  double memoryPercentile(double p) {
    return memory.nearestRank(p);
  }

  double memoryMax() {
    return memoryMax;
  }

  double memoryTotalMax() {
    return memoryTotalMax;
  }

  long first() {
    return first;
  }

  long last() {
    return last;
  }

  ActivityHistogram histogram() {
    return histogram;
  }
}
