package io.fleetcost.billing;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * A CSV column holding a JSON object per row (CUR 2.0's {@code product} and {@code resource_tags})
 * that the CSV decoder parses in its own task into a text map under {@code parsedAs}, exactly as
 * Spark's {@code from_json} with a {@code map<string,string>} schema would ({@link
 * JsonObjectReader}), and then hands to {@code cleaner}. The map is null when the text is null or
 * not a JSON object, so a reader's {@code malformed_json} check still sees it. When {@code
 * addsMissingBraces}, a cell that does not start with <code>{</code> is wrapped in braces before it
 * is read.
 *
 * <p>Why in the decoder: {@code from_json} and the higher-order functions that clean a map have no
 * generated code in Spark, so a projection holding one is evaluated on its own, copying every wide
 * row once more; and parsing per row with Spark's JSON reader cost more than reading the CSV line.
 */
public record JsonObjectColumn(
    String column, String parsedAs, TextMapCleaner cleaner, boolean addsMissingBraces)
    implements Serializable {
  public JsonObjectColumn(String column, String parsedAs, TextMapCleaner cleaner) {
    this(column, parsedAs, cleaner, false);
  }

  /**
   * The same column for cells that may come without the object's outer braces (Azure's tags); they
   * are added first.
   */
  public JsonObjectColumn withMissingBracesAdded() {
    return new JsonObjectColumn(column, parsedAs, cleaner, true);
  }

  /** Drops the entries whose value is null (as {@code map_filter(m, (k, v) -> v is not null)}). */
  public static LinkedHashMap<String, String> withoutNullValues(
      LinkedHashMap<String, String> parsed) {
    parsed.values().removeIf(java.util.Objects::isNull);
    return parsed;
  }

  /**
   * Turns a parsed object's entries (in the order of the text, keys distinct) into the map the
   * column holds.
   */
  @FunctionalInterface
  public interface TextMapCleaner extends Serializable {
    LinkedHashMap<String, String> clean(LinkedHashMap<String, String> parsed);
  }

  /** The parsed object as it is. */
  public static JsonObjectColumn parsed(String column, String parsedAs) {
    return new JsonObjectColumn(column, parsedAs, parsed -> parsed);
  }
}
