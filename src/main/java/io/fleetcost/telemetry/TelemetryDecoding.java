package io.fleetcost.telemetry;

import io.fleetcost.spark.PerFileTasks;
import io.fleetcost.spark.SerializableHadoopConfiguration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Decodes telemetry files into {@link LongSamples} rows, one Spark task per file: the exposition,
 * nvidia-smi and samples-CSV formats, each by its {@link TelemetrySource}. Prometheus JSON has its
 * own reader, {@link DcgmJsonRead}.
 */
public final class TelemetryDecoding {
  private TelemetryDecoding() {}

  public static Dataset<Row> decode(
      SparkSession spark, List<TelemetryFileTask> tasks, LongAccumulator values) {
    return PerFileTasks.rows(
        spark,
        tasks,
        new DecodeFiles(
            new SerializableHadoopConfiguration(spark.sparkContext().hadoopConfiguration()),
            values),
        LongSamples.SCHEMA);
  }

  static Iterator<Row> rows(TelemetryFileTask task, Configuration conf) {
    return TelemetrySources.forFormat(task.format()).rows(task, conf);
  }

  static final class DecodeFiles implements FlatMapFunction<Iterator<TelemetryFileTask>, Row> {
    private static final long serialVersionUID = 1L;

    private final SerializableHadoopConfiguration conf;
    private final LongAccumulator values;

    DecodeFiles(SerializableHadoopConfiguration conf, LongAccumulator values) {
      this.conf = conf;
      this.values = values;
    }

    @Override
    public Iterator<Row> call(Iterator<TelemetryFileTask> tasks) {
      return new Iterator<>() {
        private Iterator<Row> current = List.<Row>of().iterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext()) {
            if (!tasks.hasNext()) {
              return false;
            }
            current = rows(tasks.next(), conf.get());
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          values.add(1);
          return current.next();
        }
      };
    }
  }
}
