package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes groups of files of one format into rows under the reader's canonical column names. Text
 * values come out clean: trimmed, with empty values and the format's null literals as null.
 */
public final class Decoding {
  private static final MapType TAG_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  private Decoding() {}

  /**
   * Extra columns, beyond a format's {@link SourceColumns}, found by exact (case-insensitive) name.
   */
  public record Extra(List<String> names) {
    public static final Extra NONE = new Extra(List.of());

    public Extra {
      names = List.copyOf(names);
    }
  }

  public static Function<String, Optional<String>> noTags() {
    return header -> Optional.empty();
  }

  /**
   * All CSV files of a group, decoded together (one task per file); every column is text. The files
   * {@code withRecord} accepts carry their whole record ({@link SourceRows#SOURCE_RECORD}); each of
   * {@code json} (a column among the output) is also parsed into a text map by the decoder ({@link
   * JsonObjectColumn}).
   */
  public static Dataset<Row> csv(
      ReadContext context,
      List<SourceFile> files,
      SourceColumns columns,
      Extra extra,
      Function<String, Optional<String>> tagKeyOf,
      boolean withTags,
      Set<String> nullLiterals,
      Predicate<SourceFile> withRecord,
      List<JsonObjectColumn> json) {
    List<String> output = outputColumns(columns, extra);
    return new CsvDecoder(context.spark(), context.rowsDecoded())
        .decode(
            csvTasks(files, columns, extra, tagKeyOf, nullLiterals, withRecord, output),
            output,
            withTags,
            json);
  }

  /**
   * As {@link #csv}, each record then mapped by {@code mapping} into a row of {@code schema} in the
   * task that decodes it ({@link DecodedRecordMapping}); the mapping sees the columns in the order
   * of {@link #outputColumns}.
   */
  public static Dataset<Row> mappedCsv(
      ReadContext context,
      List<SourceFile> files,
      SourceColumns columns,
      Extra extra,
      Function<String, Optional<String>> tagKeyOf,
      boolean withTags,
      Set<String> nullLiterals,
      Predicate<SourceFile> withRecord,
      List<JsonObjectColumn> json,
      DecodedRecordMapping mapping,
      StructType schema) {
    List<String> output = outputColumns(columns, extra);
    return new CsvDecoder(context.spark(), context.rowsDecoded())
        .decode(
            csvTasks(files, columns, extra, tagKeyOf, nullLiterals, withRecord, output),
            output,
            withTags,
            json,
            mapping,
            schema);
  }

  /** The decoded columns: the format's, then the extra ones. */
  public static List<String> outputColumns(SourceColumns columns, Extra extra) {
    List<String> output = new ArrayList<>(columns.names());
    output.addAll(extra.names());
    return output;
  }

  private static List<CsvDecoder.FileTask> csvTasks(
      List<SourceFile> files,
      SourceColumns columns,
      Extra extra,
      Function<String, Optional<String>> tagKeyOf,
      Set<String> nullLiterals,
      Predicate<SourceFile> withRecord,
      List<String> output) {
    List<CsvDecoder.FileTask> tasks = new ArrayList<>();
    for (SourceFile file : files) {
      Map<String, String> resolved = new LinkedHashMap<>(columns.resolve(file.layout()));
      for (String name : extra.names()) {
        file.layout().find(name).ifPresent(actual -> resolved.put(name, actual));
      }
      tasks.add(
          CsvDecoder.plan(
              file.path(),
              file.displayPath(),
              file.layout(),
              output,
              resolved,
              tagKeyOf,
              nullLiterals,
              withRecord.test(file)));
    }
    return tasks;
  }

  /**
   * Parquet files, read with Spark's Parquet reader in groups of identical schema (a CUR's columns
   * drift from month to month), each group with the file's own column types. The row number is
   * Parquet's row index plus one. The whole record ({@link SourceRows#SOURCE_RECORD}) is the row as
   * JSON, columns in name order, null values left out, times to the microsecond; it is computed
   * only where a reader uses it.
   */
  public static List<Dataset<Row>> parquet(
      ReadContext context,
      List<SourceFile> files,
      SourceColumns columns,
      Extra extra,
      Function<String, Optional<String>> tagKeyOf,
      Set<String> nullLiterals) {
    Map<Map<String, String>, List<SourceFile>> groups =
        files.stream()
            .collect(
                Collectors.groupingBy(
                    f -> f.layout().columnTypes(), LinkedHashMap::new, Collectors.toList()));
    List<Dataset<Row>> result = new ArrayList<>();
    for (List<SourceFile> group : groups.values()) {
      result.add(parquetGroup(context, group, columns, extra, tagKeyOf, nullLiterals));
    }
    return result;
  }

  private static Dataset<Row> parquetGroup(
      ReadContext context,
      List<SourceFile> group,
      SourceColumns columns,
      Extra extra,
      Function<String, Optional<String>> tagKeyOf,
      Set<String> nullLiterals) {
    FileLayout layout = group.get(0).layout();
    String[] paths = group.stream().map(SourceFile::path).toArray(String[]::new);
    Dataset<Row> raw = context.spark().read().parquet(paths);
    SourceRows cleaner = new SourceRows(raw, nullLiterals);
    List<Column> selected = new ArrayList<>();
    selected.add(displayPathOf(group).as(SOURCE_FILE));
    selected.add(col("_metadata.row_index").plus(lit(1L)).as(SOURCE_LINE));
    Map<String, String> resolved = columns.resolve(layout);
    for (String name : columns.names()) {
      String actual = resolved.get(name);
      if (actual == null) {
        selected.add(lit(null).cast(DataTypes.StringType).as(name));
      } else if (DataTypes.StringType.sameType(raw.schema().apply(actual).dataType())) {
        selected.add(cleaner.cleanText(col(SourceRows.quoted(actual))).as(name));
      } else {
        selected.add(col(SourceRows.quoted(actual)).as(name));
      }
    }
    for (String name : extra.names()) {
      Optional<String> actual = layout.find(name);
      if (actual.isPresent()) {
        selected.add(col(SourceRows.quoted(actual.get())).as(name));
      }
    }
    List<Column> tagEntries = new ArrayList<>();
    for (String column : layout.columns()) {
      Optional<String> key = tagKeyOf.apply(column);
      if (key.isPresent()) {
        tagEntries.add(lit(key.get()));
        tagEntries.add(col(SourceRows.quoted(column)).cast(DataTypes.StringType));
      }
    }
    if (!tagEntries.isEmpty()) {
      Column tags = map(tagEntries.toArray(new Column[0]));
      selected.add(
          map_filter(tags, (k, v) -> v.isNotNull().and(trim(v).notEqual(lit(""))))
              .as(SourceRows.SOURCE_TAGS));
    }
    selected.add(wholeRecord(raw).as(SourceRows.SOURCE_RECORD));
    return raw.select(selected.toArray(new Column[0]));
  }

  private static final Map<String, String> RECORD_JSON =
      Map.of(
          "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
          "timestampNTZFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
          "ignoreNullFields", "true");

  private static Column wholeRecord(Dataset<Row> raw) {
    List<Column> fields = new ArrayList<>();
    java.util.Arrays.stream(raw.schema().fieldNames())
        .sorted()
        .forEach(name -> fields.add(col(SourceRows.quoted(name)).as(name)));
    return to_json(struct(fields.toArray(new Column[0])), RECORD_JSON);
  }

  /** Spark reports a row's file as a URI; this maps it back to the path the summary shows. */
  private static Column displayPathOf(List<SourceFile> group) {
    if (group.size() == 1) {
      return lit(group.get(0).displayPath());
    }
    Map<String, String> displayByUri = new LinkedHashMap<>();
    for (SourceFile file : group) {
      displayByUri.put(file.path(), file.displayPath());
      displayByUri.put(
          new org.apache.hadoop.fs.Path(file.path()).toUri().toString(), file.displayPath());
    }
    List<Column> entries = new ArrayList<>();
    displayByUri.forEach(
        (uri, display) -> {
          entries.add(lit(uri));
          entries.add(lit(display));
        });
    Column filePath = col("_metadata.file_path");
    return coalesce(try_element_at(map(entries.toArray(new Column[0])), filePath), filePath);
  }

  public static MapType tagMapType() {
    return TAG_MAP;
  }
}
