package io.fleetcost.telemetry;

import java.util.Arrays;

/**
 * One task's values pivoted to one entry per GPU and time, one slot per metric (the largest value
 * when a metric comes twice), with the smallest label-set id seen: an open-addressing hash map on
 * two longs, so that a task hands Spark a quarter of the rows a value-per-row form would, without
 * an object per value.
 */
final class WideSamples {
  private final int metrics;
  private long[] gpus;
  private long[] times;
  private long[] labelSets;
  private int[] valueCounts;
  private double[] values;
  private int[] slots; // entry index + 1, 0 = empty
  private int size;

  WideSamples(int metrics) {
    this.metrics = metrics;
    allocate(1 << 12);
  }

  private void allocate(int capacity) {
    gpus = new long[capacity];
    times = new long[capacity];
    labelSets = new long[capacity];
    valueCounts = new int[capacity];
    values = new double[capacity * metrics];
    Arrays.fill(values, Double.NaN);
    slots = new int[capacity * 2];
  }

  int size() {
    return size;
  }

  void put(long gpu, long labelSet, long time, int metric, double value) {
    int entry = find(gpu, time);
    if (entry < 0) {
      if (size == gpus.length) {
        grow();
      }
      entry = size++;
      gpus[entry] = gpu;
      times[entry] = time;
      labelSets[entry] = labelSet;
      insert(entry);
    } else if (labelSet < labelSets[entry]) {
      labelSets[entry] = labelSet;
    }
    valueCounts[entry]++;
    int at = entry * metrics + metric;
    if (Double.isNaN(values[at]) || value > values[at]) {
      values[at] = value;
    }
  }

  long gpu(int entry) {
    return gpus[entry];
  }

  long time(int entry) {
    return times[entry];
  }

  long labelSet(int entry) {
    return labelSets[entry];
  }

  int valueCount(int entry) {
    return valueCounts[entry];
  }

  /** The metric's value of the entry, NaN when none came. */
  double value(int entry, int metric) {
    return values[entry * metrics + metric];
  }

  private int find(long gpu, long time) {
    int mask = slots.length - 1;
    int slot = hash(gpu, time) & mask;
    while (slots[slot] != 0) {
      int entry = slots[slot] - 1;
      if (gpus[entry] == gpu && times[entry] == time) {
        return entry;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private void insert(int entry) {
    int mask = slots.length - 1;
    int slot = hash(gpus[entry], times[entry]) & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = entry + 1;
  }

  private void grow() {
    int capacity = gpus.length * 2;
    gpus = Arrays.copyOf(gpus, capacity);
    times = Arrays.copyOf(times, capacity);
    labelSets = Arrays.copyOf(labelSets, capacity);
    valueCounts = Arrays.copyOf(valueCounts, capacity);
    int old = values.length;
    values = Arrays.copyOf(values, capacity * metrics);
    Arrays.fill(values, old, values.length, Double.NaN);
    slots = new int[capacity * 2];
    for (int entry = 0; entry < size; entry++) {
      insert(entry);
    }
  }

  private static int hash(long gpu, long time) {
    long h = gpu * 0x9E3779B97F4A7C15L + time;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }
}
