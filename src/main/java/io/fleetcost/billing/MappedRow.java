package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_FORMAT;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One normalized row being built by a {@link DecodedRecordMapping}, with the checks of {@link
 * NormalizedRows} in the same words: the first check that fails, in the order the mapping makes
 * them (after the decode error), names the quarantine reason and its detail, and a quarantined row
 * carries its raw record.
 */
public final class MappedRow {
  private static final int FIELDS = NormalizedCostSchema.STRUCT.size();
  private static final int REASON = FIELDS;
  private static final int DETAIL = FIELDS + 1;
  private static final int RAW = FIELDS + 2;
  private static final int FORMAT = field(SOURCE_FORMAT);
  private static final int FILE = field(SOURCE_FILE);
  private static final int LINE = field(SOURCE_LINE);
  private static final JsonFactory JSON = new JsonFactory();

  private final DecodedRecord record;
  private final Object[] values;
  private String reason;
  private String detail;

  /**
   * A row for {@code record} of a file of {@code format}; a record with a decode error fails its
   * first check.
   */
  public MappedRow(DecodedRecord record, String format, boolean withIdentity) {
    this.record = record;
    this.values = new Object[FIELDS + 3 + (withIdentity ? 1 : 0)];
    values[FORMAT] = UTF8String.fromString(format);
    values[FILE] = UTF8String.fromString(record.file());
    values[LINE] = record.line();
    if (record.decodeError() != null) {
      fail("decode_error", record.decodeError());
    }
  }

  /** The position of a normalized column in the row. */
  public static int field(String column) {
    return NormalizedCostSchema.STRUCT.fieldIndex(column);
  }

  public void text(int field, String value) {
    values[field] = value == null ? null : UTF8String.fromString(value);
  }

  public void decimal(int field, Decimal value) {
    values[field] = value;
  }

  public void timestamp(int field, Long micros) {
    values[field] = micros;
  }

  public void integer(int field, Integer value) {
    values[field] = value;
  }

  /** Any other value, already in Spark's internal form (a map of tags). */
  public void internal(int field, Object value) {
    values[field] = value;
  }

  /** Fails the row with this reason and detail, unless an earlier check already did. */
  public void fail(String reason, String detail) {
    if (this.reason == null) {
      this.reason = reason;
      this.detail = detail;
    }
  }

  public void check(String reason, boolean fails, Supplier<String> detail) {
    if (fails && this.reason == null) {
      fail(reason, detail.get());
    }
  }

  /** {@link NormalizedRows#requiredText}'s check. */
  public void require(String target, String label, String text) {
    if (text == null) {
      fail("missing_value:" + target, label + " is empty, and " + target + " is required");
    }
  }

  /**
   * {@link NormalizedRows#decimal}: the parsed value (null when absent or unparseable), checked.
   */
  public Decimal decimal(String target, String label, String text) {
    Decimal parsed = SparkCasts.decimal(text);
    if (text != null && parsed == null) {
      fail("unparseable_decimal:" + target, label + " '" + text + "' is not a decimal number");
    }
    return parsed;
  }

  public Decimal requiredDecimal(String target, String label, String text) {
    require(target, label, text);
    return decimal(target, label, text);
  }

  /**
   * {@link NormalizedRows#timestamp}: the parsed value (null when absent or unparseable), checked.
   */
  public Long timestamp(String target, String label, String text) {
    Long parsed = SparkCasts.timestamp(text);
    if (text != null && parsed == null) {
      fail("unparseable_timestamp:" + target, label + " '" + text + "' is not a date or time");
    }
    return parsed;
  }

  public Long requiredTimestamp(String target, String label, String text) {
    require(target, label, text);
    return timestamp(target, label, text);
  }

  /** {@link NormalizedRows#checkedJsonObject}'s check. */
  public void checkJsonObject(String target, String label, String text, Object parsed) {
    if (text != null && parsed == null) {
      fail("malformed_json:" + target, label + " '" + text + "' is not a JSON object");
    }
  }

  /**
   * The finished row. A quarantined row gets the decoder's raw record, or else its source values as
   * a JSON object (as {@code to_json(struct(...))}: named by {@code columns}, null values left
   * out).
   */
  public InternalRow build(List<String> columns, String identity) {
    if (reason != null) {
      values[REASON] = UTF8String.fromString(reason);
      values[DETAIL] = detail == null ? null : UTF8String.fromString(detail);
      values[RAW] =
          UTF8String.fromString(
              record.rawRecord() != null
                  ? record.rawRecord()
                  : jsonObject(columns, record.values()));
    }
    if (values.length > RAW + 1) {
      values[RAW + 1] = identity == null ? null : UTF8String.fromString(identity);
    }
    return new GenericInternalRow(values);
  }

  /**
   * {@code to_json(struct(...))} of text values: the non-null ones, in order, under their names.
   */
  static String jsonObject(List<String> names, String[] values) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          json.writeStringField(names.get(i), values[i]);
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code to_json(array(...))} of text values, null ones as {@code null}. */
  public static String jsonArray(String... values) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (String value : values) {
        if (value == null) {
          json.writeNull();
        } else {
          json.writeString(value);
        }
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
