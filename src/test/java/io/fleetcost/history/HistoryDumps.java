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
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Every history table's rows, sorted, as text, for comparing two histories: either every row the
 * tables hold ({@link #dump}, {@link #dumpOf}), whichever run wrote it, or only the rows readers
 * see ({@link #current}, {@link #currentOf}: each complete date's current run, {@link
 * HistoryStore#current}).
 */
public final class HistoryDumps {
  /**
   * The column that differs between two runs of the same date, left out when their tables are
   * compared.
   */
  public static final List<String> RUN_ID = List.of("run_id");

  private HistoryDumps() {}

  /**
   * @param ignoredColumns columns left out (e.g. {@code run_id}, which differs between runs)
   */
  public static Map<String, List<String>> dump(HistoryStore store, List<String> ignoredColumns) {
    return dump(
        table -> SharedSpark.session().table(store.table(table)), ignoredColumns, lit(true));
  }

  /**
   * Only the rows of one run date, in every table, whether or not the date is complete and
   * whichever run wrote them.
   */
  static Map<String, List<String>> dumpOf(
      HistoryStore store, LocalDate runDate, List<String> ignoredColumns) {
    return dump(
        table -> SharedSpark.session().table(store.table(table)), ignoredColumns, ofDate(runDate));
  }

  /** Only the rows of one run date written by one run, in every table. */
  static Map<String, List<String>> dumpOf(
      HistoryStore store, LocalDate runDate, String runId, List<String> ignoredColumns) {
    return dump(
        table -> SharedSpark.session().table(store.table(table)),
        ignoredColumns,
        ofDate(runDate).and(col("run_id").equalTo(lit(runId))));
  }

  /** The rows readers see: each complete date's rows of the run its {@code runs} row names. */
  static Map<String, List<String>> current(HistoryStore store, List<String> ignoredColumns) {
    return dump(store::current, ignoredColumns, lit(true));
  }

  /** The rows of one run date that readers see. */
  static Map<String, List<String>> currentOf(
      HistoryStore store, LocalDate runDate, List<String> ignoredColumns) {
    return dump(store::current, ignoredColumns, ofDate(runDate));
  }

  /** The rows {@code tableRows} gives for each table. */
  static Map<String, List<String>> dump(
      Function<String, Dataset<Row>> tableRows, List<String> ignoredColumns) {
    return dump(tableRows, ignoredColumns, lit(true));
  }

  /** Each table's distinct run ids among its rows of the date, sorted. */
  static Map<String, List<String>> runIdsOf(HistoryStore store, LocalDate runDate) {
    Map<String, List<String>> runIds = new LinkedHashMap<>();
    for (String table : HistoryTables.ALL) {
      List<String> ids = new ArrayList<>();
      for (Row row :
          SharedSpark.session()
              .table(store.table(table))
              .filter(ofDate(runDate))
              .select("run_id")
              .distinct()
              .collectAsList()) {
        ids.add(row.getString(0));
      }
      ids.sort(null);
      runIds.put(table, ids);
    }
    return runIds;
  }

  private static Column ofDate(LocalDate runDate) {
    return col("run_date").equalTo(lit(Date.valueOf(runDate)));
  }

  private static Map<String, List<String>> dump(
      Function<String, Dataset<Row>> tableRows, List<String> ignoredColumns, Column rowsKept) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : HistoryTables.ALL) {
      Dataset<Row> rows = tableRows.apply(table).filter(rowsKept);
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
