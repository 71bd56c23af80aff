package io.fleetcost.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/** Runs one Spark task per file: the decoders that read text files themselves use it. */
public final class PerFileTasks {
  private PerFileTasks() {}

  public static <T extends Serializable> Dataset<Row> rows(
      SparkSession spark,
      List<T> tasks,
      FlatMapFunction<Iterator<T>, Row> read,
      StructType schema) {
    if (tasks.isEmpty()) {
      return spark.createDataFrame(Collections.emptyList(), schema);
    }
    return spark.createDataFrame(onePerFile(spark, tasks, read), schema);
  }

  /**
   * As {@link #rows}, for decoders that build Spark's internal rows themselves ({@code UTF8String}
   * text, {@code MapData} maps): Spark then skips the conversion of every external {@link Row} into
   * its internal form, which for a wide text row (a CUR line, 60 columns) cost more than reading
   * the CSV. {@code internalCreateDataFrame} is Spark SQL's own entry point for such rows
   * (package-private in Scala, so public to Java); the rows must match {@code schema} exactly, as
   * they would for the encoder.
   */
  public static <T extends Serializable> Dataset<Row> internalRows(
      SparkSession spark,
      List<T> tasks,
      FlatMapFunction<Iterator<T>, InternalRow> read,
      StructType schema) {
    if (tasks.isEmpty()) {
      return spark.createDataFrame(Collections.emptyList(), schema);
    }
    return ((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(onePerFile(spark, tasks, read).rdd(), schema, false);
  }

  /** The tasks as one partition each, read by {@code read}. */
  private static <T extends Serializable, R> JavaRDD<R> onePerFile(
      SparkSession spark, List<T> tasks, FlatMapFunction<Iterator<T>, R> read) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(tasks, tasks.size())
        .mapPartitions(read);
  }
}
