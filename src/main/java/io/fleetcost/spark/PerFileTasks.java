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
import org.apache.spark.sql.types.StructType;

/** Runs one Spark task per file: the decoders that read text files themselves use it. */
public final class PerFileTasks {
  private PerFileTasks() {}

  public static <T extends Serializable> Dataset<Row> rows(
      SparkSession spark, List<T> tasks, FlatMapFunction<Iterator<T>, Row> read, StructType schema) {
    if (tasks.isEmpty()) {
      return spark.createDataFrame(Collections.emptyList(), schema);
    }
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(tasks, tasks.size()).mapPartitions(read);
    return spark.createDataFrame(rows, schema);
  }
}
