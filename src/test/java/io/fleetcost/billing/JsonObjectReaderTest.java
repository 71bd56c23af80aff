package io.fleetcost.billing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.spark.SharedSpark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The decoder's JSON object reader gives what Spark's from_json gives, on every kind of text. */
class JsonObjectReaderTest {
  /**
   * Flat objects of text (the fast path) and everything the fast path hands to Spark's evaluator.
   */
  private static final List<String> TEXTS =
      List.of(
          "{}",
          "{\"region_code\":\"us-east-1\",\"instance_type\":\"p4d.24xlarge\"}",
          "{\"user_team\":\"ml\",\"user_env\":null}",
          "{ \"a\" : \"x\" ,\n \"b\":\"\\u00e9\\\"q\\\"\" }",
          "{\"gpu\":8}",
          "{\"gpu\":8.50,\"flag\":true,\"none\":null}",
          "{\"nested\":{\"a\": [1, 2]},\"s\":\"t\"}",
          "{\"a\":\"1\",\"a\":\"2\"}",
          "{\"a\":null,\"a\":\"2\"}",
          "{'a':'single quotes'}",
          "{\"a\":\"b\"} trailing",
          "{\"a\":\"b\"}{\"c\":\"d\"}",
          "{\"a\":\"b\"",
          "[{\"a\":\"b\"}]",
          "\"just text\"",
          "42",
          "not json at all",
          "{\"a\":\"tab\there\"}",
          "{\"ключ\":\"значение\",\"emoji\":\"\uD83D\uDE80\"}");

  @Test
  void readsEveryTextAsSparksFromJson() {
    SparkSession spark = SharedSpark.session();
    JsonObjectReader reader = JsonObjectReader.forSession(spark.sessionState().conf());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      rows.add(RowFactory.create(i, TEXTS.get(i)));
    }
    StructType schema =
        new StructType().add("i", DataTypes.IntegerType).add("text", DataTypes.StringType);
    Dataset<Row> parsed =
        spark
            .createDataFrame(rows, schema)
            .select(col("i"), NormalizedRows.parseJsonObject(col("text")).as("map"))
            .orderBy("i");
    List<Row> expected = parsed.collectAsList();

    int fastPath = 0;
    for (int i = 0; i < TEXTS.size(); i++) {
      String text = TEXTS.get(i);
      Map<String, String> spark_ =
          expected.get(i).isNullAt(1) ? null : orderedEntries(expected.get(i));
      LinkedHashMap<String, String> ours = reader.read(UTF8String.fromString(text));
      assertThat(ours).as(text).isEqualTo(spark_);
      if (ours != null) {
        assertThat(new ArrayList<>(ours.keySet()))
            .as("key order of " + text)
            .isEqualTo(new ArrayList<>(spark_.keySet()));
      }
      if (JsonObjectReader.flatObject(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          != null) {
        fastPath++;
      }
    }
    assertThat(reader.read(null)).isNull();
    // the fast path takes {}, the two CUR-like objects, the escaped one and the non-ASCII one; an
    // unescaped tab is not
    // JSON for Jackson (nor for Spark, whose result the evaluator gives)
    assertThat(fastPath).isEqualTo(5);
  }

  @Test
  void theFastPathTakesOnlyFlatObjectsOfTextWithDistinctKeys() {
    assertThat(JsonObjectReader.flatObject(bytes("{\"a\":\"x\",\"b\":null}")))
        .containsEntry("a", "x")
        .containsEntry("b", null);
    assertThat(JsonObjectReader.flatObject(bytes("{\"a\":1}"))).isNull();
    assertThat(JsonObjectReader.flatObject(bytes("{\"a\":\"x\",\"a\":\"y\"}"))).isNull();
    assertThat(JsonObjectReader.flatObject(bytes("{\"a\":null,\"a\":null}"))).isNull();
    assertThat(JsonObjectReader.flatObject(bytes("{\"a\":\"x\"} {}"))).isNull();
    assertThat(JsonObjectReader.flatObject(bytes("{\"a\":"))).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Map<String, String> orderedEntries(Row row) {
    scala.collection.Map<String, String> map = row.getMap(1);
    LinkedHashMap<String, String> entries = new LinkedHashMap<>();
    scala.collection.Iterator<scala.Tuple2<String, String>> it = map.iterator();
    while (it.hasNext()) {
      scala.Tuple2<String, String> entry = it.next();
      entries.put(entry._1(), entry._2());
    }
    return entries;
  }
}
