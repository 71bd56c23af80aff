package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.LABELS;
import static io.fleetcost.telemetry.GpuSampleColumns.METRICS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.files.TextFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private DcgmJsonValues() {}

  /**
   * One task's share of a file.
   *
   * @param ids per GPU identity of the file: {@code [gpu id, label set id]}
   */
  record SplitTask(TelemetryFileTask file, DcgmJsonIndex.Split split, Map<String, long[]> ids)
      implements Serializable {}

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
    return new LongSamples.Queued() {
      private long position = task.split().valuesBefore();
      private int series = task.split().seriesBefore();
      private final WideSamples wide = new WideSamples(METRICS.size());
      private boolean read;
      private int emitted;

      @Override
      boolean fill(Deque<Row> queue) {
        if (read) {
          return emit(queue);
        }
        try {
          JsonToken token = parser.nextToken();
          if (token == null || token == JsonToken.END_ARRAY) {
            read = true;
            return emit(queue);
          }
          if (token != JsonToken.START_OBJECT) {
            throw DcgmJson.unreadable(
                file, "data.result holds a " + token + " where a series object belongs");
          }
          series++;
          readSeries(queue);
          return true;
        } catch (IOException e) {
          throw DcgmJson.unreadable(file, e.getMessage() + " (in series " + series + ")");
        }
      }

      private boolean emit(Deque<Row> queue) {
        int until = Math.min(wide.size(), emitted + 1024);
        for (; emitted < until; emitted++) {
          Object[] row = new Object[SCHEMA.size()];
          row[0] = wide.gpu(emitted);
          row[1] = wide.labelSet(emitted);
          row[2] = wide.time(emitted);
          for (int m = 0; m < METRICS.size(); m++) {
            double value = wide.value(emitted, m);
            row[3 + m] = Double.isNaN(value) ? null : value;
          }
          row[3 + METRICS.size()] = wide.valueCount(emitted);
          queue.add(RowFactory.create(row));
        }
        return !queue.isEmpty();
      }

      private void readSeries(Deque<Row> queue) throws IOException {
        DcgmJson.SeriesMetric metric = null;
        JsonNode early = null;
        boolean sawValues = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (field.equals("metric") && value == JsonToken.START_OBJECT) {
            metric = DcgmJson.readMetric(parser);
          } else if (field.equals("values") && value == JsonToken.START_ARRAY && metric != null) {
            sawValues = true;
            Series current = new Series(metric);
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              current.add(queue, index++);
            }
          } else if ((field.equals("values") || (field.equals("value") && !sawValues))
              && early == null) {
            // values before the metric object, or an instant vector's single value: read as a tree,
            // rarely
            early =
                field.equals("values")
                    ? JSON.readTree(parser)
                    : JSON.createArrayNode().add((JsonNode) JSON.readTree(parser));
            sawValues = field.equals("values");
          } else {
            parser.skipChildren();
          }
        }
        if (early != null || !sawValues) {
          Series current =
              new Series(metric == null ? new DcgmJson.SeriesMetric(null, Map.of()) : metric);
          JsonNode values = early == null ? JSON.createArrayNode().add(JSON.missingNode()) : early;
          int index = 0;
          for (JsonNode pair : values) {
            try (JsonParser pairParser = JSON.treeAsTokens(pair)) {
              pairParser.nextToken();
              current.add(queue, pairParser, index++);
            }
          }
        }
      }

      /** The values of one series. */
      final class Series {
        private final DcgmJson.SeriesMetric metric;
        private final String canonical;
        private final int metricNumber;
        private final String[] labels;
        private final long[] ids;

        Series(DcgmJson.SeriesMetric metric) {
          this.metric = metric;
          this.canonical =
              metric.name() == null ? null : GpuSampleColumns.DCGM_METRICS.get(metric.name());
          this.metricNumber = canonical == null ? -1 : METRICS.indexOf(canonical);
          this.labels = canonical == null ? null : metric.labels(file.cluster());
          String identity = labels == null ? null : DcgmJson.identity(labels);
          this.ids = identity == null ? null : task.ids().get(identity);
        }

        void add(Deque<Row> queue, int index) throws IOException {
          add(queue, parser, index);
        }

        void add(Deque<Row> queue, JsonParser in, int index) throws IOException {
          position++;
          if (metric.name() == null) {
            in.skipChildren();
            queue.add(
                error(
                    position,
                    "decode_error",
                    "the series has no __name__ (" + where(index) + ")",
                    metric.json()));
            return;
          }
          if (canonical == null) {
            in.skipChildren();
            return; // a metric FleetCost does not use
          }
          if (in.currentToken() != JsonToken.START_ARRAY) {
            queue.add(error(position, "decode_error", notAPair(index), elementText(in)));
            return;
          }
          JsonToken token = in.nextToken();
          if (token == null || !token.isNumeric()) {
            queue.add(error(position, "decode_error", notAPair(index), "[" + restOfArray(in)));
            return;
          }
          long millis = DcgmJson.millis(in);
          String time = in.getText();
          token = in.nextToken();
          if (token == JsonToken.END_ARRAY || token.isStructStart()) {
            queue.add(
                error(
                    position, "decode_error", notAPair(index), "[" + time + "," + restOfArray(in)));
            return;
          }
          String text = token == JsonToken.VALUE_NULL ? null : in.getText();
          boolean quoted = token == JsonToken.VALUE_STRING;
          if (in.nextToken() != JsonToken.END_ARRAY) {
            String shown = quoted ? DcgmJson.quote(text) : String.valueOf(text);
            queue.add(
                error(
                    position,
                    "decode_error",
                    notAPair(index),
                    "[" + time + "," + shown + "," + restOfArray(in)));
            return;
          }
          if (ids == null) {
            queue.add(
                error(
                    position,
                    "missing_value:gpu",
                    "the sample names no GPU (UUID or index)",
                    record(millis, text)));
            return;
          }
          double number = SampleCheck.parse(text);
          SampleCheck.Failure failure =
              Double.isNaN(number) || number < 0 || number >= GpuSamples.DCGM_BLANK || number > 1
                  ? SampleCheck.failure(canonical, text, number)
                  : null;
          if (failure != null) {
            queue.add(error(position, failure.reason(), failure.detail(), record(millis, text)));
            return;
          }
          wide.put(ids[0], ids[1], millis * 1000L, metricNumber, number);
        }

        private String notAPair(int index) {
          return "not a [time, \"value\"] pair (" + where(index) + ")";
        }

        private String where(int index) {
          return "result[" + (series - 1) + "].values[" + index + "]";
        }

        /** The value with its labels, as the quarantine shows it. */
        private String record(long millis, String text) {
          StringBuilder out =
              new StringBuilder("{\"sample_time\":")
                  .append(DcgmJson.quote(Instant.ofEpochMilli(millis).toString()));
          for (int i = 0; i < LABELS.size(); i++) {
            if (labels[i] != null) {
              out.append(',')
                  .append(DcgmJson.quote(LABELS.get(i)))
                  .append(':')
                  .append(DcgmJson.quote(labels[i]));
            }
          }
          out.append(",\"metric\":").append(DcgmJson.quote(canonical));
          if (text != null) {
            out.append(",\"value\":").append(DcgmJson.quote(text));
          }
          return out.append('}').toString();
        }
      }

      private Row error(long at, String reason, String detail, String raw) {
        Object[] row = new Object[SCHEMA.size()];
        int i = 3 + METRICS.size();
        row[i] = 1;
        row[i + 1] = at;
        row[i + 2] = reason;
        row[i + 3] = detail;
        row[i + 4] = raw;
        row[i + 5] = file.displayPath();
        return RowFactory.create(row);
      }

      @Override
      public void close() {
        try {
          parser.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** The element the parser is at, as JSON text, consumed whole. */
  private static String elementText(JsonParser in) throws IOException {
    JsonToken token = in.currentToken();
    if (token == null) {
      return "";
    }
    if (token.isStructStart()) {
      return JSON.readTree(in).toString();
    }
    return token == JsonToken.VALUE_STRING ? DcgmJson.quote(in.getText()) : in.getText();
  }

  /**
   * The rest of the array the parser is in, from its current element (or end) to its end, as JSON
   * text.
   */
  private static String restOfArray(JsonParser in) throws IOException {
    StringBuilder out = new StringBuilder();
    JsonToken token = in.currentToken();
    while (token != null && token != JsonToken.END_ARRAY) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(elementText(in));
      token = in.nextToken();
    }
    return out.append(']').toString();
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
