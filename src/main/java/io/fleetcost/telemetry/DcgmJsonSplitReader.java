package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.DcgmJsonValues.SCHEMA;
import static io.fleetcost.telemetry.GpuSampleColumns.LABELS;
import static io.fleetcost.telemetry.GpuSampleColumns.METRICS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of {@link DcgmJsonValues} for one split, read one series at a time as Spark pulls them:
 * a value that fails its check becomes a quarantine row at once; the good values are pivoted into
 * {@link WideSamples} and handed out, 1,024 rows at a time, after the split is read.
 */
final class DcgmJsonSplitReader extends LongSamples.Queued {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DcgmJsonValues.SplitTask task;
  private final TelemetryFileTask file;
  private final JsonParser parser;
  private final WideSamples wide = new WideSamples(METRICS.size());
  private long position;
  private int series;
  private boolean read;
  private int emitted;

  /**
   * @param parser at the first series of the split (inside the list of series)
   */
  DcgmJsonSplitReader(DcgmJsonValues.SplitTask task, JsonParser parser) {
    this.task = task;
    this.file = task.file();
    this.parser = parser;
    this.position = task.split().valuesBefore();
    this.series = task.split().seriesBefore();
  }

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
      addTreeValues(queue, metric, early);
    }
  }

  /**
   * The values read as a tree ({@code early}), or, for a series without values, one missing value,
   * so that the series is quarantined (or skipped) like any other.
   */
  private void addTreeValues(Deque<Row> queue, DcgmJson.SeriesMetric metric, JsonNode early)
      throws IOException {
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

    /** The value the parser {@code in} is at, the {@code index}th of the series. */
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
      readPair(queue, in, index);
    }

    /**
     * Reads the {@code [time, "value"]} pair the parser is at and checks it ({@link #check}); what
     * is not such a pair is quarantined as read.
     */
    private void readPair(Deque<Row> queue, JsonParser in, int index) throws IOException {
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
            error(position, "decode_error", notAPair(index), "[" + time + "," + restOfArray(in)));
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
      check(queue, millis, text);
    }

    /** Pivots a value of a known GPU that passes its {@link SampleCheck}; quarantines any other. */
    private void check(Deque<Row> queue, long millis, String text) {
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
}
