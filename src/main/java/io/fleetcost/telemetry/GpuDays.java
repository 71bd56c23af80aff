package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The daily aggregates of GPU samples: one row per UTC day, GPU and label set (samples, covered
 * seconds, activity sum and maximum, active and idle seconds, a 1,001-bin activity histogram, exact
 * memory value counts), with the label set's labels. Profiles over any window of whole days are
 * merges of these rows ({@link GpuProfiles#fromDays}), so a nightly run aggregates only the days it
 * reads again and the history keeps the rest.
 *
 * <p>The aggregates depend on three settings (the sample gap limit and the active and idle
 * thresholds): every row names them ({@link #SETTINGS}), and rows of other settings are not merged
 * with rows of these.
 */
public final class GpuDays {
  public static final String DAY = "day";
  public static final String SERIES = "series";
  public static final String SETTINGS = "settings";
  static final String EPOCH_DAY = "x_EpochDay";
  static final long MICROS_PER_DAY = 86_400_000_000L;

  /** The statistics columns, after {@link #DAY}, {@link #SERIES} and the label set. */
  static final StructType STATS =
      new StructType()
          .add("samples", DataTypes.LongType, false)
          .add("seconds", DataTypes.DoubleType, false)
          .add("activity_sum", DataTypes.DoubleType, false)
          .add("activity_max", DataTypes.DoubleType, true)
          .add("active_seconds", DataTypes.DoubleType, false)
          .add("idle_seconds", DataTypes.DoubleType, false)
          .add("first_micros", DataTypes.LongType, true)
          .add("last_micros", DataTypes.LongType, true)
          .add("newest_micros", DataTypes.LongType, false)
          .add("histogram_bins", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("histogram_counts", DataTypes.createArrayType(DataTypes.LongType, false), false)
          .add("memory_values", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("memory_counts", DataTypes.createArrayType(DataTypes.LongType, false), false)
          .add("memory_max", DataTypes.DoubleType, true)
          .add("memory_total_max", DataTypes.DoubleType, true);

  static final StructType PASS_SCHEMA =
      keysThenStats(
          new StructType()
              .add(EPOCH_DAY, DataTypes.IntegerType, false)
              .add(SERIES, DataTypes.LongType, false)
              .add(GpuSamples.LABEL_SET, DataTypes.LongType, false));

  private GpuDays() {}

  /** The settings a day's aggregates depend on. */
  public record Settings(double maxGapSeconds, double activePercent, double idlePercent)
      implements java.io.Serializable {
    /** How {@link #SETTINGS} names them. */
    public String id() {
      return String.format(
          Locale.ROOT, "gap=%s;active=%s;idle=%s", maxGapSeconds, activePercent, idlePercent);
    }
  }

  /** The columns of {@link #daily}'s rows. */
  public static StructType schema() {
    StructType schema =
        new StructType()
            .add(DAY, DataTypes.DateType, false)
            .add(SERIES, DataTypes.LongType, false)
            .add(GpuSamples.LABEL_SET, DataTypes.LongType, false);
    for (String label : LABELS) {
      boolean number = label.equals(GPU_INDEX) || label.equals(MIG_INSTANCE_ID);
      schema = schema.add(label, number ? DataTypes.IntegerType : DataTypes.StringType, true);
    }
    for (var field : STATS.fields()) {
      schema = schema.add(field);
    }
    return schema.add(SETTINGS, DataTypes.StringType, false);
  }

  /**
   * The newest sample time of the days (any sample, with or without an activity), or null when
   * there are none.
   */
  public static String newestSample(Dataset<Row> days) {
    Row newest = days.agg(org.apache.spark.sql.functions.max(col("newest_micros"))).first();
    return newest.isNullAt(0)
        ? null
        : java.time.Instant.EPOCH
            .plus(newest.getLong(0), java.time.temporal.ChronoUnit.MICROS)
            .toString();
  }

  /** The names of the statistics columns, in order. */
  public static List<String> statColumns() {
    return Arrays.asList(STATS.fieldNames());
  }

  /** The GPU of a row of labels, as a number: the series its samples form, whatever their pod. */
  static Column series() {
    return xxhash64(GpuProfiles.gpuKey());
  }

  /**
   * The daily aggregates of {@code samples} (rows of {@code gpu_samples}) on every day they hold,
   * with the labels of {@code labelSets} ({@code gpu_label_sets}). Columns: {@link #DAY}, {@link
   * #SERIES}, the label set, {@link GpuSampleColumns#LABELS}, {@link #STATS}, {@link #SETTINGS}.
   */
  public static Dataset<Row> daily(
      Dataset<Row> samples, Dataset<Row> labelSets, Settings settings) {
    Column activity = coalesce(col(GR_ENGINE_ACTIVE).multiply(lit(100d)), col(GPU_UTIL));
    Dataset<Row> series = labelSets.select(col(GpuSamples.LABEL_SET), series().as(SERIES));
    Dataset<Row> passed =
        samples
            .select(
                col(GpuSamples.LABEL_SET),
                unix_micros(col(SAMPLE_TIME)).as("t"),
                activity.as("a"),
                col(FB_USED_MIB),
                col(FB_TOTAL_MIB))
            .filter(col("t").isNotNull())
            .join(broadcast(series), GpuSamples.LABEL_SET)
            .select(
                col(SERIES),
                col("t"),
                col("a"),
                col(FB_USED_MIB),
                col(FB_TOTAL_MIB),
                col(GpuSamples.LABEL_SET))
            .repartition(col(SERIES))
            .sortWithinPartitions(col(SERIES), col("t"), col(GpuSamples.LABEL_SET))
            .mapPartitions(new DayPass(settings), Encoders.row(PASS_SCHEMA));
    List<Column> out = new ArrayList<>();
    out.add(expr("date_from_unix_date(" + EPOCH_DAY + ")").as(DAY));
    out.add(col(SERIES));
    out.add(col(GpuSamples.LABEL_SET));
    LABELS.forEach(label -> out.add(col(label)));
    statColumns().forEach(name -> out.add(col(name)));
    out.add(lit(settings.id()).as(SETTINGS));
    return passed
        .join(broadcast(labelSets), GpuSamples.LABEL_SET)
        .select(out.toArray(new Column[0]));
  }

  private static StructType keysThenStats(StructType keys) {
    StructType schema = keys;
    for (var field : STATS.fields()) {
      schema = schema.add(field);
    }
    return schema;
  }

  /**
   * {@link GpuDaySeries} over partitions sorted by series and time: one output row per series, day
   * and label set.
   */
  static final class DayPass implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;

    DayPass(Settings settings) {
      this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new SeriesDays(rows, settings);
    }
  }

  /**
   * The rows of {@link DayPass}: one series' day after the other, each as soon as it is read, one
   * row per label set in the order {@link GpuDaySeries#summarize} gives.
   */
  private static final class SeriesDays implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Settings settings;
    private final GpuDaySeries day = new GpuDaySeries();
    private final ArrayDeque<Row> out = new ArrayDeque<>();
    private Row pending;

    SeriesDays(Iterator<Row> rows, Settings settings) {
      this.rows = rows;
      this.settings = settings;
    }

    @Override
    public boolean hasNext() {
      while (out.isEmpty() && (pending != null || rows.hasNext())) {
        day.clear();
        Row row = pending != null ? pending : rows.next();
        pending = null;
        long series = row.getLong(0);
        long epochDay = Math.floorDiv(row.getLong(1), MICROS_PER_DAY);
        add(row);
        addRestOfDay(series, epochDay);
        for (GpuDaySeries.LabelSetDay d :
            day.summarize(
                settings.maxGapSeconds(), settings.activePercent(), settings.idlePercent())) {
          out.add(dayRow((int) epochDay, series, d));
        }
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

    /**
     * Adds the series' following samples of the day; keeps the first sample of another series or
     * day as pending.
     */
    private void addRestOfDay(long series, long epochDay) {
      while (rows.hasNext()) {
        Row following = rows.next();
        if (following.getLong(0) != series
            || Math.floorDiv(following.getLong(1), MICROS_PER_DAY) != epochDay) {
          pending = following;
          break;
        }
        add(following);
      }
    }

    private void add(Row row) {
      day.add(row.getLong(1), number(row, 2), number(row, 3), number(row, 4), row.getLong(5));
    }

    /** A row of {@link #PASS_SCHEMA}. */
    private static Row dayRow(int epochDay, long series, GpuDaySeries.LabelSetDay d) {
      return RowFactory.create(
          epochDay,
          series,
          d.labelSet(),
          d.samples(),
          d.seconds(),
          d.activitySum(),
          orNull(d.activityMax()),
          d.activeSeconds(),
          d.idleSeconds(),
          d.samples() == 0 ? null : d.firstMicros(),
          d.samples() == 0 ? null : d.lastMicros(),
          d.newestMicros(),
          boxed(d.histogram().bins()),
          boxed(d.histogram().counts()),
          boxed(d.memory().values()),
          boxed(d.memory().counts()),
          orNull(d.memoryMax()),
          orNull(d.memoryTotalMax()));
    }
  }

  static double number(Row row, int i) {
    return row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
  }

  static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }

  static Integer[] boxed(int[] values) {
    return Arrays.stream(values).boxed().toArray(Integer[]::new);
  }

  static Long[] boxed(long[] values) {
    return Arrays.stream(values).boxed().toArray(Long[]::new);
  }

  static Double[] boxed(double[] values) {
    return Arrays.stream(values).boxed().toArray(Double[]::new);
  }
}
