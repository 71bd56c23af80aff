package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.DcgmJsonValues.GPU_ID;
import static io.fleetcost.telemetry.DcgmJsonValues.LABEL_SET_ID;
import static io.fleetcost.telemetry.DcgmJsonValues.TIME_MICROS;
import static io.fleetcost.telemetry.GpuSampleColumns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.timestamp_micros;

import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.spark.PerFileTasks;
import io.fleetcost.spark.SerializableHadoopConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Prometheus-JSON telemetry at fleet scale. A first Spark job indexes every file ({@link
 * DcgmJsonIndex}: its GPUs with their labels, and cut points between series for a large
 * uncompressed file); the driver numbers the GPUs across files and each file's label sets; then one
 * task per split reads the values ({@link DcgmJsonValues}) as numeric rows, already pivoted in the
 * task to one row per GPU and time. The merge across tasks and files is then a hash aggregation on
 * two numbers, and the labels join back from a small broadcast table: no string is sorted or
 * shuffled per value. A GPU and time found in several files (overlapping exports) is one row, with
 * the labels of the first file.
 */
public final class DcgmJsonRead implements TelemetrySource {
  private static final String PIVOT_PREFIX = DcgmJsonValues.METRIC_PREFIX;

  /**
   * The number of values a decoded row holds (a pivoted row: its metrics; a quarantined value: 1).
   */
  public static final String VALUE_COUNT = DcgmJsonValues.VALUE_COUNT;

  DcgmJsonRead() {}

  @Override
  public TelemetryFormat format() {
    return TelemetryFormat.DCGM_JSON;
  }

  /** Read by {@link #decode}: indexed, split and pivoted in the task. */
  @Override
  public boolean perFile() {
    return false;
  }

  @Override
  public Iterator<Row> rows(TelemetryFileTask task, org.apache.hadoop.conf.Configuration conf) {
    throw new IllegalArgumentException(
        task.displayPath()
            + ": Prometheus JSON is read by DcgmJsonRead (indexed, split, pivoted in the task)");
  }

  /** The decoded values of every file and the label sets they refer to. */
  public record Decoded(Dataset<Row> values, Dataset<Row> labelSets) {
    /** The same label sets with other values: {@code values} with an observation, for instance. */
    public Decoded withValues(Dataset<Row> other) {
      return new Decoded(other, labelSets);
    }
  }

  /**
   * @param splitBytes the size above which an uncompressed file is read by several tasks
   */
  public static Decoded decode(
      SparkSession spark,
      List<TelemetryFileTask> files,
      long splitBytes,
      LongAccumulator valuesRead) {
    SerializableHadoopConfiguration conf =
        new SerializableHadoopConfiguration(spark.sparkContext().hadoopConfiguration());
    List<DcgmJsonIndex.FileIndex> indexes =
        files.isEmpty()
            ? List.of()
            : JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size())
                .map(file -> DcgmJsonIndex.index(file, conf.get(), splitBytes))
                .collect();
    Map<String, Long> gpuIds = new HashMap<>();
    List<Row> labelSets = new ArrayList<>();
    List<DcgmJsonValues.SplitTask> splits = new ArrayList<>();
    for (DcgmJsonIndex.FileIndex index : indexes) {
      Map<String, long[]> ids = new HashMap<>();
      for (DcgmJsonIndex.GpuLabels gpu : index.gpus()) {
        long gpuId = gpuIds.computeIfAbsent(gpu.identity(), identity -> (long) gpuIds.size());
        long labelSetId = labelSets.size();
        Object[] row = new Object[LABELS.size() + 2];
        row[0] = labelSetId;
        System.arraycopy(gpu.labels(), 0, row, 1, LABELS.size());
        row[LABELS.size() + 1] = index.task().displayPath();
        labelSets.add(RowFactory.create(row));
        ids.put(gpu.identity(), new long[] {gpuId, labelSetId});
      }
      for (DcgmJsonIndex.Split split : index.splits()) {
        splits.add(new DcgmJsonValues.SplitTask(index.task(), split, ids));
      }
    }
    Dataset<Row> values =
        PerFileTasks.rows(spark, splits, new ReadSplits(conf, valuesRead), DcgmJsonValues.SCHEMA);
    Dataset<Row> labels = spark.createDataFrame(labelSets, labelSetSchema());
    List<Column> typed = new ArrayList<>();
    typed.add(col(LABEL_SET_ID));
    typed.addAll(GpuSamples.typedLabels());
    typed.add(col(SOURCE_FILE));
    Dataset<Row> typedLabels = labels.select(typed.toArray(new Column[0]));
    return new Decoded(
        values, typedLabels.withColumn(GpuSamples.LABEL_SET, GpuSamples.labelSetId()));
  }

  /** The good values, one row per GPU and time, in the columns of {@code gpu_samples}. */
  public static Dataset<Row> samples(Decoded decoded) {
    List<Column> metrics = new ArrayList<>();
    for (int i = 0; i < METRICS.size(); i++) {
      metrics.add(max(col(DcgmJsonValues.METRIC_PREFIX + i)).as(PIVOT_PREFIX + i));
    }
    Dataset<Row> wide =
        decoded
            .values()
            .filter(col(GpuSamples.QUARANTINE_REASON).isNull())
            .groupBy(col(GPU_ID), col(TIME_MICROS))
            .agg(min(col(LABEL_SET_ID)).as(LABEL_SET_ID), metrics.toArray(new Column[0]))
            .join(broadcast(decoded.labelSets()), LABEL_SET_ID);
    List<Column> out = new ArrayList<>();
    out.add(timestamp_micros(col(TIME_MICROS)).as(SAMPLE_TIME));
    for (String label : LABELS) {
      out.add(col(label));
    }
    out.add(metric(GPU_UTIL));
    out.add(metric(GR_ENGINE_ACTIVE));
    out.add(metric(SM_ACTIVE));
    out.add(metric(FB_USED_MIB));
    out.add(
        coalesce(
                col(pivoted(FB_TOTAL_MIB)),
                col(pivoted(FB_USED_MIB))
                    .plus(col(pivoted(FB_FREE_MIB)))
                    .plus(coalesce(col(pivoted(FB_RESERVED_MIB)), lit(0d))))
            .as(FB_TOTAL_MIB));
    out.add(metric(POWER_W));
    out.add(lit(TelemetryFormat.DCGM_JSON.cliName()).as(SOURCE_FORMAT));
    out.add(col(SOURCE_FILE));
    out.add(col(GpuSamples.LABEL_SET));
    return wide.select(out.toArray(new Column[0]));
  }

  /** The distinct label sets of the files, as {@link GpuSamples#labelSets} gives them. */
  public static Dataset<Row> labelSets(Decoded decoded) {
    return GpuSamples.labelSets(decoded.labelSets());
  }

  /** The values set aside, in the columns of the telemetry quarantine. */
  public static Dataset<Row> quarantine(Decoded decoded) {
    return decoded
        .values()
        .filter(col(GpuSamples.QUARANTINE_REASON).isNotNull())
        .select(
            lit(TelemetryFormat.DCGM_JSON.cliName()).as(SOURCE_FORMAT),
            col(SOURCE_FILE),
            col(SOURCE_LINE),
            col(GpuSamples.QUARANTINE_REASON),
            col(GpuSamples.QUARANTINE_DETAIL),
            col(RAW_RECORD));
  }

  private static Column metric(String name) {
    return col(pivoted(name)).as(name);
  }

  private static String pivoted(String metric) {
    return PIVOT_PREFIX + METRICS.indexOf(metric);
  }

  private static StructType labelSetSchema() {
    StructType schema = new StructType().add(LABEL_SET_ID, DataTypes.LongType, false);
    for (String label : LABELS) {
      schema = schema.add(label, DataTypes.StringType, true);
    }
    return schema.add(SOURCE_FILE, DataTypes.StringType, false);
  }

  static final class ReadSplits
      implements FlatMapFunction<Iterator<DcgmJsonValues.SplitTask>, Row> {
    private static final long serialVersionUID = 1L;

    private static final int VALUE_COUNT_INDEX = DcgmJsonValues.SCHEMA.fieldIndex(VALUE_COUNT);

    private final SerializableHadoopConfiguration conf;
    private final LongAccumulator valuesRead;

    ReadSplits(SerializableHadoopConfiguration conf, LongAccumulator valuesRead) {
      this.conf = conf;
      this.valuesRead = valuesRead;
    }

    @Override
    public Iterator<Row> call(Iterator<DcgmJsonValues.SplitTask> tasks) {
      return new Iterator<>() {
        private Iterator<Row> current = List.<Row>of().iterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext()) {
            if (!tasks.hasNext()) {
              return false;
            }
            current = DcgmJsonValues.rows(tasks.next(), conf.get());
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row row = current.next();
          valuesRead.add(row.getInt(VALUE_COUNT_INDEX));
          return row;
        }
      };
    }
  }
}
