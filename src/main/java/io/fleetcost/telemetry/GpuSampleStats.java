package io.fleetcost.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one GPU's samples, in time order, as {@link GpuProfiles} reports them. Each sample stands for
 * the time to the GPU's next sample (the previous one for the last), capped at the gap limit; percentiles are nearest
 * rank (the smallest value with at least p of the values at or below it), exact. Samples without an activity count
 * for the durations of their neighbours only. Growable arrays: one instance is reused GPU after GPU.
 */
final class GpuSampleStats {
  private long[] micros = new long[1024];
  private double[] activity = new double[1024];
  private double[] memoryUsed = new double[1024];
  private double[] memoryTotal = new double[1024];
  private long[] pods = new long[1024];
  private int size;

  /** No pod: the sample belongs to no workload. */
  static final long NO_POD = Long.MIN_VALUE;

  /** The share of one pod in a GPU's samples, to merge into its workload's profile. */
  record PodShare(
      long pod,
      long samples,
      double seconds,
      double activitySum,
      double max,
      double activeSeconds,
      double idleSeconds,
      double memoryP99,
      double memoryMax,
      long firstMicros,
      long lastMicros,
      ActivityHistogram histogram) {}

  /** What one GPU's samples give; NaN where nothing was measured. */
  record Stats(
      long samples,
      double hours,
      double mean,
      double p50,
      double p95,
      double p99,
      double max,
      double activeHours,
      double idleHours,
      double memoryP50,
      double memoryP99,
      double memoryMax,
      double memoryTotal,
      long firstMicros,
      long lastMicros) {}

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Adds the next sample in time order; NaN for a metric the sample does not have. */
  void add(long timeMicros, double activityPercent, double memoryUsedMib, double memoryTotalMib) {
    add(timeMicros, activityPercent, memoryUsedMib, memoryTotalMib, NO_POD);
  }

  /** Adds the next sample in time order, of the pod {@code pod} ({@link #NO_POD}: none). */
  void add(long timeMicros, double activityPercent, double memoryUsedMib, double memoryTotalMib, long pod) {
    if (size == micros.length) {
      int capacity = size * 2;
      micros = Arrays.copyOf(micros, capacity);
      activity = Arrays.copyOf(activity, capacity);
      memoryUsed = Arrays.copyOf(memoryUsed, capacity);
      memoryTotal = Arrays.copyOf(memoryTotal, capacity);
      pods = Arrays.copyOf(pods, capacity);
    }
    pods[size] = pod;
    micros[size] = timeMicros;
    activity[size] = activityPercent;
    memoryUsed[size] = memoryUsedMib;
    memoryTotal[size] = memoryTotalMib;
    size++;
  }

  /** Null when no sample has an activity. */
  Stats stats(double maxGapSeconds, double activePercent, double idlePercent) {
    Sums sums = new Sums(size, false);
    for (int i = 0; i < size; i++) {
      if (!Double.isNaN(activity[i])) {
        sums.add(i, maxGapSeconds, activePercent, idlePercent);
      }
    }
    if (sums.n == 0) {
      return null;
    }
    Arrays.sort(sums.activities, 0, sums.n);
    Arrays.sort(sums.memories, 0, sums.m);
    return new Stats(
        sums.n,
        sums.seconds / 3600d,
        sums.sum / sums.n,
        nearestRank(sums.activities, sums.n, 0.5),
        nearestRank(sums.activities, sums.n, 0.95),
        nearestRank(sums.activities, sums.n, 0.99),
        sums.max,
        sums.active / 3600d,
        sums.idle / 3600d,
        nearestRank(sums.memories, sums.m, 0.5),
        nearestRank(sums.memories, sums.m, 0.99),
        sums.memoryMax,
        sums.totalMax,
        sums.first,
        sums.last);
  }

  /** The shares of each pod of the GPU's samples (samples with an activity and a pod), in order of first sample. */
  List<PodShare> podShares(double maxGapSeconds, double activePercent, double idlePercent) {
    Map<Long, List<Integer>> byPod = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      if (pods[i] != NO_POD && !Double.isNaN(activity[i])) {
        byPod.computeIfAbsent(pods[i], p -> new ArrayList<>()).add(i);
      }
    }
    List<PodShare> shares = new ArrayList<>();
    for (Map.Entry<Long, List<Integer>> entry : byPod.entrySet()) {
      Sums sums = new Sums(entry.getValue().size(), true);
      for (int i : entry.getValue()) {
        sums.add(i, maxGapSeconds, activePercent, idlePercent);
      }
      Arrays.sort(sums.memories, 0, sums.m);
      shares.add(
          new PodShare(
              entry.getKey(), sums.n, sums.seconds, sums.sum, sums.max, sums.active, sums.idle,
              nearestRank(sums.memories, sums.m, 0.99), sums.memoryMax, sums.first, sums.last, sums.histogram));
    }
    return shares;
  }

  /** Running sums over some of the samples, those with an activity, taken in time order. */
  private final class Sums {
    final double[] activities;
    final double[] memories;
    final ActivityHistogram histogram;
    int n;
    int m;
    double seconds;
    double sum;
    double max = Double.NEGATIVE_INFINITY;
    double active;
    double idle;
    double memoryMax = Double.NaN;
    double totalMax = Double.NaN;
    long first;
    long last;

    Sums(int capacity, boolean withHistogram) {
      activities = new double[capacity];
      memories = new double[capacity];
      histogram = withHistogram ? new ActivityHistogram() : null;
    }

    void add(int i, double maxGapSeconds, double activePercent, double idlePercent) {
      double a = activity[i];
      double duration = Math.min(gapMicros(i) / 1_000_000d, maxGapSeconds);
      if (n == 0) {
        first = micros[i];
      }
      last = micros[i];
      activities[n++] = a;
      if (histogram != null) {
        histogram.add(a);
      }
      seconds += duration;
      sum += a;
      max = Math.max(max, a);
      if (a >= activePercent) {
        active += duration;
      }
      if (a < idlePercent) {
        idle += duration;
      }
      if (!Double.isNaN(memoryUsed[i])) {
        memories[m++] = memoryUsed[i];
        memoryMax = Double.isNaN(memoryMax) ? memoryUsed[i] : Math.max(memoryMax, memoryUsed[i]);
      }
      if (!Double.isNaN(memoryTotal[i])) {
        totalMax = Double.isNaN(totalMax) ? memoryTotal[i] : Math.max(totalMax, memoryTotal[i]);
      }
    }
  }

  private long gapMicros(int i) {
    return i + 1 < size ? micros[i + 1] - micros[i] : i > 0 ? micros[i] - micros[i - 1] : 0;
  }

  /** The smallest of the first {@code n} sorted values with at least {@code p} of them at or below it. */
  static double nearestRank(double[] sorted, int n, double p) {
    if (n == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * n);
    return sorted[Math.max(0, Math.min(n, rank) - 1)];
  }
}
