package io.fleetcost.billing;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * A CSV column holding a JSON object per row (CUR 2.0's {@code product} and {@code resource_tags}) that the CSV decoder
 * parses in its own task into a text map under {@code parsedAs}, exactly as Spark's {@code from_json} with a {@code
 * map<string,string>} schema would ({@link JsonObjectReader}), and then hands to {@code cleaner}. The map is null when
 * the text is null or not a JSON object, so a reader's {@code malformed_json} check still sees it.
 *
 * <p>Why in the decoder: {@code from_json} and the higher-order functions that clean a map have no generated code in
 * Spark, so a projection holding one is evaluated on its own, copying every wide row once more; and parsing per row
 * with Spark's JSON reader cost more than reading the CSV line.
 */
public record JsonObjectColumn(String column, String parsedAs, TextMapCleaner cleaner) implements Serializable {
  /** Turns a parsed object's entries (in the order of the text, keys distinct) into the map the column holds. */
  @FunctionalInterface
  public interface TextMapCleaner extends Serializable {
    LinkedHashMap<String, String> clean(LinkedHashMap<String, String> parsed);
  }

  /** The parsed object as it is. */
  public static JsonObjectColumn parsed(String column, String parsedAs) {
    return new JsonObjectColumn(column, parsedAs, parsed -> parsed);
  }
}
