package io.fleetcost.telemetry;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A mergeable count of activity values (0–100 %) in tenth-of-a-point bins: 1,001 bins, so that
 * percentiles of merged samples are exact for values DCGM and nvidia-smi report (whole or tenth
 * points) and within 0.05 point otherwise. Kept sparse (the bins that hold values), since one GPU's
 * day rarely fills more than a few hundred.
 */
final class ActivityHistogram implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int BINS = 1001;

  private final long[] counts = new long[BINS];
  private long total;

  static int bin(double activity) {
    return (int) Math.max(0, Math.min(BINS - 1, Math.round(activity * 10)));
  }

  void add(double activity) {
    counts[bin(activity)]++;
    total++;
  }

  void add(int bin, long count) {
    counts[bin] += count;
    total += count;
  }

  void merge(ActivityHistogram other) {
    for (int i = 0; i < BINS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  long total() {
    return total;
  }

  /** Nearest rank over the bins: the value of the bin holding the ceil(p × n)-th smallest value. */
  double percentile(double p) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(p * total));
    long seen = 0;
    for (int i = 0; i < BINS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i / 10d;
      }
    }
    return (BINS - 1) / 10d;
  }

  /** The bins that hold values, ascending. */
  int[] bins() {
    return java.util.stream.IntStream.range(0, BINS).filter(i -> counts[i] > 0).toArray();
  }

  /** The counts of {@link #bins()}, in the same order. */
  long[] counts() {
    return Arrays.stream(counts).filter(c -> c > 0).toArray();
  }
}
