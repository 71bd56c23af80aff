package io.fleetcost.billing;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.Compression;
import io.fleetcost.files.TextFiles;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a billing file's layout without reading its rows: the first bytes (container and
 * compression), then the CSV header, the Parquet footer, or the keys of the first JSON lines. Runs
 * on the driver without Spark, so {@code fleetcost validate} is fast.
 */
public final class FileInspector {
  /**
   * JSON exports omit null fields, so the keys of one line are not all the columns: look at
   * several.
   */
  static final int JSON_LINES_SAMPLED = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Configuration conf;

  public FileInspector(Configuration conf) {
    this.conf = conf;
  }

  public FileLayout inspect(String path) {
    try (InputStream raw = TextFiles.openRaw(conf, path)) {
      BufferedInputStream head = new BufferedInputStream(raw, 1 << 16);
      if (TextFiles.isParquet(head)) {
        return parquetLayout(path);
      }
      Compression compression = TextFiles.sniffCompression(head);
      if (compression == Compression.ZIP) {
        requireSingleZipEntry(head, path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot inspect " + path + ": " + e.getMessage(), e);
    }
    return textLayout(path);
  }

  private FileLayout textLayout(String path) {
    Compression compression;
    try (InputStream raw = TextFiles.openRaw(conf, path)) {
      compression = TextFiles.sniffCompression(new BufferedInputStream(raw, 16));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot inspect " + path + ": " + e.getMessage(), e);
    }
    try (InputStream text = TextFiles.openText(conf, path)) {
      BufferedInputStream buffered = new BufferedInputStream(text, 1 << 16);
      int first = firstNonBlank(buffered);
      if (first == '{') {
        return jsonLinesLayout(path, buffered, compression);
      }
      return csvLayout(path, buffered, compression);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot inspect " + path + ": " + e.getMessage(), e);
    }
  }

  private static int firstNonBlank(BufferedInputStream in) throws IOException {
    in.mark(1 << 15);
    try {
      int b;
      int seen = 0;
      while ((b = in.read()) != -1 && seen++ < (1 << 15) - 1) {
        if (!Character.isWhitespace(b)) {
          return b;
        }
      }
      return -1;
    } finally {
      in.reset();
    }
  }

  private static FileLayout csvLayout(String path, InputStream in, Compression compression)
      throws IOException {
    CSVParser parser = CsvDialect.FORMAT.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    Iterator<CSVRecord> records = parser.iterator();
    List<String> header = new ArrayList<>();
    try {
      if (records.hasNext()) {
        for (String value : records.next()) {
          header.add(value.trim());
        }
      }
    } catch (UncheckedIOException e) {
      throw FleetCostException.userError("Cannot read the header of %s: %s", path, e.getMessage());
    }
    Map<String, String> types = new LinkedHashMap<>();
    header.forEach(c -> types.putIfAbsent(c, "string"));
    return new FileLayout(Container.CSV, compression, header, types);
  }

  private static FileLayout jsonLinesLayout(String path, InputStream in, Compression compression)
      throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Set<String> keys = new LinkedHashSet<>();
    String line;
    int parsed = 0;
    int lineNumber = 0;
    while (parsed < JSON_LINES_SAMPLED && (line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        if (node != null && node.isObject()) {
          node.fieldNames().forEachRemaining(keys::add);
          parsed++;
        }
      } catch (JsonParseException e) {
        // a malformed line is quarantined when rows are read; the layout comes from the good lines
      }
    }
    if (parsed == 0 && lineNumber > 0) {
      throw FleetCostException.userError(
          "Cannot read %s as JSON lines: none of its first %d lines is a JSON object",
          path, lineNumber);
    }
    Map<String, String> types = new LinkedHashMap<>();
    keys.forEach(k -> types.put(k, "json"));
    return new FileLayout(Container.JSON_LINES, compression, new ArrayList<>(keys), types);
  }

  private FileLayout parquetLayout(String path) {
    MessageType schema;
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), conf))) {
      schema = reader.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      throw FleetCostException.userError(
          "Cannot read the Parquet footer of %s: %s", path, e.getMessage());
    }
    List<String> columns = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (Type field : schema.getFields()) {
      columns.add(field.getName());
      types.put(field.getName(), typeName(field));
    }
    return new FileLayout(Container.PARQUET, Compression.NONE, columns, types);
  }

  static String typeName(Type field) {
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    if (field.isPrimitive()) {
      PrimitiveType primitive = field.asPrimitiveType();
      if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
          || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
        return "string";
      }
      if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
        return "decimal";
      }
      if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
        return "timestamp";
      }
      if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
        return "date";
      }
      return switch (primitive.getPrimitiveTypeName()) {
        case INT96 -> "timestamp";
        case BINARY, FIXED_LEN_BYTE_ARRAY -> "string";
        case BOOLEAN -> "boolean";
        default -> primitive.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
      };
    }
    if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      return "map";
    }
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        || field.isRepetition(Type.Repetition.REPEATED)) {
      return "array";
    }
    GroupType group = field.asGroupType();
    return group.getFieldCount() == 1 && group.getType(0).isRepetition(Type.Repetition.REPEATED)
        ? "array"
        : "struct";
  }

  private static void requireSingleZipEntry(InputStream in, String path) throws IOException {
    ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
    int files = 0;
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      if (!entry.isDirectory()) {
        files++;
      }
    }
    if (files != 1) {
      throw FleetCostException.userError(
          "Cannot read %s: a zip archive must hold exactly one billing file (it holds %d); unpack it instead",
          path, files);
    }
  }
}
