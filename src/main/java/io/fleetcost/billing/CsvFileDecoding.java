package io.fleetcost.billing;

import io.fleetcost.billing.CsvDecoder.FileTask;
import io.fleetcost.billing.CsvDecoder.JsonColumns;
import io.fleetcost.spark.SerializableHadoopConfiguration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;

/**
 * {@link CsvDecoder}'s task-side decoding: the rows of each file of the task in turn ({@link
 * CsvFileRows}); a class of its own so that the closure captures only what it needs.
 */
final class CsvFileDecoding implements FlatMapFunction<Iterator<FileTask>, InternalRow> {
  private static final long serialVersionUID = 1L;

  private final SerializableHadoopConfiguration conf;
  private final LongAccumulator rowsDecoded;
  private final int columnCount;
  private final boolean withTags;
  private final boolean withRecord;
  private final JsonColumns json;
  private final DecodedRecordMapping mapping;

  CsvFileDecoding(
      SerializableHadoopConfiguration conf,
      LongAccumulator rowsDecoded,
      int columnCount,
      boolean withTags,
      boolean withRecord,
      JsonColumns json,
      DecodedRecordMapping mapping) {
    this.conf = conf;
    this.rowsDecoded = rowsDecoded;
    this.columnCount = columnCount;
    this.withTags = withTags;
    this.withRecord = withRecord;
    this.json = json;
    this.mapping = mapping;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<FileTask> tasks) {
    return new Iterator<>() {
      private CsvFileRows current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (current != null) {
            current.close();
            current = null;
          }
          if (!tasks.hasNext()) {
            return false;
          }
          current =
              new CsvFileRows(
                  tasks.next(),
                  conf,
                  rowsDecoded,
                  columnCount,
                  withTags,
                  withRecord,
                  json,
                  mapping);
        }
        return true;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
