package io.fleetcost.billing;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A value read from a source row, with the type it was read as: text for CSV and JSON lines, the
 * file's own type for Parquet. Text is already trimmed, with empty strings (and the format's null
 * literals) turned into null.
 *
 * @param label how the value is named in quarantine messages (the source column name)
 */
public record SourceValue(Column column, DataType type, String label) {
  public static SourceValue missing(String label) {
    return new SourceValue(lit(null).cast(DataTypes.StringType), DataTypes.StringType, label);
  }

  public static SourceValue text(Column column, String label) {
    return new SourceValue(column, DataTypes.StringType, label);
  }

  public boolean isText() {
    return DataTypes.StringType.sameType(type);
  }

  public Column isPresent() {
    return column.isNotNull();
  }

  /** The value as text, for messages and for text columns of the normalized table. */
  public Column asText() {
    return isText() ? column : column.cast(DataTypes.StringType);
  }

  public SourceValue orElse(SourceValue fallback) {
    if (!sameKind(fallback)) {
      return new SourceValue(
          org.apache.spark.sql.functions.coalesce(asText(), fallback.asText()),
          DataTypes.StringType,
          label);
    }
    return new SourceValue(
        org.apache.spark.sql.functions.coalesce(column, fallback.column), type, label);
  }

  private boolean sameKind(SourceValue other) {
    return type.sameType(other.type);
  }
}
