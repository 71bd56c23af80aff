package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.model.CostColumns;
import io.fleetcost.quality.InputActivity;
import io.fleetcost.quality.InputKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What each input delivered, day by day: one small aggregation per table (rows per source file and
 * UTC day, and the newest time they reach), mapped to the inputs by their files.
 *
 * @see io.fleetcost.quality.CoverageCheck
 */
final class InputActivityScan {
  private InputActivityScan() {}

  /**
   * Billing rows by file and usage day; a row reaches its charge period end when the period is at
   * most a day long.
   */
  /**
   * @param inputOfFile the input of every file that holds data (by the path the tables name it by)
   * @param inputs every input of the kind, in job order (an input without files is still assessed)
   */
  static Map<String, InputActivity> billing(
      Dataset<Row> normalized, Map<String, String> inputOfFile, List<String> inputs) {
    Column shortPeriod =
        col(CHARGE_PERIOD_END)
            .isNotNull()
            .and(col(CHARGE_PERIOD_END).leq(col(CHARGE_PERIOD_START).plus(expr("INTERVAL 1 DAY"))));
    Column reach = when(shortPeriod, col(CHARGE_PERIOD_END)).otherwise(col(CHARGE_PERIOD_START));
    List<Row> rows =
        normalized
            .filter(col(CHARGE_PERIOD_START).isNotNull())
            .groupBy(
                col(CostColumns.SOURCE_FILE).as("file"),
                to_date(col(CHARGE_PERIOD_START)).as("day"))
            .agg(count(lit(1)).as("rows"), max(reach).as("newest"))
            .collectAsList();
    return activities(rows, InputKind.BILLING, inputOfFile, inputs);
  }

  /**
   * GPU samples by file and day: rows of file, day, samples and newest sample ({@link
   * TelemetryStage}).
   */
  static Map<String, InputActivity> telemetry(
      List<Row> fileDays, Map<String, String> inputOfFile, List<String> inputs) {
    return activities(fileDays, InputKind.TELEMETRY, inputOfFile, inputs);
  }

  private static Map<String, InputActivity> activities(
      List<Row> rows, InputKind kind, Map<String, String> inputOfFile, List<String> inputs) {
    Map<String, Map<LocalDate, InputActivity.Day>> days = new HashMap<>();
    for (Row row : rows) {
      String input = inputOfFile.get(row.getString(0));
      if (input == null) {
        throw new IllegalStateException(
            "a row of file " + row.getString(0) + " belongs to no input");
      }
      LocalDate day = row.getDate(1).toLocalDate();
      InputActivity.Day value =
          new InputActivity.Day(
              row.getLong(2), row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant());
      days.computeIfAbsent(input, k -> new TreeMap<>())
          .merge(day, value, InputActivityScan::combine);
    }
    Map<String, InputActivity> activities = new LinkedHashMap<>();
    for (String input : inputs) {
      long filesWithData = inputOfFile.values().stream().filter(input::equals).count();
      activities.put(
          input,
          new InputActivity(input, kind, (int) filesWithData, days.getOrDefault(input, Map.of())));
    }
    return activities;
  }

  private static InputActivity.Day combine(InputActivity.Day a, InputActivity.Day b) {
    Instant newest =
        a.newest() == null
            ? b.newest()
            : b.newest() == null || a.newest().isAfter(b.newest()) ? a.newest() : b.newest();
    return new InputActivity.Day(a.rows() + b.rows(), newest);
  }
}
