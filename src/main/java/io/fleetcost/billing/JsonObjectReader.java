package io.fleetcost.billing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import org.apache.spark.sql.catalyst.expressions.json.JsonToStructsEvaluator;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * Reads a JSON object into a text map with the result of Spark's {@code from_json(text,
 * map<string,string>, {mode: PERMISSIVE})}. A flat object whose values are all strings or nulls and
 * whose keys are distinct (every CUR 2.0 {@code product} and {@code resource_tags} cell) is read
 * here with Jackson's streaming parser; anything else (nested values, numbers, repeated keys,
 * single quotes, text that is not an object) is handed to Spark's own evaluator of {@code
 * from_json}, so the result is Spark's in every case, only faster in the common one.
 */
final class JsonObjectReader implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory FLAT = new JsonFactory();

  private final JsonToStructsEvaluator spark;

  private JsonObjectReader(JsonToStructsEvaluator spark) {
    this.spark = spark;
  }

  /**
   * A reader for the session's settings ({@code from_json} reads its corrupt-record column name
   * from them).
   */
  static JsonObjectReader forSession(SQLConf conf) {
    return new JsonObjectReader(
        new JsonToStructsEvaluator(
            new scala.collection.immutable.Map.Map1<>("mode", "PERMISSIVE"),
            NormalizedRows.TEXT_MAP,
            conf.columnNameOfCorruptRecord(),
            Option.apply(conf.sessionLocalTimeZone()),
            false));
  }

  /** The object's entries in text order, or null when {@code json} is null or not a JSON object. */
  LinkedHashMap<String, String> read(UTF8String json) {
    if (json == null) {
      return null;
    }
    LinkedHashMap<String, String> flat = flatObject(json.getBytes());
    return flat != null ? flat : entriesOf((MapData) spark.evaluate(json));
  }

  /**
   * A flat object of text or null values with distinct keys, followed by nothing; otherwise null.
   */
  static LinkedHashMap<String, String> flatObject(byte[] json) {
    try (JsonParser parser = FLAT.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      LinkedHashMap<String, String> entries = new LinkedHashMap<>();
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_OBJECT;
          token = parser.nextToken()) {
        if (token != JsonToken.FIELD_NAME) {
          return null;
        }
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        String text;
        if (value == JsonToken.VALUE_STRING) {
          text = parser.getText();
        } else if (value == JsonToken.VALUE_NULL) {
          text = null;
        } else {
          return null;
        }
        if (key == null || entries.containsKey(key)) {
          return null;
        }
        entries.put(key, text);
      }
      return parser.nextToken() == null ? entries : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static LinkedHashMap<String, String> entriesOf(MapData map) {
    if (map == null) {
      return null;
    }
    ArrayData keys = map.keyArray();
    ArrayData values = map.valueArray();
    LinkedHashMap<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < map.numElements(); i++) {
      entries.put(
          keys.getUTF8String(i).toString(),
          values.isNullAt(i) ? null : values.getUTF8String(i).toString());
    }
    return entries;
  }
}
