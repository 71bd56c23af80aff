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
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
    Dataset<Row> measured =
        inWindow.groupBy(col(LABEL_SET)).agg(sum(col("samples")).as("measured"));
    List<Column> labelColumns = new ArrayList<>();
    labelColumns.add(col(LABEL_SET));
    LABELS.forEach(label -> labelColumns.add(col(label)));
    Dataset<Row> labelSets =
        inWindow.select(labelColumns.toArray(new Column[0])).dropDuplicates(LABEL_SET);
    Dataset<Row> keyed =
        keying
            .apply(labelSets.join(measured, LABEL_SET))
            .withColumn("gpu_key", gpuKey())
            .withColumn(GPU_REF, xxhash64(coalesce(col(RESOURCE_KEY), lit("")), col("gpu_key")))
            .withColumn(
                POD_REF,
                when(col(POD).isNotNull(), xxhash64(coalesce(col(NAMESPACE), lit("")), col(POD))))
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    List<Column> merged = new ArrayList<>();
    merged.add(col(GPU_REF));
    merged.add(col(POD_REF));
    GpuDays.statColumns().forEach(name -> merged.add(col(name)));
    Dataset<Row> passed =
        inWindow
            .join(broadcast(keyed.select(col(LABEL_SET), col(GPU_REF), col(POD_REF))), LABEL_SET)
            .repartition(col(GPU_REF))
            .sortWithinPartitions(
                col(GPU_REF), col(GpuDays.DAY), col(GpuDays.SERIES), col(LABEL_SET))
            .select(merged.toArray(new Column[0]))
            .mapPartitions(new MergePass(), Encoders.row(MergePass.SCHEMA))
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> labelled = keyed.filter(col("measured").gt(lit(0L)));
    boolean joined = java.util.Arrays.asList(keyed.columns()).contains(JOINED_BY);
    List<Column> labelAggregates = new ArrayList<>();
    labelAggregates.add(first(col("gpu_key"), true).as("gpu_key"));
    for (String label : List.of(GPU_MODEL, MIG_PROFILE, CLUSTER, NODE, GPU_INDEX)) {
      labelAggregates.add(first(col(label), true).as(label));
    }
    if (joined) {
      labelAggregates.add(min(col(JOINED_BY)).as(JOINED_BY));
    }
    Dataset<Row> labels =
        labelled
            .groupBy(col(GPU_REF), col(RESOURCE_KEY))
            .agg(
                labelAggregates.get(0),
                labelAggregates.subList(1, labelAggregates.size()).toArray(new Column[0]));
    Dataset<Row> pods =
        labelled
            .filter(col(POD).isNotNull())
            .select(col(GPU_REF), col(POD_REF), col(CLUSTER), col(NAMESPACE), col(POD))
            .distinct();
    Dataset<Row> workloads =
        pods.groupBy(col(GPU_REF))
            .agg(array_sort(collect_set(concat_ws("/", col(NAMESPACE), col(POD)))).as("workloads"));
    double windowHours =
        (settings.windowEnd().toEpochMilli() - settings.windowStart().toEpochMilli()) / 3_600_000d;
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
    Dataset<Row> gpus =
        passed
            .filter(col(POD_REF).isNull())
            .join(labels, GPU_REF)
            .join(workloads, new String[] {GPU_REF}, "left")
            .select(out.toArray(new Column[0]))
            .withColumn("coverage", least(col("hours").divide(lit(windowHours)), lit(1d)))
            .withColumn(
                "active_fraction",
                when(col("hours").gt(lit(0d)), col("active_hours").divide(col("hours")))
                    .otherwise(0d))
            .withColumn(
                "burstiness",
                when(col("mean").gt(lit(0d)), col("p99").divide(greatest(col("mean"), lit(1e-9))))
                    .otherwise(0d));
    Dataset<Row> shares =
        passed.filter(col(POD_REF).isNotNull()).join(pods, new String[] {GPU_REF, POD_REF});
    return new Profiles(gpus, shares, List.of(passed, keyed));
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

  /**
   * Merges each GPU's days, and each of its pods' days, over partitions sorted by GPU, day, series
   * and label set.
   */
  static final class MergePass implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType SCHEMA =
        new StructType()
            .add(GPU_REF, DataTypes.LongType, false)
            .add("samples", DataTypes.LongType, false)
            .add("hours", DataTypes.DoubleType, false)
            .add("mean", DataTypes.DoubleType, false)
            .add("p50", DataTypes.DoubleType, false)
            .add("p95", DataTypes.DoubleType, false)
            .add("p99", DataTypes.DoubleType, false)
            .add("max", DataTypes.DoubleType, false)
            .add("active_hours", DataTypes.DoubleType, false)
            .add("idle_hours", DataTypes.DoubleType, false)
            .add("memory_p50_mib", DataTypes.DoubleType, true)
            .add("memory_p99_mib", DataTypes.DoubleType, true)
            .add("memory_max_mib", DataTypes.DoubleType, true)
            .add("memory_total_mib", DataTypes.DoubleType, true)
            .add("first_micros", DataTypes.LongType, false)
            .add("last_micros", DataTypes.LongType, false)
            .add(POD_REF, DataTypes.LongType, true)
            .add("activity_sum", DataTypes.DoubleType, false)
            .add("active_seconds", DataTypes.DoubleType, false)
            .add("histogram_bins", DataTypes.createArrayType(DataTypes.IntegerType), true)
            .add("histogram_counts", DataTypes.createArrayType(DataTypes.LongType), true);

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private final java.util.ArrayDeque<Row> out = new java.util.ArrayDeque<>();
        private Row pending;

        @Override
        public boolean hasNext() {
          while (out.isEmpty() && (pending != null || rows.hasNext())) {
            Row row = pending != null ? pending : rows.next();
            pending = null;
            long gpu = row.getLong(0);
            GpuDayTotals totals = new GpuDayTotals();
            java.util.Map<Long, GpuDayTotals> pods = new java.util.LinkedHashMap<>();
            add(row, totals, pods);
            while (rows.hasNext()) {
              Row following = rows.next();
              if (following.getLong(0) != gpu) {
                pending = following;
                break;
              }
              add(following, totals, pods);
            }
            if (totals.samples() == 0) {
              continue;
            }
            out.add(
                RowFactory.create(
                    gpu,
                    totals.samples(),
                    totals.seconds() / 3600d,
                    totals.mean(),
                    totals.percentile(0.5),
                    totals.percentile(0.95),
                    totals.percentile(0.99),
                    totals.max(),
                    totals.activeSeconds() / 3600d,
                    totals.idleSeconds() / 3600d,
                    GpuDays.orNull(totals.memoryPercentile(0.5)),
                    GpuDays.orNull(totals.memoryPercentile(0.99)),
                    GpuDays.orNull(totals.memoryMax()),
                    GpuDays.orNull(totals.memoryTotalMax()),
                    totals.first(),
                    totals.last(),
                    null,
                    totals.activitySum(),
                    totals.activeSeconds(),
                    null,
                    null));
            pods.forEach(
                (pod, share) -> {
                  if (share.samples() > 0) {
                    ActivityHistogram histogram = share.histogram();
                    out.add(
                        RowFactory.create(
                            gpu,
                            share.samples(),
                            share.seconds() / 3600d,
                            share.mean(),
                            share.percentile(0.5),
                            share.percentile(0.95),
                            share.percentile(0.99),
                            share.max(),
                            share.activeSeconds() / 3600d,
                            share.idleSeconds() / 3600d,
                            null,
                            GpuDays.orNull(share.memoryPercentile(0.99)),
                            GpuDays.orNull(share.memoryMax()),
                            null,
                            share.first(),
                            share.last(),
                            pod,
                            share.activitySum(),
                            share.activeSeconds(),
                            GpuDays.boxed(histogram.bins()),
                            GpuDays.boxed(histogram.counts())));
                  }
                });
          }
          return !out.isEmpty();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return out.poll();
        }

        /** Row: GPU ref, pod ref, then {@link GpuDays#STATS}. */
        private void add(Row row, GpuDayTotals totals, java.util.Map<Long, GpuDayTotals> pods) {
          long samples = row.getLong(2);
          if (samples == 0) {
            return;
          }
          int[] bins = row.<Integer>getList(11).stream().mapToInt(Integer::intValue).toArray();
          long[] binCounts = row.<Long>getList(12).stream().mapToLong(Long::longValue).toArray();
          double[] memoryValues =
              row.<Double>getList(13).stream().mapToDouble(Double::doubleValue).toArray();
          long[] memoryCounts = row.<Long>getList(14).stream().mapToLong(Long::longValue).toArray();
          double memoryMax = GpuDays.number(row, 15);
          double memoryTotalMax = GpuDays.number(row, 16);
          totals.add(
              samples,
              row.getDouble(3),
              row.getDouble(4),
              row.getDouble(5),
              row.getDouble(6),
              row.getDouble(7),
              row.getLong(8),
              row.getLong(9),
              bins,
              binCounts,
              memoryValues,
              memoryCounts,
              memoryMax,
              memoryTotalMax);
          if (!row.isNullAt(1)) {
            pods.computeIfAbsent(row.getLong(1), p -> new GpuDayTotals())
                .add(
                    samples,
                    row.getDouble(3),
                    row.getDouble(4),
                    row.getDouble(5),
                    row.getDouble(6),
                    row.getDouble(7),
                    row.getLong(8),
                    row.getLong(9),
                    bins,
                    binCounts,
                    memoryValues,
                    memoryCounts,
                    memoryMax,
                    memoryTotalMax);
          }
        }
      };
    }
  }
}
