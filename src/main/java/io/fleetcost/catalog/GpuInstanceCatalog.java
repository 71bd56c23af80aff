package io.fleetcost.catalog;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The GPU instance types FleetCost knows, loaded once from {@code
 * sample-data/catalog/gpu-instance-types.csv} (packaged in the jar) and validated on load: every
 * row complete, sizes positive, dated, and each instance type listed once. Lookups ignore case.
 */
public final class GpuInstanceCatalog {
  public static final String RESOURCE = "/io/fleetcost/catalog/gpu-instance-types.csv";

  private final Map<String, GpuInstanceType> byInstanceType;

  private GpuInstanceCatalog(Map<String, GpuInstanceType> byInstanceType) {
    this.byInstanceType = Map.copyOf(byInstanceType);
  }

  public static GpuInstanceCatalog bundled() {
    try (InputStream in = GpuInstanceCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new FleetCostException(
            ErrorCode.INTERNAL, "Cannot load the GPU catalog: " + RESOURCE + " is not in the jar");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GpuInstanceCatalog parse(Reader reader, String name) {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .get();
    Map<String, GpuInstanceType> rows = new LinkedHashMap<>();
    try (CSVParser parser = format.parse(reader)) {
      for (CSVRecord record : parser) {
        GpuInstanceType type = row(record, name);
        String key = key(type.instanceType());
        if (rows.putIfAbsent(key, type) != null) {
          throw invalid(name, record, "instance type " + type.instanceType() + " is listed twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rows.isEmpty()) {
      throw new FleetCostException(
          ErrorCode.INTERNAL, "Cannot load the GPU catalog " + name + ": it has no rows");
    }
    return new GpuInstanceCatalog(rows);
  }

  private static GpuInstanceType row(CSVRecord record, String name) {
    try {
      String asOf = record.get("as_of").trim();
      LocalDate.parse(asOf);
      return new GpuInstanceType(
          nonBlank(record, "provider", name),
          nonBlank(record, "instance_type", name),
          nonBlank(record, "gpu_model", name),
          Integer.parseInt(record.get("gpu_count").trim()),
          Integer.parseInt(record.get("gpu_memory_gib").trim()),
          Integer.parseInt(record.get("vcpu").trim()),
          Integer.parseInt(record.get("memory_gib").trim()),
          nonBlank(record, "source", name),
          asOf);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(name, record, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw invalid(name, record, e.getMessage());
    }
  }

  private static String nonBlank(CSVRecord record, String column, String name) {
    String value = record.get(column);
    if (value == null || value.isBlank()) {
      throw invalid(name, record, column + " is empty");
    }
    return value.trim();
  }

  private static FleetCostException invalid(String name, CSVRecord record, String why) {
    return new FleetCostException(
        ErrorCode.INTERNAL,
        String.format(
            "Cannot load the GPU catalog %s: line %d: %s",
            name, record.getParser().getCurrentLineNumber(), why));
  }

  public Optional<GpuInstanceType> find(String instanceType) {
    return instanceType == null
        ? Optional.empty()
        : Optional.ofNullable(byInstanceType.get(key(instanceType)));
  }

  public List<GpuInstanceType> all() {
    return new ArrayList<>(byInstanceType.values());
  }

  static String key(String instanceType) {
    return instanceType.trim().toLowerCase(Locale.ROOT);
  }
}
