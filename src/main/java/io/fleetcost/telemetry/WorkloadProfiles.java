package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuProfiles.ACTIVITY;
import static io.fleetcost.telemetry.GpuProfiles.DURATION;
import static io.fleetcost.telemetry.GpuProfiles.RESOURCE_KEY;
import static io.fleetcost.telemetry.GpuSampleColumns.CLUSTER;
import static io.fleetcost.telemetry.GpuSampleColumns.FB_USED_MIB;
import static io.fleetcost.telemetry.GpuSampleColumns.NAMESPACE;
import static io.fleetcost.telemetry.GpuSampleColumns.POD;
import static io.fleetcost.telemetry.GpuSampleColumns.SAMPLE_TIME;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-workload profiles: the samples of every pod of a workload (namespace + workload name), over all the GPUs it ran
 * on in the window. The workload name is the pod name without the suffixes Kubernetes controllers add: a
 * Deployment's {@code -<template hash>-<5 chars>}, a Job's or DaemonSet's {@code -<5 chars>} (both from the
 * consonant-and-digit alphabet Kubernetes uses for generated names, so {@code model-serve} stays whole), a
 * StatefulSet's {@code -<ordinal>}.
 */
public final class WorkloadProfiles {
  public static final String WORKLOAD = "workload";
  private static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";

  private WorkloadProfiles() {}

  /** The workload a pod belongs to, by its name. */
  public static Column workloadOf(Column pod) {
    Column deployment = regexp_extract(pod, "^(.+)-" + SAFE + "{6,10}-" + SAFE + "{5}$", 1);
    Column generated = regexp_extract(pod, "^(.+)-" + SAFE + "{5}$", 1);
    Column ordinal = regexp_extract(pod, "^(.+)-[0-9]+$", 1);
    return when(deployment.notEqual(lit("")), deployment)
        .when(generated.notEqual(lit("")), generated)
        .when(ordinal.notEqual(lit("")), ordinal)
        .otherwise(pod);
  }

  /** One row per (cluster, namespace, workload) from {@link GpuProfiles#samplesInWindow} output. */
  public static Dataset<Row> perWorkload(Dataset<Row> samplesInWindow, GpuProfiles.Settings settings) {
    double windowHours = (settings.windowEnd().toEpochMilli() - settings.windowStart().toEpochMilli()) / 3_600_000d;
    Column activity = col(ACTIVITY);
    Column duration = col(DURATION);
    Dataset<Row> grouped =
        samplesInWindow
            .filter(col(POD).isNotNull().and(activity.isNotNull()))
            .withColumn(WORKLOAD, workloadOf(col(POD)))
            .groupBy(col(CLUSTER), col(NAMESPACE), col(WORKLOAD))
            .agg(
                countDistinct(col(POD)).as("pods"),
                countDistinct(concat_ws("|", col(RESOURCE_KEY), col("gpu_key"))).as("gpus"),
                count(activity).as("samples"),
                sum(duration).divide(lit(3600d)).as("gpu_hours"),
                avg(activity).as("mean"),
                percentile_approx(activity, array(lit(0.5), lit(0.95), lit(0.99)), lit(10_000)).as("percentiles"),
                max(activity).as("max"),
                sum(when(activity.geq(lit(settings.activePercent())), duration).otherwise(0d)).as("active_seconds"),
                sum(when(activity.lt(lit(settings.idlePercent())), duration).otherwise(0d)).divide(lit(3600d)).as("idle_gpu_hours"),
                percentile_approx(col(FB_USED_MIB), lit(0.99), lit(10_000)).as("memory_p99_mib"),
                max(col(FB_USED_MIB)).as("memory_max_mib"),
                min(col(SAMPLE_TIME)).as("first_sample"),
                max(col(SAMPLE_TIME)).as("last_sample"));
    Column gpuHours = col("gpu_hours");
    return grouped
        .withColumn("p50", col("percentiles").getItem(0))
        .withColumn("p95", col("percentiles").getItem(1))
        .withColumn("p99", col("percentiles").getItem(2))
        .withColumn("active_fraction", when(gpuHours.gt(lit(0d)), col("active_seconds").divide(gpuHours.multiply(lit(3600d)))).otherwise(0d))
        .withColumn("coverage", least(gpuHours.divide(greatest(col("gpus"), lit(1L))).divide(lit(windowHours)), lit(1d)))
        .withColumn("burstiness", when(col("mean").gt(lit(0d)), col("p99").divide(greatest(col("mean"), lit(1e-9)))).otherwise(0d))
        .drop("percentiles", "active_seconds");
  }
}
