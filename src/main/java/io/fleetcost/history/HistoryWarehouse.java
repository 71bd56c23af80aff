package io.fleetcost.history;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.StructType;

/**
 * The history tables of one warehouse, registered as a Spark catalog: their full names in Spark
 * SQL, and the operations on them that opening the tables ({@link HistoryTableSetup}), writing a
 * run date ({@link RunDateWriter}) and reading ({@link HistoryReader}) share.
 */
final class HistoryWarehouse {
  private final SparkSession spark;
  private final String catalog;
  private final String namespace;
  private final String warehouse;

  /**
   * @param catalog the name of the Spark catalog the warehouse is registered as
   * @param warehouse the warehouse's qualified URI
   */
  HistoryWarehouse(SparkSession spark, String catalog, String namespace, String warehouse) {
    this.spark = spark;
    this.catalog = catalog;
    this.namespace = namespace;
    this.warehouse = warehouse;
  }

  SparkSession spark() {
    return spark;
  }

  String catalog() {
    return catalog;
  }

  String namespace() {
    return namespace;
  }

  /** The warehouse's qualified URI. */
  String warehouse() {
    return warehouse;
  }

  /** The table's full name in Spark SQL. */
  String table(String name) {
    return catalog + "." + namespace + "." + name;
  }

  /**
   * All of the table's rows, of every run: readers see only the current ones ({@link
   * HistoryReader#current}).
   */
  Dataset<Row> rows(String table) {
    return spark.table(table(table));
  }

  /**
   * The table as Iceberg's API sees it: the instance Spark's catalog caches, so that both see each
   * other's commits.
   */
  Table iceberg(String table) {
    try {
      return Spark3Util.loadIcebergTable(spark, table(table));
    } catch (ParseException | NoSuchTableException e) {
      throw new IllegalStateException("Cannot load " + table(table) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the table has a data file that may hold rows matching {@code filter} (exact on
   * partition columns).
   */
  boolean hasFiles(String table, Expression filter) {
    try (CloseableIterable<FileScanTask> files =
        iceberg(table).newScan().filter(filter).planFiles()) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of the run date. */
  static Column ofDate(LocalDate runDate) {
    return col("run_date").equalTo(lit(Date.valueOf(runDate)));
  }

  /**
   * The rows cast to the table's columns, in its order (an upgrade appends the columns it adds).
   */
  Dataset<Row> aligned(String table, Dataset<Row> rows) {
    StructType schema = rows(table).schema();
    return rows.selectExpr(
        Arrays.stream(schema.fields())
            .map(f -> "CAST(" + f.name() + " AS " + f.dataType().sql() + ") AS " + f.name())
            .toArray(String[]::new));
  }

  /**
   * One Iceberg commit: removes the table's rows that match {@code replaced} and adds {@code rows}.
   * Iceberg removes whole data files, and fails on a file where only some rows match; none does
   * here, since every file holds one partition ({@code run_date}, and {@code run_id} in every table
   * but {@code runs}) and every filter is on those.
   */
  void overwrite(String table, Dataset<Row> rows, Column replaced, String action) {
    try {
      rows.writeTo(table(table)).overwrite(replaced);
    } catch (Exception e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL,
          "Cannot "
              + action
              + " history table "
              + table(table)
              + " ("
              + replaced
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /** The table's columns, all nullable. */
  static StructType schemaOf(String table) {
    return StructType.fromDDL(HistoryTables.columns(table).replace(" NOT NULL", ""));
  }
}
