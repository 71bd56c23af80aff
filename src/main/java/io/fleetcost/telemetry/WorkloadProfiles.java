package io.fleetcost.telemetry;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-workload profiles: the samples of every pod of a workload (namespace + workload name), over
 * all the GPUs it ran on in the window. The workload name is the pod name without the suffixes
 * Kubernetes controllers add: a Deployment's {@code -<template hash>-<5 chars>}, a Job's or
 * DaemonSet's {@code -<5 chars>} (both from the consonant-and-digit alphabet Kubernetes uses for
 * generated names, so {@code model-serve} stays whole), a StatefulSet's {@code -<ordinal>}.
 *
 * <p>Built from each pod's share of each GPU ({@link GpuProfiles.Profiles#podShares}), merged on
 * the driver: one row per GPU and pod, not per sample. Activity percentiles come from the merged
 * {@link ActivityHistogram}s (exact for whole and tenth points, within 0.05 point otherwise);
 * {@code memory_p99_mib} is the highest p99 of the workload's GPUs (the memory one replica needs),
 * not a percentile over the pooled samples.
 */
public final class WorkloadProfiles {
  public static final String WORKLOAD = "workload";
  private static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";
  private static final Pattern DEPLOYMENT =
      Pattern.compile("^(.+)-" + SAFE + "{6,10}-" + SAFE + "{5}$");
  private static final Pattern GENERATED = Pattern.compile("^(.+)-" + SAFE + "{5}$");
  private static final Pattern ORDINAL = Pattern.compile("^(.+)-[0-9]+$");

  static final StructType SCHEMA =
      new StructType()
          .add(GpuSampleColumns.CLUSTER, DataTypes.StringType, true)
          .add(GpuSampleColumns.NAMESPACE, DataTypes.StringType, true)
          .add(WORKLOAD, DataTypes.StringType, false)
          .add("pods", DataTypes.LongType, false)
          .add("gpus", DataTypes.LongType, false)
          .add("samples", DataTypes.LongType, false)
          .add("gpu_hours", DataTypes.DoubleType, false)
          .add("mean", DataTypes.DoubleType, false)
          .add("max", DataTypes.DoubleType, false)
          .add("idle_gpu_hours", DataTypes.DoubleType, false)
          .add("memory_p99_mib", DataTypes.DoubleType, true)
          .add("memory_max_mib", DataTypes.DoubleType, true)
          .add("first_sample", DataTypes.TimestampType, false)
          .add("last_sample", DataTypes.TimestampType, false)
          .add("p50", DataTypes.DoubleType, false)
          .add("p95", DataTypes.DoubleType, false)
          .add("p99", DataTypes.DoubleType, false)
          .add("active_fraction", DataTypes.DoubleType, false)
          .add("coverage", DataTypes.DoubleType, false)
          .add("burstiness", DataTypes.DoubleType, false);

  private WorkloadProfiles() {}

  /** The workload a pod belongs to, by its name. */
  public static String workloadOf(String pod) {
    for (Pattern pattern : List.of(DEPLOYMENT, GENERATED, ORDINAL)) {
      Matcher matcher = pattern.matcher(pod);
      if (matcher.matches()) {
        return matcher.group(1);
      }
    }
    return pod;
  }

  /** One row per (cluster, namespace, workload). */
  public static Dataset<Row> perWorkload(
      SparkSession spark, GpuProfiles.Profiles profiles, GpuProfiles.Settings settings) {
    double windowHours =
        (settings.windowEnd().toEpochMilli() - settings.windowStart().toEpochMilli()) / 3_600_000d;
    Map<List<String>, Workload> workloads = new LinkedHashMap<>();
    for (Row share : profiles.podShares().collectAsList()) {
      String cluster = share.getAs(GpuSampleColumns.CLUSTER);
      String namespace = share.getAs(GpuSampleColumns.NAMESPACE);
      String pod = share.getAs(GpuSampleColumns.POD);
      List<String> key = java.util.Arrays.asList(cluster, namespace, workloadOf(pod));
      workloads.computeIfAbsent(key, k -> new Workload()).add(share, pod);
    }
    List<Row> rows = new ArrayList<>();
    workloads.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
        .forEach(entry -> rows.add(entry.getValue().row(entry.getKey(), windowHours)));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** A workload's shares, merged. */
  private static final class Workload {
    private final Set<String> pods = new HashSet<>();
    private final Set<Long> gpus = new HashSet<>();
    private final ActivityHistogram histogram = new ActivityHistogram();
    private long samples;
    private double seconds;
    private double activitySum;
    private double max = Double.NEGATIVE_INFINITY;
    private double activeSeconds;
    private double idleHours;
    private Double memoryP99;
    private Double memoryMax;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    void add(Row share, String pod) {
      pods.add(pod);
      gpus.add(share.getAs(GpuProfiles.GPU_REF));
      samples += share.<Long>getAs("samples");
      seconds += share.<Double>getAs("hours") * 3600d;
      activitySum += share.<Double>getAs("activity_sum");
      max = Math.max(max, share.<Double>getAs("max"));
      activeSeconds += share.<Double>getAs("active_seconds");
      idleHours += share.<Double>getAs("idle_hours");
      memoryP99 = larger(memoryP99, share.getAs("memory_p99_mib"));
      memoryMax = larger(memoryMax, share.getAs("memory_max_mib"));
      first = Math.min(first, share.<Long>getAs("first_micros"));
      last = Math.max(last, share.<Long>getAs("last_micros"));
      List<Integer> bins = share.getList(share.fieldIndex("histogram_bins"));
      List<Long> counts = share.getList(share.fieldIndex("histogram_counts"));
      for (int i = 0; i < bins.size(); i++) {
        histogram.add(bins.get(i), counts.get(i));
      }
    }

    Row row(List<String> key, double windowHours) {
      double gpuHours = seconds / 3600d;
      double mean = activitySum / samples;
      double p99 = histogram.percentile(0.99);
      return RowFactory.create(
          key.get(0),
          key.get(1),
          key.get(2),
          (long) pods.size(),
          (long) gpus.size(),
          samples,
          gpuHours,
          mean,
          max,
          idleHours,
          memoryP99,
          memoryMax,
          timestamp(first),
          timestamp(last),
          histogram.percentile(0.5),
          histogram.percentile(0.95),
          p99,
          gpuHours > 0 ? activeSeconds / (gpuHours * 3600d) : 0d,
          Math.min(gpuHours / Math.max(gpus.size(), 1) / windowHours, 1d),
          mean > 0 ? p99 / Math.max(mean, 1e-9) : 0d);
    }

    private static Double larger(Double current, Double candidate) {
      return candidate == null
          ? current
          : current == null ? candidate : Math.max(current, candidate);
    }

    private static Timestamp timestamp(long micros) {
      Timestamp timestamp = new Timestamp(Math.floorDiv(micros, 1000L));
      timestamp.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
      return timestamp;
    }
  }
}
