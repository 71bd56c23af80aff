package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.METRICS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fleetcost.files.TextFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The second pass over a Prometheus-JSON file, or one split of it: every value of the series
 * FleetCost uses, checked as it is read ({@link SampleCheck}), as a narrow row of numbers: the GPU
 * and label set (ids the driver gave from {@link DcgmJsonIndex}), the time in microseconds, the
 * metric's number and the value. Only a value that fails its check carries text: the reason, a
 * sentence, the record as read and the file. A value's position is its number in the file, counting
 * every value of every series from 1. The good values are pivoted in the task ({@link
 * WideSamples}): one row per GPU and time, one column per metric, handed to Spark after the split
 * is read.
 */
final class DcgmJsonValues {
  static final String GPU_ID = "x_GpuId";
  static final String LABEL_SET_ID = "x_LabelSetId";
  static final String TIME_MICROS = "x_TimeMicros";

  static final String VALUE_COUNT = "x_Values";
  static final String METRIC_PREFIX = "x_m";

  static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add(GPU_ID, DataTypes.LongType, true)
            .add(LABEL_SET_ID, DataTypes.LongType, true)
            .add(TIME_MICROS, DataTypes.LongType, true);
    for (int i = 0; i < METRICS.size(); i++) {
      schema = schema.add(METRIC_PREFIX + i, DataTypes.DoubleType, true);
    }
    return schema
        .add(VALUE_COUNT, DataTypes.IntegerType, false)
        .add(GpuSampleColumns.SOURCE_LINE, DataTypes.LongType, true)
        .add(GpuSamples.QUARANTINE_REASON, DataTypes.StringType, true)
        .add(GpuSamples.QUARANTINE_DETAIL, DataTypes.StringType, true)
        .add(GpuSampleColumns.RAW_RECORD, DataTypes.StringType, true)
        .add(GpuSampleColumns.SOURCE_FILE, DataTypes.StringType, true);
  }

  private DcgmJsonValues() {}

  /**
   * One task's share of a file.
   *
   * @param ids per GPU identity of the file: {@code [gpu id, label set id]}
   */
  record SplitTask(TelemetryFileTask file, DcgmJsonIndex.Split split, Map<String, long[]> ids)
      implements Serializable {}

  /** The split's rows, read as they are pulled ({@link DcgmJsonSplitReader}). */
  static Iterator<Row> rows(SplitTask task, Configuration conf) {
    TelemetryFileTask file = task.file();
    JsonParser parser;
    try {
      parser = DcgmJson.FACTORY.createParser(open(task, conf));
      if (task.split().wholeFile()) {
        DcgmJson.seekResult(parser, file);
      } else if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw DcgmJson.unreadable(
            file, "the split at byte " + task.split().start() + " is not a list of series");
      }
    } catch (IOException e) {
      throw DcgmJson.unreadable(file, e.getMessage());
    }
    return new DcgmJsonSplitReader(task, parser);
  }

  private static InputStream open(SplitTask task, Configuration conf) throws IOException {
    if (task.split().wholeFile()) {
      return TextFiles.openText(conf, task.file().path());
    }
    Path path = new Path(task.file().path());
    FileSystem fs = path.getFileSystem(conf);
    FSDataInputStream in = fs.open(path);
    in.seek(task.split().start());
    InputStream part =
        new java.io.BufferedInputStream(
            new BoundedStream(in, task.split().end() - task.split().start()), 1 << 16);
    return new SequenceInputStream(
        Collections.enumeration(
            List.of(
                new ByteArrayInputStream("[".getBytes(StandardCharsets.US_ASCII)),
                part,
                new ByteArrayInputStream("]".getBytes(StandardCharsets.US_ASCII)))));
  }

  /** The next {@code limit} bytes of a stream, then its end. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
