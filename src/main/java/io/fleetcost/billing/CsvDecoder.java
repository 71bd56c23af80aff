package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.RAW_RECORD;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;

import io.fleetcost.spark.PerFileTasks;
import io.fleetcost.spark.SerializableHadoopConfiguration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
        new CsvFileDecoding(
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
}
