package io.fleetcost.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * One GPU's samples of one UTC day, in time order, summed per label set: the daily aggregate that
 * {@link GpuDays} keeps and {@link GpuDayTotals} merges into a window's profile.
 *
 * <p>Each sample stands for the time to the GPU's next sample of the same day (the previous one for
 * the day's last sample), capped at the gap limit. Samples without an activity count for the
 * durations of their neighbours only. Days are summed alone so that a day's aggregate never changes
 * when a later day arrives: the last sample of a day stands for the gap before it, which equals the
 * gap after it at a regular step. Growable arrays: one instance is reused day after day.
 */
final class GpuDaySeries {
  private long[] micros = new long[256];
  private double[] activity = new double[256];
  private double[] memoryUsed = new double[256];
  private double[] memoryTotal = new double[256];
  private long[] labelSets = new long[256];
  private int size;

  /** What a day's samples of one label set give; {@code samples} counts those with an activity. */
  record LabelSetDay(
      long labelSet,
      long samples,
      double seconds,
      double activitySum,
      double activityMax,
      double activeSeconds,
      double idleSeconds,
      long firstMicros,
      long lastMicros,
      long newestMicros,
      ActivityHistogram histogram,
      ValueCounts memory,
      double memoryMax,
      double memoryTotalMax) {}

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Adds the next sample in time order; NaN for a metric the sample does not have. */
  void add(
      long timeMicros,
      double activityPercent,
      double memoryUsedMib,
      double memoryTotalMib,
      long labelSet) {
    if (size == micros.length) {
      int capacity = size * 2;
      micros = Arrays.copyOf(micros, capacity);
      activity = Arrays.copyOf(activity, capacity);
      memoryUsed = Arrays.copyOf(memoryUsed, capacity);
      memoryTotal = Arrays.copyOf(memoryTotal, capacity);
      labelSets = Arrays.copyOf(labelSets, capacity);
    }
    micros[size] = timeMicros;
    activity[size] = activityPercent;
    memoryUsed[size] = memoryUsedMib;
    memoryTotal[size] = memoryTotalMib;
    labelSets[size] = labelSet;
    size++;
  }

  /** One aggregate per label set of the day's samples, by label set. */
  List<LabelSetDay> summarize(double maxGapSeconds, double activePercent, double idlePercent) {
    TreeMap<Long, Sums> byLabelSet = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      Sums sums = byLabelSet.computeIfAbsent(labelSets[i], k -> new Sums());
      sums.newest = Math.max(sums.newest, micros[i]);
      if (!Double.isNaN(activity[i])) {
        sums.add(i, Math.min(gapMicros(i) / 1_000_000d, maxGapSeconds), activePercent, idlePercent);
      }
    }
    List<LabelSetDay> days = new ArrayList<>(byLabelSet.size());
    byLabelSet.forEach((labelSet, sums) -> days.add(sums.day(labelSet)));
    return days;
  }

  private long gapMicros(int i) {
    return i + 1 < size ? micros[i + 1] - micros[i] : i > 0 ? micros[i] - micros[i - 1] : 0;
  }

  private final class Sums {
    final ActivityHistogram histogram = new ActivityHistogram();
    double[] memories = new double[16];
    int m;
    long n;
    double seconds;
    double sum;
    double max = Double.NaN;
    double active;
    double idle;
    double memoryMax = Double.NaN;
    double totalMax = Double.NaN;
    long first;
    long last;
    long newest = Long.MIN_VALUE;

    void add(int i, double duration, double activePercent, double idlePercent) {
      double a = activity[i];
      if (n == 0) {
        first = micros[i];
      }
      last = micros[i];
      n++;
      histogram.add(a);
      seconds += duration;
      sum += a;
      max = Double.isNaN(max) ? a : Math.max(max, a);
      if (a >= activePercent) {
        active += duration;
      }
      if (a < idlePercent) {
        idle += duration;
      }
      if (!Double.isNaN(memoryUsed[i])) {
        if (m == memories.length) {
          memories = Arrays.copyOf(memories, m * 2);
        }
        memories[m++] = memoryUsed[i];
        memoryMax = Double.isNaN(memoryMax) ? memoryUsed[i] : Math.max(memoryMax, memoryUsed[i]);
      }
      if (!Double.isNaN(memoryTotal[i])) {
        totalMax = Double.isNaN(totalMax) ? memoryTotal[i] : Math.max(totalMax, memoryTotal[i]);
      }
    }

    LabelSetDay day(long labelSet) {
      return new LabelSetDay(
          labelSet,
          n,
          seconds,
          sum,
          max,
          active,
          idle,
          first,
          last,
          newest,
          histogram,
          ValueCounts.of(memories, m),
          memoryMax,
          totalMax);
    }
  }
}
