package io.fleetcost.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.model.CostColumns;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The export's {@code metadata.json}: FOCUS 1.2's metadata (DataGenerator; Schema with SchemaId,
 * FocusVersion, DataGeneratorVersion, CreationDate and a ColumnDefinition per column) and
 * FleetCost's {@code x_} entries: the period, the billing sources read, and the totals per currency
 * as exact decimals.
 *
 * @param generatorVersion FleetCost's version
 * @param createdAt when the export was written, {@code YYYY-MM-DDTHH:mm:ssZ}
 * @param from the first charge day asked for (inclusive), null when not restricted
 * @param to the last charge day asked for (inclusive), null when not restricted
 */
public record FocusMetadata(
    String generatorVersion,
    String createdAt,
    LocalDate from,
    LocalDate to,
    String chargePeriodStartMin,
    String chargePeriodEndMax,
    long rows,
    List<Source> sources,
    List<Total> totals) {
  public static final String DATA_GENERATOR = "FleetCost";

  public FocusMetadata {
    Objects.requireNonNull(generatorVersion, "generatorVersion is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    sources = List.copyOf(sources);
    totals = List.copyOf(totals);
  }

  /**
   * A billing file read for the export: its job input, path, format (and version, exporter) and
   * rows kept.
   */
  public record Source(
      String input,
      String path,
      String format,
      String formatDetail,
      String sha256,
      String status,
      long rowsKept) {}

  /**
   * The export's rows and cost totals of one BillingCurrency, as exact decimals (ListCost and
   * ContractedCost as exported).
   */
  public record Total(
      String billingCurrency,
      long rows,
      String billedCost,
      String effectiveCost,
      String listCost,
      String contractedCost) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  /** The metadata of an export whose Parquet schema is {@code schema}. */
  public String json(StructType schema) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("DataGenerator", Map.of("DataGenerator", DATA_GENERATOR));
    Map<String, Object> schemaEntry = new LinkedHashMap<>();
    List<Map<String, Object>> columns = columnDefinitions(schema);
    schemaEntry.put(
        "SchemaId",
        UUID.nameUUIDFromBytes(
                (FocusExport.FOCUS_VERSION + columns).getBytes(StandardCharsets.UTF_8))
            .toString());
    schemaEntry.put("FocusVersion", FocusExport.FOCUS_VERSION);
    schemaEntry.put("DataGeneratorVersion", generatorVersion);
    schemaEntry.put("CreationDate", createdAt);
    schemaEntry.put("ColumnDefinition", columns);
    root.put("Schema", schemaEntry);
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("From", from == null ? null : from.toString());
    period.put("To", to == null ? null : to.toString());
    period.put("ChargePeriodStartMin", chargePeriodStartMin);
    period.put("ChargePeriodEndMax", chargePeriodEndMax);
    period.put("Rows", rows);
    root.put("x_Period", period);
    List<Map<String, Object>> sourceEntries = new ArrayList<>();
    for (Source source : sources) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("Input", source.input());
      entry.put("Path", source.path());
      entry.put("Format", source.format());
      entry.put("FormatDetail", source.formatDetail());
      entry.put("Sha256", source.sha256());
      entry.put("Status", source.status());
      entry.put("RowsKept", source.rowsKept());
      sourceEntries.add(entry);
    }
    root.put("x_Sources", sourceEntries);
    List<Map<String, Object>> totalEntries = new ArrayList<>();
    for (Total total : totals) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("BillingCurrency", total.billingCurrency());
      entry.put("Rows", total.rows());
      entry.put("BilledCost", total.billedCost());
      entry.put("EffectiveCost", total.effectiveCost());
      entry.put("ListCost", total.listCost());
      entry.put("ContractedCost", total.contractedCost());
      totalEntries.add(entry);
    }
    root.put("x_Totals", totalEntries);
    root.put("x_Files", Map.of("Parquet", FocusExport.PARQUET + "/", "Csv", FocusExport.CSV + "/"));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new FleetCostException(
          ErrorCode.INTERNAL, "Cannot write the FOCUS metadata: " + e.getMessage(), e);
    }
  }

  private static List<Map<String, Object>> columnDefinitions(StructType schema) {
    List<Map<String, Object>> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("ColumnName", field.name());
      column.put("DataType", focusType(field.name(), field.dataType()));
      if (field.dataType() instanceof DecimalType decimal) {
        column.put("NumberPrecision", decimal.precision());
        column.put("NumberScale", decimal.scale());
      } else if (isWholeNumber(field.dataType())) {
        column.put("NumberScale", 0);
      }
      if (field.dataType().equals(DataTypes.StringType)) {
        column.put("StringEncoding", "UTF-8");
      }
      columns.add(column);
    }
    return columns;
  }

  /**
   * FOCUS's data types: String, Decimal (whole numbers: scale 0), Date/Time, JSON (the key-value
   * columns).
   */
  private static String focusType(String name, DataType type) {
    if (type instanceof DecimalType) {
      return "Decimal";
    }
    if (type.equals(DataTypes.TimestampType)) {
      return "Date/Time";
    }
    if (name.equals(CostColumns.TAGS) || name.equals(FocusExport.SKU_PRICE_DETAILS)) {
      return "JSON";
    }
    if (isWholeNumber(type)) {
      return "Decimal";
    }
    return "String";
  }

  private static boolean isWholeNumber(DataType type) {
    return type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType);
  }
}
