package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.CLUSTER;
import static io.fleetcost.telemetry.GpuSampleColumns.GPU_INDEX;
import static io.fleetcost.telemetry.GpuSampleColumns.GPU_UUID;
import static io.fleetcost.telemetry.GpuSampleColumns.LABELS;
import static io.fleetcost.telemetry.GpuSampleColumns.MIG_INSTANCE_ID;
import static io.fleetcost.telemetry.GpuSampleColumns.NODE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Prometheus-JSON readers ({@link DcgmJsonIndex}, {@link DcgmJsonValues}) share: the way
 * to the {@code data.result} array, a series' labels, and the identity of the GPU a series is
 * about.
 */
final class DcgmJson {
  /**
   * Splits of a file are read as {@code [} + the split's series + {@code ]}; a split ends after a
   * comma.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

  private static final int UUID = LABELS.indexOf(GPU_UUID);
  private static final int NODE_LABEL = LABELS.indexOf(NODE);
  private static final int INDEX = LABELS.indexOf(GPU_INDEX);
  private static final int MIG = LABELS.indexOf(MIG_INSTANCE_ID);
  private static final int CLUSTER_LABEL = LABELS.indexOf(CLUSTER);

  private DcgmJson() {}

  /** A series' {@code metric} object: the name and the raw labels, as strings. */
  record SeriesMetric(String name, Map<String, String> raw) {
    /**
     * The series' labels in {@link GpuSampleColumns#LABELS} order, trimmed, the input's cluster for
     * a missing one.
     */
    String[] labels(String defaultCluster) {
      String[] labels = new String[LABELS.size()];
      for (Map.Entry<String, String> entry : raw.entrySet()) {
        String mapped = GpuSampleColumns.DCGM_LABELS.get(entry.getKey());
        if (mapped != null && !entry.getValue().isEmpty()) {
          int i = LABELS.indexOf(mapped);
          if (labels[i] == null) {
            labels[i] = entry.getValue();
          }
        }
      }
      for (int i = 0; i < labels.length; i++) {
        labels[i] = labels[i] == null || labels[i].isBlank() ? null : labels[i].trim();
      }
      if (labels[CLUSTER_LABEL] == null) {
        labels[CLUSTER_LABEL] = defaultCluster;
      }
      return labels;
    }

    String json() {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<String, String> entry : raw.entrySet()) {
        if (out.length() > 1) {
          out.append(',');
        }
        out.append(quote(entry.getKey())).append(':').append(quote(entry.getValue()));
      }
      return out.append('}').toString();
    }
  }

  /**
   * The GPU (or MIG instance) the labels are about, as {@code gpu_samples} groups rows: its UUID,
   * else its node and index, and its MIG instance; null when the labels name no GPU.
   */
  static String identity(String[] labels) {
    String uuid = labels[UUID];
    if (uuid == null && labels[INDEX] == null) {
      return null;
    }
    String first = uuid != null ? uuid : labels[NODE_LABEL];
    String second = uuid != null ? uuid : labels[INDEX];
    return first + '\u001f' + second + '\u001f' + labels[MIG];
  }

  /**
   * Reads the {@code metric} object the parser is at (its START_OBJECT); non-string values are kept
   * as text.
   */
  static SeriesMetric readMetric(JsonParser parser) throws IOException {
    Map<String, String> raw = new LinkedHashMap<>();
    String name = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value.isStructStart()) {
        parser.skipChildren();
        continue;
      }
      String text = value == JsonToken.VALUE_NULL ? null : parser.getText();
      if (text == null) {
        continue;
      }
      if (key.equals("__name__")) {
        name = text;
      }
      raw.put(key, text);
    }
    return new SeriesMetric(name, raw);
  }

  /** Moves the parser to the first element of {@code data.result}. */
  static void seekResult(JsonParser parser, TelemetryFileTask task) throws IOException {
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

  /**
   * Prometheus' sample time (seconds, with up to millisecond decimals) in epoch milliseconds,
   * truncated.
   */
  static long millis(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return Math.multiplyExact(parser.getLongValue(), 1000L);
    }
    String text = parser.getText();
    int dot = text.indexOf('.');
    if (dot > 0
        && dot < 12
        && text.length() - dot <= 4
        && text.indexOf('e') < 0
        && text.indexOf('E') < 0
        && text.charAt(0) != '-') {
      long seconds = Long.parseLong(text, 0, dot, 10);
      long fraction = 0;
      int digits = text.length() - dot - 1;
      for (int i = 0; i < 3; i++) {
        fraction = fraction * 10 + (i < digits ? text.charAt(dot + 1 + i) - '0' : 0);
      }
      return seconds * 1000 + fraction;
    }
    return new BigDecimal(text).movePointRight(3).longValue();
  }

  static FleetCostException unreadable(TelemetryFileTask task, String why) {
    return new FleetCostException(
        ErrorCode.USER_ERROR,
        "Cannot read " + task.displayPath() + " as " + task.format().cliName() + ": " + why);
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
