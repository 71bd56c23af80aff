package io.fleetcost.billing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.spark.SharedSpark;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** {@link SparkCasts} gives what Spark's own {@code try_cast} and functions give, text by text. */
class SparkCastsTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void timestampsAreSparks() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "2026-11-01T00:00:00Z",
                "2026-11-01T00:00:00.000Z",
                "2026-11-01T23:59:59.999999Z",
                "2026-11-01T23:59:59.9999999Z",
                "2026-11-01T00:00:00",
                "2026-11-01T00:00:00.5",
                "2026-11-01 00:00:00",
                "2026-11-01",
                "2026-11",
                "2026-02-29T00:00:00Z",
                "2024-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-00-10T00:00:00Z",
                "2026-10-00T00:00:00Z",
                "2026-10-01T24:00:00Z",
                "2026-10-01T23:60:00Z",
                "2026-10-01T23:59:60Z",
                "2026-10-01T00:00:00.Z",
                "2026-10-01T00:00:00+00:00",
                "2026-10-01T00:00:00+05:30",
                "2026-10-01T00:00:00 UTC",
                "2026-10-01T00:00:00z",
                "2026-1-01T00:00:00Z",
                "+2026-10-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "1969-12-31T23:59:59.999999Z",
                "1582-10-10T00:00:00Z",
                "2026-10-01T00:00:00ZZ",
                "2026-10-01T00:00:0aZ",
                "2026-10-01X00:00:00Z",
                "2026-10-01T00:00:00.12a4Z",
                "９９９９-12-31T00:00:00Z",
                "10/01/2026",
                "",
                " ",
                "T",
                "Z"));
    Random random = new Random(42);
    Instant from = Instant.parse("1900-01-01T00:00:00Z");
    for (int i = 0; i < 2000; i++) {
      Instant instant =
          from.plusSeconds((long) (random.nextDouble() * 200L * 365 * 86400))
              .plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
      String text = instant.toString();
      texts.add(
          random.nextBoolean() ? text : text.substring(0, 19) + (random.nextBoolean() ? "Z" : ""));
    }
    // Spark's microseconds since the epoch (a java.sql.Timestamp would go through the Julian
    // calendar before 1582)
    List<Row> expected = sparkCast(texts, "timestamp", "unix_micros(%s)");
    for (int i = 0; i < texts.size(); i++) {
      assertThat(SparkCasts.timestamp(texts.get(i)))
          .as("'%s'", texts.get(i))
          .isEqualTo(expected.get(i).get(0));
    }
  }

  @Test
  void decimalsAndIntegersAreSparks() {
    List<String> texts =
        List.of(
            "0",
            "1",
            "-1",
            "+1",
            "1.5",
            "-0.0000000000000000005",
            "0.0000000000000000005",
            "0.0000000000000000015",
            "12345678901234567890.123456789012345678",
            "123456789012345678901",
            "99999999999999999999.9999999999999999995",
            "1E+2",
            "1e-30",
            "1E400",
            "6.0790316E+25569151",
            "NaN",
            "Infinity",
            "1,000",
            "0x10",
            "３",
            "1_000",
            ".5",
            "5.",
            "-.5",
            "1.5D",
            "1.5f",
            " 1",
            "1 ",
            "",
            "abc",
            "2147483647",
            "2147483648",
            "-2147483648",
            "3.7",
            "08",
            "-0");
    List<Row> decimals = sparkCast(texts, "decimal(38,18)", "%s");
    List<Row> integers = sparkCast(texts, "int", "%s");
    for (int i = 0; i < texts.size(); i++) {
      java.math.BigDecimal sparks = decimals.get(i).getDecimal(0);
      org.apache.spark.sql.types.Decimal ours = SparkCasts.decimal(texts.get(i));
      assertThat(ours == null ? null : ours.toJavaBigDecimal())
          .as("decimal '%s'", texts.get(i))
          .isEqualTo(sparks);
      assertThat(SparkCasts.integer(texts.get(i)))
          .as("int '%s'", texts.get(i))
          .isEqualTo(integers.get(i).get(0));
    }
  }

  @Test
  void monthStartsAndCaseAreSparks() {
    List<String> texts =
        List.of(
            "2026-11-17T05:00:00Z",
            "2024-02-29T23:59:59Z",
            "1969-12-31T23:59:59Z",
            "2026-12-31T00:00:00Z",
            "1582-10-20T00:00:00Z");
    List<Row> starts = sparkCast(texts, "timestamp", "unix_micros(date_trunc('month', %s))");
    List<Row> ends =
        sparkCast(
            texts,
            "timestamp",
            "unix_micros(CAST(add_months(date_trunc('month', %s), 1) AS TIMESTAMP))");
    for (int i = 0; i < texts.size(); i++) {
      Long start = SparkCasts.monthStart(SparkCasts.timestamp(texts.get(i)));
      assertThat(start).as(texts.get(i)).isEqualTo(starts.get(i).get(0));
      assertThat(SparkCasts.plusMonths(start, 1)).as(texts.get(i)).isEqualTo(ends.get(i).get(0));
    }
    List<String> words =
        List.of("USD", "usd", "ß", "Ümlaut", "İstanbul", "SpotUsage", "KELVIN\u212A");
    List<Row> cased =
        spark
            .createDataset(words, Encoders.STRING())
            .select(
                org.apache.spark.sql.functions.lower(col("value")),
                org.apache.spark.sql.functions.upper(col("value")))
            .collectAsList();
    for (int i = 0; i < words.size(); i++) {
      assertThat(SparkCasts.lower(words.get(i)))
          .as("lower '%s'", words.get(i))
          .isEqualTo(cased.get(i).getString(0));
      assertThat(SparkCasts.upper(words.get(i)))
          .as("upper '%s'", words.get(i))
          .isEqualTo(cased.get(i).getString(1));
    }
  }

  /**
   * Each text cast by Spark, then put through {@code outer} (a format with one %s), in the order
   * given.
   */
  private List<Row> sparkCast(List<String> texts, String type, String outer) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(i, texts.get(i)));
    }
    Dataset<Row> input =
        spark.createDataFrame(
            rows,
            new org.apache.spark.sql.types.StructType()
                .add("i", DataTypes.IntegerType)
                .add("value", DataTypes.StringType));
    return input
        .orderBy("i")
        .selectExpr(String.format(outer, "try_cast(value AS " + type + ")"))
        .collectAsList();
  }
}
