package io.fleetcost.billing;

import io.fleetcost.billing.CsvDecoder.FileTask;
import io.fleetcost.billing.CsvDecoder.JsonColumns;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.TextFiles;
import io.fleetcost.spark.SerializableHadoopConfiguration;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;

/** The rows of one file, read lazily, as Spark's internal rows ({@link CsvDecoder#schema}). */
final class CsvFileRows implements Iterator<InternalRow>, AutoCloseable {
  private final FileTask task;
  private final LongAccumulator rowsDecoded;
  private final int columnCount;
  private final boolean withTags;
  private final boolean withRecord;
  private final JsonColumns json;
  private final DecodedRecordMapping mapping;
  private final CsvRecords records;
  private InternalRow next;

  CsvFileRows(
      FileTask task,
      SerializableHadoopConfiguration conf,
      LongAccumulator rowsDecoded,
      int columnCount,
      boolean withTags,
      boolean withRecord,
      JsonColumns json,
      DecodedRecordMapping mapping) {
    this.task = task;
    this.rowsDecoded = rowsDecoded;
    this.columnCount = columnCount;
    this.withTags = withTags;
    this.withRecord = withRecord;
    this.json = json;
    this.mapping = mapping;
    this.records = new CsvRecords(() -> TextFiles.openReader(conf.get(), task.path()));
    readRecord(); // the header, already known from the file's layout
    this.next = null;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      long line = records.nextLine();
      String[] record = readRecord();
      if (record == null) {
        return false;
      }
      if (record.length == 1 && record[0].isEmpty() && task.headerWidth() != 1) {
        continue; // an empty line
      }
      next = toRow(record, line);
    }
    return true;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    InternalRow row = next;
    next = null;
    rowsDecoded.add(1);
    return row;
  }

  private String[] readRecord() {
    try {
      return records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new FleetCostException(
          ErrorCode.USER_ERROR,
          String.format(
              "Cannot read %s as CSV: %s (after line %d)",
              task.displayPath(), rootMessage(e), records.linesRead()),
          e);
    }
  }

  private InternalRow toRow(String[] record, long line) {
    if (!fieldCountMatches(record)) {
      return malformedRow(record, line);
    }
    String[] cleaned = columnValues(record);
    ArrayBasedMapData tags = withTags ? spreadTags(record) : null;
    List<LinkedHashMap<String, String>> parsed = jsonObjects(cleaned);
    String recordText = task.withRecord() ? recordText(record) : null;
    if (mapping != null) {
      return mapping.map(
          new DecodedRecord(
              task.displayPath(), line, null, null, cleaned, tags, parsed, recordText));
    }
    Object[] values = new Object[rowWidth()];
    values[0] = UTF8String.fromString(task.displayPath());
    values[1] = line;
    for (int i = 0; i < columnCount; i++) {
      values[4 + i] = cleaned[i] == null ? null : UTF8String.fromString(cleaned[i]);
    }
    if (withTags) {
      values[4 + columnCount] = tags;
    }
    int jsonStart = 4 + columnCount + (withTags ? 1 : 0);
    for (int i = 0; i < json.count(); i++) {
      values[jsonStart + i] = parsed.get(i) == null ? null : CsvDecoder.textMap(parsed.get(i));
    }
    if (task.withRecord()) {
      values[values.length - 1] = UTF8String.fromString(recordText);
    }
    return new GenericInternalRow(values);
  }

  /** A record with the wrong number of fields: a decode error, with the record as it was read. */
  private InternalRow malformedRow(String[] record, long line) {
    String error =
        String.format(
            "the record has %d fields, the header has %d", record.length, task.headerWidth());
    String raw = CSVFormat.RFC4180.format((Object[]) record);
    if (mapping != null) {
      return mapping.map(
          new DecodedRecord(
              task.displayPath(),
              line,
              error,
              raw,
              new String[columnCount],
              null,
              Collections.nCopies(json.count(), null),
              null));
    }
    Object[] values = new Object[rowWidth()];
    values[0] = UTF8String.fromString(task.displayPath());
    values[1] = line;
    values[2] = UTF8String.fromString(error);
    values[3] = UTF8String.fromString(raw);
    return new GenericInternalRow(values);
  }

  /** The output columns' values, cleaned; null for a column the file does not have. */
  private String[] columnValues(String[] record) {
    String[] cleaned = new String[columnCount];
    int[] index = task.columnIndex();
    for (int i = 0; i < columnCount; i++) {
      cleaned[i] = index[i] < 0 ? null : clean(record[index[i]]);
    }
    return cleaned;
  }

  /** The tags of a format that spreads them over columns: each non-blank value, trimmed. */
  private ArrayBasedMapData spreadTags(String[] record) {
    Map<String, String> spread = new HashMap<>();
    int[] tagIndex = task.tagIndex();
    for (int i = 0; i < tagIndex.length; i++) {
      String value = record[tagIndex[i]];
      if (value != null && !value.isBlank()) {
        spread.put(task.tagKey()[i], value.trim());
      }
    }
    return CsvDecoder.textMap(spread);
  }

  /** Each JSON object column parsed and cleaned; null when empty or not a JSON object. */
  private List<LinkedHashMap<String, String>> jsonObjects(String[] cleaned) {
    List<LinkedHashMap<String, String>> parsed = new ArrayList<>(json.count());
    for (int i = 0; i < json.count(); i++) {
      String text = cleaned[json.index()[i]];
      if (text != null && json.columns()[i].addsMissingBraces() && !text.startsWith("{")) {
        text = "{" + text + "}";
      }
      LinkedHashMap<String, String> object =
          text == null ? null : json.reader().read(UTF8String.fromString(text));
      parsed.add(object == null ? null : json.columns()[i].cleaner().clean(object));
    }
    return parsed;
  }

  /** The whole record ({@link CsvDecoder#recordText}), its values cleaned as the columns are. */
  private String recordText(String[] record) {
    int[] recordIndex = task.recordIndex();
    String[] recordValues = new String[recordIndex.length];
    for (int i = 0; i < recordIndex.length; i++) {
      recordValues[i] = clean(record[recordIndex[i]]);
    }
    return CsvDecoder.recordText(task.recordNames(), recordValues);
  }

  private int rowWidth() {
    return 4 + columnCount + (withTags ? 1 : 0) + json.count() + (withRecord ? 1 : 0);
  }

  /** Values are trimmed; empty values and the format's null literals become null. */
  private String clean(String value) {
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    for (String literal : task.nullLiterals()) {
      if (literal.equals(trimmed)) {
        return null;
      }
    }
    return trimmed;
  }

  /**
   * A trailing empty field (a line ending in a comma) is tolerated; anything else must match the
   * header.
   */
  private boolean fieldCountMatches(String[] record) {
    if (record.length == task.headerWidth()) {
      return true;
    }
    if (record.length < task.headerWidth()) {
      return false;
    }
    for (int i = task.headerWidth(); i < record.length; i++) {
      if (!record[i].isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    records.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
