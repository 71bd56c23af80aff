package io.fleetcost.billing.aws;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.transform_keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.billing.NormalizedRows;
import io.fleetcost.spark.SharedSpark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * CUR 2.0 CSV tags are cleaned in the decoder ({@link AwsCurBillingSource#userTags}); Parquet tags
 * by map expressions. Both must give the same map, entry order included.
 */
class AwsUserTagsTest {
  @Test
  void theDecodersCleaningEqualsTheMapExpressions() {
    List<List<String[]>> maps =
        List.of(
            List.of(),
            List.of(new String[] {"user_team", "ml"}, new String[] {"aws_createdBy", "alice"}),
            List.of(
                new String[] {"user_team", ""},
                new String[] {"user_env", null},
                new String[] {"user_app", "x"}),
            // two entries come to share a key: first place, last value (LAST_WIN), then the empty
            // value is dropped
            List.of(
                new String[] {"team", "a"},
                new String[] {"env", "p"},
                new String[] {"user_team", "b"}),
            List.of(new String[] {"user_env", "p"}, new String[] {"env", ""}),
            List.of(
                new String[] {"user_user_x", "1"},
                new String[] {"xuser_y", "2"},
                new String[] {"user_", "3"}));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) {
      StringBuilder json = new StringBuilder("{");
      for (String[] entry : maps.get(i)) {
        json.append(json.length() > 1 ? "," : "").append('"').append(entry[0]).append("\":");
        json.append(entry[1] == null ? "null" : "\"" + entry[1] + "\"");
      }
      rows.add(RowFactory.create(i, json.append('}').toString()));
    }
    StructType schema =
        new StructType().add("i", DataTypes.IntegerType).add("text", DataTypes.StringType);
    List<Row> expected =
        SharedSpark.session()
            .createDataFrame(rows, schema)
            .select(NormalizedRows.parseJsonObject(col("text")).as("m"))
            .select(transform_keys(col("m"), (k, v) -> regexp_replace(k, "^user_", "")).as("m"))
            .select(map_filter(col("m"), (k, v) -> v.isNotNull().and(v.notEqual(lit("")))).as("m"))
            .collectAsList();

    for (int i = 0; i < maps.size(); i++) {
      LinkedHashMap<String, String> parsed = new LinkedHashMap<>();
      maps.get(i).forEach(entry -> parsed.put(entry[0], entry[1]));
      List<String> ours = new ArrayList<>();
      AwsCurBillingSource.userTags(parsed).forEach((k, v) -> ours.add(k + "=" + v));
      List<String> spark = new ArrayList<>();
      scala.collection.Iterator<scala.Tuple2<Object, Object>> it =
          expected.get(i).getMap(0).iterator();
      while (it.hasNext()) {
        scala.Tuple2<Object, Object> entry = it.next();
        spark.add(entry._1() + "=" + entry._2());
      }
      assertThat(ours).as("map %d", i).isEqualTo(spark);
    }
    assertThat(
            AwsCurBillingSource.userTags(new LinkedHashMap<>(java.util.Map.of("user_team", "ml"))))
        .containsExactly(java.util.Map.entry("team", "ml"));
  }
}
