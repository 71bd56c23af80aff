package io.fleetcost.history;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;

import io.fleetcost.spark.SharedSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/** Every history table's rows, sorted, as text, for comparing two histories. */
final class HistoryDumps {
  private HistoryDumps() {}

  /** @param ignoredColumns columns left out (e.g. {@code run_id}, which differs between runs) */
  static Map<String, List<String>> dump(HistoryStore store, List<String> ignoredColumns) {
    return dump(store, ignoredColumns, lit(true));
  }

  /** Only the rows of one run date, in every table, whether or not the date is complete. */
  static Map<String, List<String>> dumpOf(HistoryStore store, LocalDate runDate, List<String> ignoredColumns) {
    return dump(store, ignoredColumns, col("run_date").equalTo(lit(Date.valueOf(runDate))));
  }

  private static Map<String, List<String>> dump(HistoryStore store, List<String> ignoredColumns, Column rowsKept) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : HistoryTables.ALL) {
      Dataset<Row> rows = SharedSpark.session().table(store.table(table)).filter(rowsKept);
      for (String ignored : ignoredColumns) {
        if (List.of(rows.columns()).contains(ignored)) {
          rows = rows.drop(ignored);
        }
      }
      // a map's entries print in no fixed order
      for (StructField field : rows.schema().fields()) {
        if (field.dataType() instanceof MapType) {
          rows = rows.withColumn(field.name(), array_sort(map_entries(col(field.name()))));
        }
      }
      List<String> lines = new ArrayList<>();
      for (Row row : rows.collectAsList()) {
        lines.add(row.toString());
      }
      lines.sort(null);
      tables.put(table, lines);
    }
    return tables;
  }
}
