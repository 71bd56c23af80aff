package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-GPU (or per-MIG-instance) utilization profiles over a lookback window.
 *
 * <p>Activity is {@code PROF_GR_ENGINE_ACTIVE} × 100 when the GPU reports it (it is the accurate
 * measure, and the only one MIG instances have), else {@code GPU_UTIL}. Each sample stands for the
 * time to the next sample of its GPU on the same UTC day (the previous one for the day's last
 * sample), capped at {@code maxGapSeconds}: gaps in the data are not counted as covered. Profiles
 * are merges of daily aggregates ({@link GpuDays}): activity percentiles are nearest rank over
 * tenth-of-a-point bins, memory percentiles nearest rank, exact.
 */
public final class GpuProfiles {
  public static final String RESOURCE_KEY = "resource_key";
  public static final String ACTIVITY = "activity";
  public static final String JOINED_BY = "joined_by";

  private GpuProfiles() {}

  /** Settings of a profile computation. */
  public record Settings(
      Instant windowStart,
      Instant windowEnd,
      double maxGapSeconds,
      double activePercent,
      double idlePercent)
      implements java.io.Serializable {
    void requireWholeDays() {
      for (Instant bound : List.of(windowStart, windowEnd)) {
        if (bound.getEpochSecond() % 86_400 != 0 || bound.getNano() != 0) {
          throw new IllegalArgumentException(
              "a profile window is whole UTC days; " + bound + " is not midnight");
        }
      }
    }

    /** The settings the daily aggregates depend on. */
    public GpuDays.Settings days() {
      return new GpuDays.Settings(maxGapSeconds, activePercent, idlePercent);
    }

    LocalDate firstDay() {
      return LocalDate.ofInstant(windowStart, java.time.ZoneOffset.UTC);
    }

    LocalDate endDay() {
      return LocalDate.ofInstant(windowEnd, java.time.ZoneOffset.UTC);
    }
  }

  /**
   * The GPU's identity within its resource: its UUID, else node and index; {@code /<MIG instance
   * id>} for a slice.
   */
  public static Column gpuKey() {
    Column gpu =
        coalesce(
            col(GPU_UUID), concat_ws(":", col(NODE), col(GPU_INDEX).cast(DataTypes.StringType)));
    return when(col(MIG_INSTANCE_ID).isNull(), gpu)
        .otherwise(concat_ws("/", gpu, col(MIG_INSTANCE_ID).cast(DataTypes.StringType)));
  }

  /** Adds the resource key (and, when known, how it was found) to rows of labels. */
  @FunctionalInterface
  public interface ResourceKeying {
    /**
     * {@code labelSets} plus {@link #RESOURCE_KEY} (may be null) and optionally {@link #JOINED_BY}.
     */
    Dataset<Row> apply(Dataset<Row> labelSets);
  }

  static final String GPU_REF = "x_GpuRef";
  static final String POD_REF = "x_PodRef";
  static final String LABEL_SET = GpuSamples.LABEL_SET;

  /**
   * The GPUs' profiles over the window, and each pod's share of each GPU's samples (for {@link
   * WorkloadProfiles}): the merge of the samples' daily aggregates ({@link GpuDays#daily}),
   * computed here.
   */
  public static Profiles profiles(
      Dataset<Row> samples, Dataset<Row> labelSets, ResourceKeying keying, Settings settings) {
    GpuDays.Settings daySettings = settings.days();
    Dataset<Row> days =
        GpuDays.daily(
                samples.filter(
                    col(SAMPLE_TIME)
                        .geq(lit(Timestamp.from(settings.windowStart())))
                        .and(col(SAMPLE_TIME).lt(lit(Timestamp.from(settings.windowEnd()))))),
                labelSets,
                daySettings)
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Profiles profiles = fromDays(days, keying, settings);
    List<Dataset<Row>> kept = new ArrayList<>(profiles.kept());
    kept.add(days);
    return new Profiles(profiles.gpus(), profiles.podShares(), kept);
  }

  /**
   * The GPUs' profiles over the window, and each pod's share of each GPU's samples, from the daily
   * aggregates of the window's days ({@link GpuDays}; rows of other days are ignored). The window
   * must be whole UTC days.
   *
   * <p>Only numbers move per day: the label sets (a few per GPU) are keyed to their resource, GPU
   * and pod first, and joined back to the days by their 64-bit id; each GPU's days are then merged
   * in one pass ({@link GpuDayTotals}), partitioned and sorted by numbers. The pass's small output
   * is kept in memory until {@link Profiles#release}.
   */
  public static Profiles fromDays(Dataset<Row> days, ResourceKeying keying, Settings settings) {
    settings.requireWholeDays();
    LocalDate firstDay = settings.firstDay();
    LocalDate endDay = settings.endDay();
    Dataset<Row> inWindow =
        days.filter(col(GpuDays.DAY).geq(lit(firstDay)).and(col(GpuDays.DAY).lt(lit(endDay))));
    Dataset<Row> keyed = keyedLabelSets(inWindow, keying);
    Dataset<Row> passed = mergePass(inWindow, keyed);
    Dataset<Row> labelled = keyed.filter(col("measured").gt(lit(0L)));
    boolean joined = java.util.Arrays.asList(keyed.columns()).contains(JOINED_BY);
    Dataset<Row> labels = gpuLabels(labelled, joined);
    Dataset<Row> pods =
        labelled
            .filter(col(POD).isNotNull())
            .select(col(GPU_REF), col(POD_REF), col(CLUSTER), col(NAMESPACE), col(POD))
            .distinct();
    Dataset<Row> workloads =
        pods.groupBy(col(GPU_REF))
            .agg(array_sort(collect_set(concat_ws("/", col(NAMESPACE), col(POD)))).as("workloads"));
    Dataset<Row> gpus = gpuProfiles(passed, labels, workloads, joined, settings);
    Dataset<Row> shares =
        passed.filter(col(POD_REF).isNotNull()).join(pods, new String[] {GPU_REF, POD_REF});
    return new Profiles(gpus, shares, List.of(passed, keyed));
  }

  /**
   * The window's label sets with the samples measured under each, their resource key (by {@code
   * keying}), GPU key, and the 64-bit refs of their GPU and pod; kept in memory.
   */
  private static Dataset<Row> keyedLabelSets(Dataset<Row> inWindow, ResourceKeying keying) {
    Dataset<Row> measured =
        inWindow.groupBy(col(LABEL_SET)).agg(sum(col("samples")).as("measured"));
    List<Column> labelColumns = new ArrayList<>();
    labelColumns.add(col(LABEL_SET));
    LABELS.forEach(label -> labelColumns.add(col(label)));
    Dataset<Row> labelSets =
        inWindow.select(labelColumns.toArray(new Column[0])).dropDuplicates(LABEL_SET);
    return keying
        .apply(labelSets.join(measured, LABEL_SET))
        .withColumn("gpu_key", gpuKey())
        .withColumn(GPU_REF, xxhash64(coalesce(col(RESOURCE_KEY), lit("")), col("gpu_key")))
        .withColumn(
            POD_REF,
            when(col(POD).isNotNull(), xxhash64(coalesce(col(NAMESPACE), lit("")), col(POD))))
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * The days joined to their GPU and pod refs, merged per GPU and per pod ({@link
   * GpuProfileMergePass}); kept in memory.
   */
  private static Dataset<Row> mergePass(Dataset<Row> inWindow, Dataset<Row> keyed) {
    List<Column> merged = new ArrayList<>();
    merged.add(col(GPU_REF));
    merged.add(col(POD_REF));
    GpuDays.statColumns().forEach(name -> merged.add(col(name)));
    return inWindow
        .join(broadcast(keyed.select(col(LABEL_SET), col(GPU_REF), col(POD_REF))), LABEL_SET)
        .repartition(col(GPU_REF))
        .sortWithinPartitions(col(GPU_REF), col(GpuDays.DAY), col(GpuDays.SERIES), col(LABEL_SET))
        .select(merged.toArray(new Column[0]))
        .mapPartitions(new GpuProfileMergePass(), Encoders.row(GpuProfileMergePass.SCHEMA))
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Per GPU ref and resource key: the GPU key and labels of its first label set that has them, and
   * the smallest {@link #JOINED_BY} when the keying gave one.
   */
  private static Dataset<Row> gpuLabels(Dataset<Row> labelled, boolean joined) {
    List<Column> labelAggregates = new ArrayList<>();
    labelAggregates.add(first(col("gpu_key"), true).as("gpu_key"));
    for (String label : List.of(GPU_MODEL, MIG_PROFILE, CLUSTER, NODE, GPU_INDEX)) {
      labelAggregates.add(first(col(label), true).as(label));
    }
    if (joined) {
      labelAggregates.add(min(col(JOINED_BY)).as(JOINED_BY));
    }
    return labelled
        .groupBy(col(GPU_REF), col(RESOURCE_KEY))
        .agg(
            labelAggregates.get(0),
            labelAggregates.subList(1, labelAggregates.size()).toArray(new Column[0]));
  }

  /**
   * The GPUs' rows of the merge pass with their labels and workloads, and the figures over the
   * window: coverage, active fraction, burstiness.
   */
  private static Dataset<Row> gpuProfiles(
      Dataset<Row> passed,
      Dataset<Row> labels,
      Dataset<Row> workloads,
      boolean joined,
      Settings settings) {
    double windowHours =
        (settings.windowEnd().toEpochMilli() - settings.windowStart().toEpochMilli()) / 3_600_000d;
    return passed
        .filter(col(POD_REF).isNull())
        .join(labels, GPU_REF)
        .join(workloads, new String[] {GPU_REF}, "left")
        .select(profileColumns(joined).toArray(new Column[0]))
        .withColumn("coverage", least(col("hours").divide(lit(windowHours)), lit(1d)))
        .withColumn(
            "active_fraction",
            when(col("hours").gt(lit(0d)), col("active_hours").divide(col("hours"))).otherwise(0d))
        .withColumn(
            "burstiness",
            when(col("mean").gt(lit(0d)), col("p99").divide(greatest(col("mean"), lit(1e-9))))
                .otherwise(0d));
  }

  /** The columns of a GPU's profile, in order, before the figures over the window. */
  private static List<Column> profileColumns(boolean joined) {
    List<Column> out = new ArrayList<>();
    out.add(col(RESOURCE_KEY));
    out.add(col("gpu_key"));
    for (String field :
        List.of(
            "samples",
            "hours",
            "mean",
            "max",
            "active_hours",
            "idle_hours",
            "memory_p50_mib",
            "memory_p99_mib",
            "memory_max_mib",
            "memory_total_mib")) {
      out.add(col(field));
    }
    for (String label : List.of(GPU_MODEL, MIG_PROFILE, CLUSTER, NODE, GPU_INDEX)) {
      out.add(col(label));
    }
    out.add(
        coalesce(col("workloads"), array().cast(DataTypes.createArrayType(DataTypes.StringType)))
            .as("workloads"));
    if (joined) {
      out.add(col(JOINED_BY));
    }
    out.add(timestamp_micros(col("first_micros")).as("first_sample"));
    out.add(timestamp_micros(col("last_micros")).as("last_sample"));
    out.add(col("p50"));
    out.add(col("p95"));
    out.add(col("p99"));
    return out;
  }

  /** {@link #profiles}' GPU rows only. */
  public static Dataset<Row> perGpu(
      Dataset<Row> samples, Dataset<Row> labelSets, ResourceKeying keying, Settings settings) {
    return profiles(samples, labelSets, keying, settings).gpus();
  }

  /**
   * @param gpus one row per GPU
   * @param podShares one row per GPU and pod: the pod's samples on that GPU, with a sparse activity
   *     histogram
   */
  public record Profiles(Dataset<Row> gpus, Dataset<Row> podShares, List<Dataset<Row>> kept) {
    public void release() {
      kept.forEach(Dataset::unpersist);
    }
  }
}
