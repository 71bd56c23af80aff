package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.*;

import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The long form every telemetry decoder produces: one row per metric value, with the series'
 * labels, the sample time and the value as text (parsed and checked afterwards). A record a decoder
 * cannot read becomes a row with a decode error, so that it is quarantined with its position.
 */
public final class LongSamples {
  private LongSamples() {}

  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add(SOURCE_FORMAT, DataTypes.StringType, false)
            .add(SOURCE_FILE, DataTypes.StringType, false)
            .add(SOURCE_LINE, DataTypes.LongType, false)
            .add(DECODE_ERROR, DataTypes.StringType, true)
            .add(RAW_RECORD, DataTypes.StringType, true)
            .add(SAMPLE_TIME, DataTypes.TimestampType, true);
    for (String label : LABELS) {
      schema = schema.add(label, DataTypes.StringType, true);
    }
    return schema.add(METRIC, DataTypes.StringType, true).add(VALUE, DataTypes.StringType, true);
  }

  /** Builds rows for one file. */
  static final class Builder {
    private final TelemetryFileTask task;

    Builder(TelemetryFileTask task) {
      this.task = task;
    }

    Row value(
        long position, Timestamp time, Map<String, String> labels, String metric, String value) {
      Object[] row = new Object[6 + LABELS.size() + 2];
      row[0] = task.format().cliName();
      row[1] = task.displayPath();
      row[2] = position;
      row[5] = time;
      for (int i = 0; i < LABELS.size(); i++) {
        String label = LABELS.get(i);
        String text = labels.get(label);
        row[6 + i] =
            text == null || text.isBlank()
                ? (label.equals(CLUSTER) ? task.cluster() : null)
                : text.trim();
      }
      row[6 + LABELS.size()] = metric;
      row[7 + LABELS.size()] = value;
      return RowFactory.create(row);
    }

    Row error(long position, String error, String raw) {
      Object[] row = new Object[6 + LABELS.size() + 2];
      row[0] = task.format().cliName();
      row[1] = task.displayPath();
      row[2] = position;
      row[3] = error;
      row[4] = raw;
      return RowFactory.create(row);
    }
  }

  /** An iterator that refills a queue one source record at a time. */
  abstract static class Queued implements Iterator<Row>, AutoCloseable {
    private final Deque<Row> queue = new ArrayDeque<>();
    private boolean done;

    /** Adds the rows of the next record(s) to the queue; returns false at the end of the file. */
    abstract boolean fill(Deque<Row> queue);

    @Override
    public boolean hasNext() {
      while (queue.isEmpty() && !done) {
        if (!fill(queue)) {
          done = true;
          close();
        }
      }
      return !queue.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return queue.poll();
    }

    @Override
    public abstract void close();
  }
}
