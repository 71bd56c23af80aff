package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.QUARANTINE_DETAIL;
import static io.fleetcost.model.CostColumns.QUARANTINE_REASON;
import static io.fleetcost.model.CostColumns.RAW_RECORD;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_FORMAT;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.model.FocusValue;
import io.fleetcost.model.FocusValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Builds the projection from a reader's decoded rows to {@link NormalizedCostSchema}, together with
 * the checks that quarantine a row. Each parsing method registers its own checks: a required value
 * that is missing, a number or a time that does not parse, a value outside FOCUS's allowed values.
 * The first failing check names the row's quarantine reason ({@code
 * unparseable_decimal:BilledCost}, …); rows without one are kept.
 */
public final class NormalizedRows {
  /**
   * Azure's US-style dates ({@code 09/21/2023}, {@code 9/1/2023}), tried after Spark's ISO-8601
   * cast.
   */
  public static final List<String> US_DATE_PATTERNS = List.of("M/d/yyyy");

  private final SourceRows source;
  private final String format;
  private final List<String> timePatterns;
  private final Map<String, Column> values = new LinkedHashMap<>();
  private final List<Check> checks = new ArrayList<>();
  private Column identity;

  private record Check(Column failsWhen, String reason, Column detail) {}

  /**
   * @param timePatterns patterns tried, in order, for text that Spark's ISO-8601 cast does not read
   *     (which accepts {@code 2024-09-01T00:00:00Z}, {@code 2024-09-18 22:00:00}, {@code 2024-01-01
   *     00:00:00 UTC}, …)
   */
  public NormalizedRows(SourceRows source, String format, List<String> timePatterns) {
    this.source = source;
    this.format = format;
    this.timePatterns = List.copyOf(timePatterns);
  }

  public NormalizedRows(SourceRows source, String format) {
    this(source, format, List.of());
  }

  public SourceRows source() {
    return source;
  }

  /** Sets a normalized column to a derived expression; no check is added. */
  public NormalizedRows set(String target, Column value) {
    values.put(target, value);
    return this;
  }

  /** The expression already set for a column (to derive another from it). */
  public Column get(String target) {
    Column value = values.get(target);
    if (value == null) {
      throw new IllegalStateException(target + " is not set yet");
    }
    return value;
  }

  /**
   * What makes two rows of different files the same row ({@link DuplicateRows}); {@link #build()}
   * then adds it as {@link DuplicateRows#IDENTITY}. Readers set it only when their {@link
   * ReadContext#rowIdentity()} asks for it.
   */
  public NormalizedRows identity(Column identity) {
    this.identity = identity;
    return this;
  }

  /** Quarantines rows where {@code failsWhen} is true, unless an earlier check already did. */
  public NormalizedRows check(String reason, Column failsWhen, Column detail) {
    checks.add(new Check(failsWhen, reason, detail));
    return this;
  }

  public NormalizedRows text(String target, SourceValue value) {
    return set(target, value.asText());
  }

  public NormalizedRows requiredText(String target, SourceValue value) {
    set(target, value.asText());
    return requirePresent(target, value);
  }

  public NormalizedRows decimal(String target, SourceValue value) {
    Column parsed = parseDecimal(value);
    set(target, parsed);
    return check(
        "unparseable_decimal:" + target,
        value.isPresent().and(parsed.isNull()),
        concat(lit(value.label() + " '"), value.asText(), lit("' is not a decimal number")));
  }

  public NormalizedRows requiredDecimal(String target, SourceValue value) {
    requirePresent(target, value);
    return decimal(target, value);
  }

  public NormalizedRows timestamp(String target, SourceValue value) {
    Column parsed = parseTimestamp(value, timePatterns);
    set(target, parsed);
    return check(
        "unparseable_timestamp:" + target,
        value.isPresent().and(parsed.isNull()),
        concat(lit(value.label() + " '"), value.asText(), lit("' is not a date or time")));
  }

  public NormalizedRows requiredTimestamp(String target, SourceValue value) {
    requirePresent(target, value);
    return timestamp(target, value);
  }

  /**
   * A FOCUS enumerated column: any accepted spelling (case-insensitive, with the enumeration's
   * synonyms) becomes the FOCUS spelling; anything else quarantines the row.
   */
  public <E extends Enum<E> & FocusValue> NormalizedRows focusValue(
      String target, SourceValue value, Class<E> type, boolean required) {
    if (required) {
      requirePresent(target, value);
    }
    Column normalized = spellingOf(value.asText(), type);
    set(target, normalized);
    return check(
        "unknown_value:" + target,
        value.isPresent().and(normalized.isNull()),
        concat(
            lit(value.label() + " '"),
            value.asText(),
            lit("' is not a FOCUS " + target + " value")));
  }

  /** Text maps, the type of Tags and of the JSON columns the readers parse. */
  public static final MapType TEXT_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  /**
   * Parses {@code json} (by default the value's own text) as a JSON object into a text map; a
   * present value that is not a JSON object quarantines the row with {@code
   * malformed_json:<column>}.
   */
  public Column jsonObject(String column, SourceValue value, Column json) {
    return checkedJsonObject(column, value, parseJsonObject(json));
  }

  /** {@code json} parsed as a JSON object into a text map: null when it is not one. */
  public static Column parseJsonObject(Column json) {
    return from_json(json, TEXT_MAP, Map.of("mode", "PERMISSIVE"));
  }

  /**
   * As {@link #jsonObject(String, SourceValue, Column)}, for a value that {@link #parseJsonObject}
   * has parsed in a projection of its own: Spark does not merge that projection into this one while
   * the map is used more than once, so each row is parsed once, not once per use.
   */
  public Column checkedJsonObject(String column, SourceValue value, Column parsed) {
    check(
        "malformed_json:" + column,
        value.isPresent().and(parsed.isNull()),
        concat(lit(value.label() + " '"), value.asText(), lit("' is not a JSON object")));
    return parsed;
  }

  public Column jsonObject(String column, SourceValue value) {
    return jsonObject(column, value, value.asText());
  }

  private NormalizedRows requirePresent(String target, SourceValue value) {
    return check(
        "missing_value:" + target,
        value.column().isNull(),
        lit(value.label() + " is empty, and " + target + " is required"));
  }

  /**
   * The FOCUS spelling of a text value of a FOCUS enumeration, or null when it is none of its
   * spellings.
   */
  public static <E extends Enum<E> & FocusValue> Column spellingOf(Column text, Class<E> type) {
    return lookup(lower(text), FocusValues.spellings(type));
  }

  /** A small constant lookup table as a map expression. */
  public static Column lookup(Column key, Map<String, String> table) {
    List<Column> entries = new ArrayList<>(table.size() * 2);
    table.forEach(
        (k, v) -> {
          entries.add(lit(k));
          entries.add(lit(v));
        });
    return when(key.isNull(), lit(null).cast(DataTypes.StringType))
        .otherwise(try_element_at(map(entries.toArray(new Column[0])), key));
  }

  public static Column parseDecimal(SourceValue value) {
    return value.column().try_cast(NormalizedCostSchema.DECIMAL);
  }

  public static Column parseTimestamp(SourceValue value, List<String> patterns) {
    DataType type = value.type();
    if (DataTypes.TimestampType.sameType(type)) {
      return value.column();
    }
    if (!value.isText()) {
      return value.column().try_cast(DataTypes.TimestampType);
    }
    Column iso = value.column().try_cast(DataTypes.TimestampType);
    if (patterns.isEmpty()) {
      return iso;
    }
    List<Column> attempts = new ArrayList<>();
    attempts.add(iso);
    for (String pattern : patterns) {
      attempts.add(try_to_timestamp(value.column(), lit(pattern)));
    }
    return coalesce(attempts.toArray(new Column[0]));
  }

  public static Dataset<Row> empty(org.apache.spark.sql.SparkSession spark) {
    return spark.createDataFrame(java.util.List.of(), NormalizedCostSchema.WITH_QUARANTINE);
  }

  /**
   * The normalized rows, with the quarantine reason, detail and raw record (null for kept rows),
   * and the row's identity when one was set.
   *
   * <p>Two projections: the first parses every value and evaluates every check once, with each
   * check's detail and the raw record only where a check fails; the second picks the first failing
   * check. Keeping them apart keeps the plan small: the reason, its detail and the raw record all
   * refer to the same check columns instead of repeating the checks' expressions.
   */
  public Dataset<Row> build() {
    List<Column> parsed = parsedValues();
    List<Check> allChecks = new ArrayList<>();
    Column decodeError = source.column(SourceRows.DECODE_ERROR);
    allChecks.add(new Check(decodeError.isNotNull(), "decode_error", decodeError));
    allChecks.addAll(checks);
    parsed.addAll(checkColumns(allChecks));
    if (identity != null) {
      parsed.add(identity.cast(DataTypes.StringType).as(DuplicateRows.IDENTITY));
    }
    Dataset<Row> checked = source.rows().select(parsed.toArray(new Column[0]));
    return checked.select(firstFailingCheck(allChecks).toArray(new Column[0]));
  }

  /** Every column of {@link NormalizedCostSchema#STRUCT}, parsed and cast to its type. */
  private List<Column> parsedValues() {
    List<Column> parsed = new ArrayList<>();
    for (StructField field : NormalizedCostSchema.STRUCT.fields()) {
      String name = field.name();
      Column value =
          switch (name) {
            case SOURCE_FORMAT -> lit(format);
            case SOURCE_FILE -> col(SOURCE_FILE);
            case SOURCE_LINE -> col(SOURCE_LINE);
            default -> values.getOrDefault(name, lit(null));
          };
      parsed.add(value.cast(field.dataType()).as(name));
    }
    return parsed;
  }

  /**
   * Whether each check fails, with its detail, and the raw record of a row that fails any of them.
   */
  private List<Column> checkColumns(List<Check> allChecks) {
    List<Column> columns = new ArrayList<>();
    // A detail and the raw record are built only for a row that fails a check: building them for
    // every row (a concatenation per check, a copy of every source value) cost more than the FOCUS
    // mapping itself.
    Column anyFails = lit(false);
    for (int i = 0; i < allChecks.size(); i++) {
      Column fails = coalesce(allChecks.get(i).failsWhen(), lit(false));
      columns.add(fails.as(CHECK_PREFIX + i));
      columns.add(when(fails, allChecks.get(i).detail()).as(DETAIL_PREFIX + i));
      anyFails = anyFails.or(fails);
    }
    columns.add(when(anyFails, rawRecord()).as(RAW_PREFIX));
    return columns;
  }

  /** The decoder's raw record, else the source values as a JSON object. */
  private Column rawRecord() {
    List<Column> raw = new ArrayList<>();
    for (String name : source.sourceColumnNames()) {
      raw.add(source.column(name).as(name));
    }
    return coalesce(
        source.column(RAW_RECORD).cast(DataTypes.StringType),
        raw.isEmpty()
            ? lit(null).cast(DataTypes.StringType)
            : to_json(struct(raw.toArray(new Column[0]))));
  }

  /**
   * The second projection: the normalized columns, then the reason, detail and raw record of the
   * first failing check, then the identity.
   */
  private List<Column> firstFailingCheck(List<Check> allChecks) {
    Column reason = null;
    Column detail = null;
    for (int i = 0; i < allChecks.size(); i++) {
      Column failed = col(CHECK_PREFIX + i);
      reason =
          reason == null
              ? when(failed, lit(allChecks.get(i).reason()))
              : reason.when(failed, lit(allChecks.get(i).reason()));
      detail =
          detail == null
              ? when(failed, col(DETAIL_PREFIX + i))
              : detail.when(failed, col(DETAIL_PREFIX + i));
    }
    List<Column> out = new ArrayList<>();
    for (String name : NormalizedCostSchema.STRUCT.fieldNames()) {
      out.add(col(name));
    }
    out.add(reason.as(QUARANTINE_REASON));
    out.add(detail.as(QUARANTINE_DETAIL));
    out.add(when(reason.isNotNull(), col(RAW_PREFIX)).as(RAW_RECORD));
    if (identity != null) {
      out.add(col(DuplicateRows.IDENTITY));
    }
    return out;
  }

  private static final String CHECK_PREFIX = "x_Check";
  private static final String DETAIL_PREFIX = "x_CheckDetail";
  private static final String RAW_PREFIX = "x_CheckRawRecord";
}
