package io.fleetcost.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * Reads DCGM exporter metrics as a Prometheus HTTP API answer ({@code /api/v1/query_range}: a matrix of series with
 * {@code values}; {@code /api/v1/query}: a vector with one {@code value} each), one series at a time. Series must
 * keep their {@code __name__} (query the DCGM metrics by name, not through functions that drop it). A value's
 * position is its number in the file, counting every value of every series from 1.
 */
final class DcgmJsonDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private DcgmJsonDecoder() {}

  static Iterator<Row> rows(TelemetryFileTask task, Configuration conf) {
    InputStream in = TextFiles.openText(conf, task.path());
    JsonParser parser;
    try {
      parser = FACTORY.createParser(in);
      seekResult(parser, task);
    } catch (IOException e) {
      throw unreadable(task, e.getMessage());
    }
    LongSamples.Builder rows = new LongSamples.Builder(task);
    return new LongSamples.Queued() {
      private long position;
      private int series;

      @Override
      boolean fill(Deque<Row> queue) {
        try {
          JsonToken token = parser.nextToken();
          if (token == null || token == JsonToken.END_ARRAY) {
            return false;
          }
          JsonNode node = JSON.readTree(parser);
          series++;
          addSeries(node, queue);
          return true;
        } catch (IOException e) {
          throw unreadable(task, e.getMessage() + " (in series " + (series + 1) + ")");
        }
      }

      private void addSeries(JsonNode node, Deque<Row> queue) {
        JsonNode metric = node.path("metric");
        String name = metric.path("__name__").asText(null);
        String canonical = name == null ? null : GpuSampleColumns.DCGM_METRICS.get(name);
        Map<String, String> labels = labels(metric);
        JsonNode values = node.has("values") ? node.get("values") : JSON.createArrayNode().add(node.path("value"));
        int index = 0;
        for (JsonNode pair : values) {
          position++;
          String where = "result[" + (series - 1) + "].values[" + index++ + "]";
          if (name == null) {
            queue.add(rows.error(position, "the series has no __name__ (" + where + ")", metric.toString()));
            continue;
          }
          if (canonical == null) {
            continue; // a metric FleetCost does not use
          }
          if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()) {
            queue.add(rows.error(position, "not a [time, \"value\"] pair (" + where + ")", pair.toString()));
            continue;
          }
          long millis = new BigDecimal(pair.get(0).asText()).movePointRight(3).longValue();
          queue.add(rows.value(position, new Timestamp(millis), labels, canonical, pair.get(1).asText()));
        }
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

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new HashMap<>();
    metric.fields().forEachRemaining(
        field -> {
          String mapped = GpuSampleColumns.DCGM_LABELS.get(field.getKey());
          if (mapped != null && !field.getValue().asText().isEmpty()) {
            labels.putIfAbsent(mapped, field.getValue().asText());
          }
        });
    return labels;
  }

  /** Moves the parser to the first element of {@code data.result}. */
  private static void seekResult(JsonParser parser, TelemetryFileTask task) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw unreadable(task, "not a JSON object");
    }
    String status = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("status")) {
        status = parser.getText();
      } else if (field.equals("data")) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String inner = parser.currentName();
          JsonToken value = parser.nextToken();
          if (inner.equals("result") && value == JsonToken.START_ARRAY) {
            if (status != null && !status.equals("success")) {
              throw unreadable(task, "the query's status is '" + status + "'");
            }
            return;
          }
          parser.skipChildren();
        }
      } else {
        parser.skipChildren();
      }
    }
    throw unreadable(task, "no data.result array (a Prometheus query answer has one)");
  }

  private static FleetCostException unreadable(TelemetryFileTask task, String why) {
    return new FleetCostException(
        ErrorCode.USER_ERROR, "Cannot read " + task.displayPath() + " as " + task.format().cliName() + ": " + why);
  }
}
