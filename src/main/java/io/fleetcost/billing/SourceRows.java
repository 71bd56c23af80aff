package io.fleetcost.billing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The decoded rows of one group of source files, with columns under the reader's canonical names,
 * and access to them as {@link SourceValue}s. A column the files do not have reads as null.
 */
public final class SourceRows {
  /** Columns every decoder adds. */
  public static final String DECODE_ERROR = "x_DecodeError";

  public static final String SOURCE_TAGS = "x_SourceTags";

  /**
   * The whole source record as text, for comparing rows of different files (see {@link
   * DuplicateRows}): a JSON line as written, a CSV record's non-empty values with their header
   * names, a Parquet row as JSON. Decoders add it when asked ({@link ReadContext#rowIdentity()});
   * Spark drops it from plans that do not use it.
   */
  public static final String SOURCE_RECORD = "x_SourceRecord";

  private final Dataset<Row> rows;
  private final Set<String> nullLiterals;

  /**
   * @param nullLiterals text values that mean null in this format (compared case-sensitively after
   *     trimming), e.g. {@code NULL} in FOCUS files
   */
  public SourceRows(Dataset<Row> rows, Set<String> nullLiterals) {
    this.rows = rows;
    this.nullLiterals = Set.copyOf(nullLiterals);
  }

  public Dataset<Row> rows() {
    return rows;
  }

  public boolean has(String name) {
    return Arrays.stream(rows.schema().fieldNames()).anyMatch(f -> f.equals(name));
  }

  public DataType type(String name) {
    return has(name) ? rows.schema().apply(name).dataType() : DataTypes.StringType;
  }

  public Column column(String name) {
    return has(name) ? col(quoted(name)) : lit(null);
  }

  /**
   * The whole source record as text ({@link #SOURCE_RECORD}), or null when the decoder did not add
   * it.
   */
  public Column record() {
    return has(SOURCE_RECORD) ? col(SOURCE_RECORD) : lit(null).cast(DataTypes.StringType);
  }

  /** A source column as a value; decoders have already cleaned text (see {@link Decoding}). */
  public SourceValue value(String name) {
    if (!has(name)) {
      return SourceValue.missing(name);
    }
    return new SourceValue(col(quoted(name)), type(name), name);
  }

  /** Trims text and turns empty strings and the null literals into null. */
  public Column cleanText(Column raw) {
    Column trimmed = trim(raw);
    Column blank = trimmed.equalTo(lit(""));
    for (String literal : nullLiterals) {
      blank = blank.or(trimmed.equalTo(lit(literal)));
    }
    return when(blank, lit(null).cast(DataTypes.StringType)).otherwise(trimmed);
  }

  /**
   * The source columns (not the decoder's bookkeeping), for the raw record of a quarantined row.
   */
  public List<String> sourceColumnNames() {
    return Arrays.stream(rows.schema().fields())
        .map(StructField::name)
        .filter(n -> !n.startsWith("x_Source") && !n.equals(DECODE_ERROR) && !n.startsWith("x_Raw"))
        .collect(Collectors.toList());
  }

  public static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** Upper-cased text, for codes such as currencies. */
  public static Column upperText(Column text) {
    return upper(text);
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
