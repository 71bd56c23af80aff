package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.RAW_RECORD;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.TextFiles;
import io.fleetcost.spark.PerFileTasks;
import io.fleetcost.spark.SerializableHadoopConfiguration;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;

/**
 * Decodes CSV billing files ({@link CsvRecords}: as Apache Commons CSV reads them), one Spark task
 * per file, into rows of text under the reader's canonical column names. Values are trimmed, and
 * empty values and the format's null literals are null. Every row keeps its file and the line it
 * starts on (quoted values may span lines). A record with the wrong number of fields becomes a row
 * with a decode error, so it is quarantined, not lost; a file whose quoting breaks (an unterminated
 * quote) fails the run, naming the file and the line.
 */
public final class CsvDecoder {
  private final SparkSession spark;
  private final LongAccumulator rowsDecoded;

  public CsvDecoder(SparkSession spark, LongAccumulator rowsDecoded) {
    this.spark = spark;
    this.rowsDecoded = rowsDecoded;
  }

  /**
   * One file to decode: where each output column comes from in this file's header.
   *
   * @param recordNames for the whole record ({@link SourceRows#SOURCE_RECORD}): the header names in
   *     sorted order, or null when the record is not wanted
   * @param recordIndex the position of each of {@code recordNames} in the header
   */
  public record FileTask(
      String path,
      String displayPath,
      int headerWidth,
      int[] columnIndex,
      int[] tagIndex,
      String[] tagKey,
      String[] nullLiterals,
      String[] recordNames,
      int[] recordIndex)
      implements Serializable {
    boolean withRecord() {
      return recordIndex != null;
    }
  }

  /**
   * Plans the decoding of one file.
   *
   * @param columns the output columns, in order
   * @param resolved canonical name → header name, for the columns this file has
   * @param tagKeyOf for formats that spread tags over columns: the tag key of a header name, if it
   *     is a tag column
   */
  public static FileTask plan(
      String path,
      String displayPath,
      FileLayout layout,
      List<String> columns,
      Map<String, String> resolved,
      Function<String, Optional<String>> tagKeyOf,
      Set<String> nullLiterals) {
    return plan(path, displayPath, layout, columns, resolved, tagKeyOf, nullLiterals, false);
  }

  /**
   * As {@link #plan(String, String, FileLayout, List, Map, Function, Set)}, also rendering the
   * whole record.
   */
  public static FileTask plan(
      String path,
      String displayPath,
      FileLayout layout,
      List<String> columns,
      Map<String, String> resolved,
      Function<String, Optional<String>> tagKeyOf,
      Set<String> nullLiterals,
      boolean withRecord) {
    List<String> header = layout.columns();
    Map<String, Integer> positions = new HashMap<>();
    for (int i = header.size() - 1; i >= 0; i--) {
      positions.put(header.get(i), i);
    }
    int[] index = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      String actual = resolved.get(columns.get(i));
      index[i] = actual == null ? -1 : positions.get(actual);
    }
    List<Integer> tagIndexes = new ArrayList<>();
    List<String> tagKeys = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      Optional<String> key = tagKeyOf.apply(header.get(i));
      if (key.isPresent()) {
        tagIndexes.add(i);
        tagKeys.add(key.get());
      }
    }
    return new FileTask(
        path,
        displayPath,
        header.size(),
        index,
        tagIndexes.stream().mapToInt(Integer::intValue).toArray(),
        tagKeys.toArray(new String[0]),
        nullLiterals.toArray(new String[0]),
        withRecord ? recordOrder(header).stream().map(header::get).toArray(String[]::new) : null,
        withRecord ? recordOrder(header).stream().mapToInt(Integer::intValue).toArray() : null);
  }

  /**
   * The header's positions ordered by column name, so that files with the columns in another order
   * agree.
   */
  private static List<Integer> recordOrder(List<String> header) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparing(header::get));
    return order;
  }

  /**
   * The whole record as one text: each non-empty value (after the same cleaning as the columns:
   * trimmed, null literals dropped) with its column name, in the order of {@code names}, every part
   * prefixed by its length, so that two texts are equal exactly when the records have the same
   * values under the same names. An empty value and a missing column are the same: files whose
   * columns drift still agree on the values they share.
   */
  static String recordText(String[] names, String[] values) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        text.append(names[i].length()).append(':').append(names[i]);
        text.append(values[i].length()).append(':').append(values[i]);
      }
    }
    return text.toString();
  }

  /**
   * A text map in Spark's internal form, in the map's order (a null value stays null); a tag key
   * that two header names give keeps the last value, as a map does.
   */
  public static ArrayBasedMapData textMap(Map<String, String> entries) {
    Object[] keys = new Object[entries.size()];
    Object[] values = new Object[entries.size()];
    int i = 0;
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      keys[i] = UTF8String.fromString(entry.getKey());
      values[i] = entry.getValue() == null ? null : UTF8String.fromString(entry.getValue());
      i++;
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
  }

  /**
   * The decoded rows' schema: bookkeeping, the text columns, the tags, a text map per JSON column,
   * the record.
   */
  public static StructType schema(
      List<String> columns, boolean withTags, List<JsonObjectColumn> json, boolean withRecord) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SOURCE_LINE, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(SourceRows.DECODE_ERROR, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(RAW_RECORD, DataTypes.StringType, true));
    for (String column : columns) {
      fields.add(DataTypes.createStructField(column, DataTypes.StringType, true));
    }
    if (withTags) {
      fields.add(
          DataTypes.createStructField(
              SourceRows.SOURCE_TAGS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
              true));
    }
    for (JsonObjectColumn column : json) {
      fields.add(DataTypes.createStructField(column.parsedAs(), NormalizedRows.TEXT_MAP, true));
    }
    if (withRecord) {
      fields.add(DataTypes.createStructField(SourceRows.SOURCE_RECORD, DataTypes.StringType, true));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /**
   * Decodes the files; the rows have {@link SourceRows#SOURCE_RECORD} when a task asks for it (null
   * for others), and each of {@code json} (a column among {@code columns}) parsed into a map column
   * of its own.
   */
  public Dataset<Row> decode(
      List<FileTask> tasks, List<String> columns, boolean withTags, List<JsonObjectColumn> json) {
    return decode(tasks, columns, withTags, json, null, null);
  }

  /**
   * As {@link #decode(List, List, boolean, List)}, each record then mapped by {@code mapping} in
   * the same task into a row of {@code schema} ({@link DecodedRecordMapping}).
   */
  public Dataset<Row> decode(
      List<FileTask> tasks,
      List<String> columns,
      boolean withTags,
      List<JsonObjectColumn> json,
      DecodedRecordMapping mapping,
      StructType schema) {
    boolean withRecord = tasks.stream().anyMatch(FileTask::withRecord);
    int[] jsonIndex = new int[json.size()];
    for (int i = 0; i < json.size(); i++) {
      jsonIndex[i] = columns.indexOf(json.get(i).column());
      if (jsonIndex[i] < 0) {
        throw new IllegalArgumentException(
            json.get(i).column() + " is not among the decoded columns " + columns);
      }
    }
    return PerFileTasks.internalRows(
        spark,
        tasks,
        new DecodeFiles(
            new SerializableHadoopConfiguration(spark.sparkContext().hadoopConfiguration()),
            rowsDecoded,
            columns.size(),
            withTags,
            withRecord,
            new JsonColumns(
                jsonIndex,
                json.toArray(new JsonObjectColumn[0]),
                JsonObjectReader.forSession(spark.sessionState().conf())),
            mapping),
        mapping == null ? schema(columns, withTags, json, withRecord) : schema);
  }

  /**
   * The JSON object columns to parse: where their text is among the decoded columns, and how to
   * read it.
   */
  record JsonColumns(int[] index, JsonObjectColumn[] columns, JsonObjectReader reader)
      implements Serializable {
    int count() {
      return index.length;
    }
  }

  /** The task-side decoding; a static class so that the closure captures only what it needs. */
  static final class DecodeFiles implements FlatMapFunction<Iterator<FileTask>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final SerializableHadoopConfiguration conf;
    private final LongAccumulator rowsDecoded;
    private final int columnCount;
    private final boolean withTags;
    private final boolean withRecord;
    private final JsonColumns json;
    private final DecodedRecordMapping mapping;

    DecodeFiles(
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
        private FileRows current;

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
                new FileRows(
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

  /** The rows of one file, read lazily, as Spark's internal rows ({@link CsvDecoder#schema}). */
  static final class FileRows implements Iterator<InternalRow>, AutoCloseable {
    private final FileTask task;
    private final LongAccumulator rowsDecoded;
    private final int columnCount;
    private final boolean withTags;
    private final boolean withRecord;
    private final JsonColumns json;
    private final DecodedRecordMapping mapping;
    private final CsvRecords records;
    private InternalRow next;

    FileRows(
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
      String[] cleaned = new String[columnCount];
      int[] index = task.columnIndex();
      for (int i = 0; i < columnCount; i++) {
        cleaned[i] = index[i] < 0 ? null : clean(record[index[i]]);
      }
      ArrayBasedMapData tags = null;
      if (withTags) {
        Map<String, String> spread = new HashMap<>();
        int[] tagIndex = task.tagIndex();
        for (int i = 0; i < tagIndex.length; i++) {
          String value = record[tagIndex[i]];
          if (value != null && !value.isBlank()) {
            spread.put(task.tagKey()[i], value.trim());
          }
        }
        tags = textMap(spread);
      }
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
      String recordText = null;
      if (task.withRecord()) {
        int[] recordIndex = task.recordIndex();
        String[] recordValues = new String[recordIndex.length];
        for (int i = 0; i < recordIndex.length; i++) {
          recordValues[i] = clean(record[recordIndex[i]]);
        }
        recordText = recordText(task.recordNames(), recordValues);
      }
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
        values[jsonStart + i] = parsed.get(i) == null ? null : textMap(parsed.get(i));
      }
      if (task.withRecord()) {
        values[values.length - 1] = UTF8String.fromString(recordText);
      }
      return new GenericInternalRow(values);
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
}
