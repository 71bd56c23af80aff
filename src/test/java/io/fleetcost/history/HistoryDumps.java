package io.fleetcost.history;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;

import io.fleetcost.spark.SharedSpark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/** Every history table's rows, sorted, as text, for comparing two histories. */
final class HistoryDumps {
  private HistoryDumps() {}

  /** @param ignoredColumns columns left out (e.g. {@code run_id}, which differs between runs) */
  static Map<String, List<String>> dump(HistoryStore store, List<String> ignoredColumns) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : HistoryTables.ALL) {
      Dataset<Row> rows = SharedSpark.session().table(store.table(table));
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
