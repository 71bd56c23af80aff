package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuProfiles.GPU_REF;
import static io.fleetcost.telemetry.GpuProfiles.POD_REF;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Merges each GPU's days, and each of its pods' days, over partitions sorted by GPU, day, series
 * and label set ({@link GpuProfiles#fromDays}).
 */
final class GpuProfileMergePass implements MapPartitionsFunction<Row, Row> {
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
    return new MergedGpus(rows);
  }

  /**
   * The merged rows of one GPU after the other, each GPU's as soon as its days are read: its own
   * row (pod ref null), then one per pod on it, in the order the pods first appear.
   */
  private static final class MergedGpus implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final ArrayDeque<Row> out = new ArrayDeque<>();
    private Row pending;

    MergedGpus(Iterator<Row> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      while (out.isEmpty() && (pending != null || rows.hasNext())) {
        Row row = pending != null ? pending : rows.next();
        pending = null;
        long gpu = row.getLong(0);
        GpuDayTotals totals = new GpuDayTotals();
        Map<Long, GpuDayTotals> pods = new LinkedHashMap<>();
        add(row, totals, pods);
        addRestOfGpu(gpu, totals, pods);
        if (totals.samples() == 0) {
          continue;
        }
        out.add(gpuRow(gpu, totals));
        pods.forEach(
            (pod, share) -> {
              if (share.samples() > 0) {
                out.add(podRow(gpu, pod, share));
              }
            });
      }
      return !out.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return out.poll();
    }

    /** Adds the GPU's following rows; keeps the first row of the next GPU as pending. */
    private void addRestOfGpu(long gpu, GpuDayTotals totals, Map<Long, GpuDayTotals> pods) {
      while (rows.hasNext()) {
        Row following = rows.next();
        if (following.getLong(0) != gpu) {
          pending = following;
          break;
        }
        add(following, totals, pods);
      }
    }

    /** Row: GPU ref, pod ref, then {@link GpuDays#STATS}. */
    private static void add(Row row, GpuDayTotals totals, Map<Long, GpuDayTotals> pods) {
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

    /** The GPU's profile: all its samples, whatever their pod. */
    private static Row gpuRow(long gpu, GpuDayTotals totals) {
      return RowFactory.create(
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
          null);
    }

    /** A pod's share of the GPU's samples, with its activity histogram. */
    private static Row podRow(long gpu, long pod, GpuDayTotals share) {
      ActivityHistogram histogram = share.histogram();
      return RowFactory.create(
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
          GpuDays.boxed(histogram.counts()));
    }
  }
}
