package io.fleetcost.savings;

import java.math.BigDecimal;

/** A segment tree of decimals (or none) that finds the first one above a threshold in a range. */
final class FirstAbove {
  private final int size;
  private final BigDecimal[] values;
  private final BigDecimal[] max;

  FirstAbove(BigDecimal[] values) {
    this.size = values.length;
    this.values = values.clone();
    this.max = new BigDecimal[4 * Math.max(1, size)];
    build(1, 0, size);
  }

  private void build(int node, int low, int high) {
    if (high - low == 1) {
      max[node] = values[low];
      return;
    }
    int mid = (low + high) >>> 1;
    build(2 * node, low, mid);
    build(2 * node + 1, mid, high);
    max[node] = larger(max[2 * node], max[2 * node + 1]);
  }

  BigDecimal value(int index) {
    return values[index];
  }

  void clear(int index) {
    values[index] = null;
    clear(1, 0, size, index);
  }

  private void clear(int node, int low, int high, int index) {
    if (high - low == 1) {
      max[node] = null;
      return;
    }
    int mid = (low + high) >>> 1;
    if (index < mid) {
      clear(2 * node, low, mid, index);
    } else {
      clear(2 * node + 1, mid, high, index);
    }
    max[node] = larger(max[2 * node], max[2 * node + 1]);
  }

  /** The first index in [from, to) whose value is above the threshold, or -1. */
  int first(int from, int to, BigDecimal threshold) {
    return from >= to ? -1 : first(1, 0, size, from, to, threshold);
  }

  private int first(int node, int low, int high, int from, int to, BigDecimal threshold) {
    if (high <= from || to <= low || max[node] == null || max[node].compareTo(threshold) <= 0) {
      return -1;
    }
    if (high - low == 1) {
      return low;
    }
    int mid = (low + high) >>> 1;
    int found = first(2 * node, low, mid, from, to, threshold);
    return found >= 0 ? found : first(2 * node + 1, mid, high, from, to, threshold);
  }

  private static BigDecimal larger(BigDecimal a, BigDecimal b) {
    return a == null ? b : b == null ? a : a.max(b);
  }
}
