package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.RAW_RECORD;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;

import io.fleetcost.files.TextFiles;
import io.fleetcost.spark.PerFileTasks;
import io.fleetcost.spark.SerializableHadoopConfiguration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Splits newline-delimited JSON files into their lines, one Spark task per file, keeping file and
 * line number. The lines are parsed afterwards with {@code from_json} and an explicit schema. Blank
 * lines are skipped.
 */
public final class JsonLinesDecoder {
  public static final StructType SCHEMA =
      new StructType()
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(SOURCE_LINE, DataTypes.LongType, false)
          .add(RAW_RECORD, DataTypes.StringType, false);

  private final SparkSession spark;
  private final LongAccumulator rowsDecoded;

  public JsonLinesDecoder(SparkSession spark, LongAccumulator rowsDecoded) {
    this.spark = spark;
    this.rowsDecoded = rowsDecoded;
  }

  public record FileTask(String path, String displayPath) implements Serializable {}

  public Dataset<Row> decode(List<FileTask> tasks) {
    return PerFileTasks.rows(
        spark,
        tasks,
        new SplitLines(
            new SerializableHadoopConfiguration(spark.sparkContext().hadoopConfiguration()),
            rowsDecoded),
        SCHEMA);
  }

  static final class SplitLines implements FlatMapFunction<Iterator<FileTask>, Row> {
    private static final long serialVersionUID = 1L;

    private final SerializableHadoopConfiguration conf;
    private final LongAccumulator rowsDecoded;

    SplitLines(SerializableHadoopConfiguration conf, LongAccumulator rowsDecoded) {
      this.conf = conf;
      this.rowsDecoded = rowsDecoded;
    }

    @Override
    public Iterator<Row> call(Iterator<FileTask> tasks) {
      return new Iterator<>() {
        private FileTask task;
        private BufferedReader reader;
        private long lineNumber;
        private Row next;

        @Override
        public boolean hasNext() {
          try {
            while (next == null) {
              if (reader == null) {
                if (!tasks.hasNext()) {
                  return false;
                }
                task = tasks.next();
                reader = new BufferedReader(TextFiles.openReader(conf.get(), task.path()), 1 << 16);
                lineNumber = 0;
              }
              String line = reader.readLine();
              if (line == null) {
                reader.close();
                reader = null;
                continue;
              }
              lineNumber++;
              if (!line.isBlank()) {
                next = RowFactory.create(task.displayPath(), lineNumber, line);
              }
            }
            return true;
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot read " + task.displayPath() + ": " + e.getMessage(), e);
          }
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row row = next;
          next = null;
          rowsDecoded.add(1);
          return row;
        }
      };
    }
  }
}
