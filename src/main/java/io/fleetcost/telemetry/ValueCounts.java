package io.fleetcost.telemetry;

import java.util.Arrays;

/**
 * Exact counts of distinct values (memory used, in MiB), sorted: a mergeable summary whose
 * nearest-rank percentiles equal those of the values it counts. DCGM and nvidia-smi report memory
 * in whole MiB, so a GPU's day holds at most a few hundred distinct values.
 */
final class ValueCounts {
  private double[] values;
  private long[] counts;
  private int size;

  ValueCounts() {
    this(new double[16], new long[16], 0);
  }

  private ValueCounts(double[] values, long[] counts, int size) {
    this.values = values;
    this.counts = counts;
    this.size = size;
  }

  /** Counts of {@code values} (any order, NaN skipped). */
  static ValueCounts of(double[] values, int n) {
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    ValueCounts result = new ValueCounts(new double[Math.max(1, n)], new long[Math.max(1, n)], 0);
    for (double value : sorted) {
      if (Double.isNaN(value)) {
        continue;
      }
      if (result.size > 0 && result.values[result.size - 1] == value) {
        result.counts[result.size - 1]++;
      } else {
        result.values[result.size] = value;
        result.counts[result.size++] = 1;
      }
    }
    return result;
  }

  /**
   * Adds sorted distinct {@code values} with their {@code counts} (a merge of two sorted lists).
   */
  void merge(double[] otherValues, long[] otherCounts) {
    double[] mergedValues = new double[size + otherValues.length];
    long[] mergedCounts = new long[size + otherValues.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < size || j < otherValues.length) {
      if (j == otherValues.length || (i < size && values[i] < otherValues[j])) {
        mergedValues[k] = values[i];
        mergedCounts[k++] = counts[i++];
      } else if (i == size || otherValues[j] < values[i]) {
        mergedValues[k] = otherValues[j];
        mergedCounts[k++] = otherCounts[j++];
      } else {
        mergedValues[k] = values[i];
        mergedCounts[k++] = counts[i++] + otherCounts[j++];
      }
    }
    values = mergedValues;
    counts = mergedCounts;
    size = k;
  }

  long total() {
    long total = 0;
    for (int i = 0; i < size; i++) {
      total += counts[i];
    }
    return total;
  }

  /** The smallest value with at least {@code p} of the values at or below it; NaN when empty. */
  double nearestRank(double p) {
    long total = total();
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, Math.min(total, (long) Math.ceil(p * total)));
    long seen = 0;
    for (int i = 0; i < size; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return values[i];
      }
    }
    return values[size - 1];
  }

  double[] values() {
    return Arrays.copyOf(values, size);
  }

  long[] counts() {
    return Arrays.copyOf(counts, size);
  }
}
