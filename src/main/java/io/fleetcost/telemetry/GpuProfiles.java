package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-GPU (or per-MIG-instance) utilization profiles over a lookback window.
 *
 * <p>Activity is {@code PROF_GR_ENGINE_ACTIVE} × 100 when the GPU reports it (it is the accurate measure, and the
 * only one MIG instances have), else {@code GPU_UTIL}. Each sample stands for the time to the next sample of its GPU
 * (the previous one for the last sample), capped at {@code maxGapSeconds}: gaps in the data are not counted as
 * covered. Percentiles are over samples, nearest-rank ({@code percentile_approx} with accuracy 10,000: exact up to
 * 10,000 samples per GPU, within 0.01 % of rank beyond).
 */
public final class GpuProfiles {
  public static final String RESOURCE_KEY = "resource_key";
  public static final String ACTIVITY = "activity";
  public static final String DURATION = "duration_seconds";
  public static final String JOINED_BY = "joined_by";

  private GpuProfiles() {}

  /** Settings of a profile computation. */
  public record Settings(
      Instant windowStart, Instant windowEnd, double maxGapSeconds, double activePercent, double idlePercent) {}

  /** The GPU's identity within its resource: its UUID, else node and index; {@code /<MIG instance id>} for a slice. */
  public static Column gpuKey() {
    Column gpu = coalesce(col(GPU_UUID), concat_ws(":", col(NODE), col(GPU_INDEX).cast(DataTypes.StringType)));
    return when(col(MIG_INSTANCE_ID).isNull(), gpu)
        .otherwise(concat_ws("/", gpu, col(MIG_INSTANCE_ID).cast(DataTypes.StringType)));
  }

  /** Samples with their resource key, activity and duration, inside the window. */
  public static Dataset<Row> samplesInWindow(Dataset<Row> samples, Column resourceKey, Settings settings) {
    Dataset<Row> keyed =
        samples
            .filter(
                col(SAMPLE_TIME).geq(lit(Timestamp.from(settings.windowStart())))
                    .and(col(SAMPLE_TIME).lt(lit(Timestamp.from(settings.windowEnd())))))
            .withColumn(RESOURCE_KEY, resourceKey)
            .withColumn("gpu_key", gpuKey())
            .withColumn(
                ACTIVITY,
                coalesce(col(GR_ENGINE_ACTIVE).multiply(lit(100d)), col(GPU_UTIL)));
    WindowSpec byGpu =
        Window.partitionBy(coalesce(col(RESOURCE_KEY), lit("")), col("gpu_key")).orderBy(col(SAMPLE_TIME));
    Column micros = unix_micros(col(SAMPLE_TIME));
    Column toNext = lead(micros, 1).over(byGpu).minus(micros);
    Column fromPrevious = micros.minus(lag(micros, 1).over(byGpu));
    Column seconds = coalesce(toNext, fromPrevious, lit(0L)).divide(lit(1_000_000d));
    return keyed.withColumn(DURATION, least(seconds, lit(settings.maxGapSeconds())));
  }

  /** One row per GPU: identity, coverage, activity statistics and memory. */
  public static Dataset<Row> perGpu(Dataset<Row> samplesInWindow, Settings settings) {
    Column activity = col(ACTIVITY);
    Column duration = col(DURATION);
    Column percentiles = percentile_approx(activity, array(lit(0.5), lit(0.95), lit(0.99)), lit(10_000));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(activity).as("samples"));
    aggregates.add(sum(duration).divide(lit(3600d)).as("hours"));
    aggregates.add(avg(activity).as("mean"));
    aggregates.add(percentiles.as("percentiles"));
    aggregates.add(max(activity).as("max"));
    aggregates.add(sum(when(activity.geq(lit(settings.activePercent())), duration).otherwise(0d)).divide(lit(3600d)).as("active_hours"));
    aggregates.add(sum(when(activity.lt(lit(settings.idlePercent())), duration).otherwise(0d)).divide(lit(3600d)).as("idle_hours"));
    aggregates.add(percentile_approx(col(FB_USED_MIB), lit(0.5), lit(10_000)).as("memory_p50_mib"));
    aggregates.add(percentile_approx(col(FB_USED_MIB), lit(0.99), lit(10_000)).as("memory_p99_mib"));
    aggregates.add(max(col(FB_USED_MIB)).as("memory_max_mib"));
    aggregates.add(max(col(FB_TOTAL_MIB)).as("memory_total_mib"));
    aggregates.add(first(col(GPU_MODEL), true).as(GPU_MODEL));
    aggregates.add(first(col(MIG_PROFILE), true).as(MIG_PROFILE));
    aggregates.add(first(col(CLUSTER), true).as(CLUSTER));
    aggregates.add(first(col(NODE), true).as(NODE));
    aggregates.add(first(col(GPU_INDEX), true).as(GPU_INDEX));
    aggregates.add(
        array_sort(collect_set(when(col(POD).isNotNull(), concat_ws("/", col(NAMESPACE), col(POD)))))
            .as("workloads"));
    if (java.util.Arrays.asList(samplesInWindow.columns()).contains(JOINED_BY)) {
      aggregates.add(min(col(JOINED_BY)).as(JOINED_BY));
    }
    aggregates.add(min(col(SAMPLE_TIME)).as("first_sample"));
    aggregates.add(max(col(SAMPLE_TIME)).as("last_sample"));
    double windowHours = (settings.windowEnd().toEpochMilli() - settings.windowStart().toEpochMilli()) / 3_600_000d;
    Dataset<Row> grouped =
        samplesInWindow
            .filter(activity.isNotNull())
            .groupBy(col(RESOURCE_KEY), col("gpu_key"))
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
    return grouped
        .withColumn("p50", col("percentiles").getItem(0))
        .withColumn("p95", col("percentiles").getItem(1))
        .withColumn("p99", col("percentiles").getItem(2))
        .withColumn("coverage", least(col("hours").divide(lit(windowHours)), lit(1d)))
        .withColumn("active_fraction", when(col("hours").gt(lit(0d)), col("active_hours").divide(col("hours"))).otherwise(0d))
        .withColumn("burstiness", when(col("mean").gt(lit(0d)), col("p99").divide(greatest(col("mean"), lit(1e-9)))).otherwise(0d))
        .drop("percentiles");
  }
}
