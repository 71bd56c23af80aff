package io.fleetcost.telemetry;

import io.fleetcost.billing.CsvDialect;
import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;

/** Decides a telemetry file's format from its first bytes and lines. */
public final class TelemetryDetector {
  private TelemetryDetector() {}

  /**
   * What the start of a file says: its first non-blank line and, for CSV, the header fields without
   * units.
   */
  public record Head(String firstLine, List<String> csvFields, boolean empty) {}

  public static Head head(Configuration conf, String path) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(TextFiles.openText(conf, path), StandardCharsets.UTF_8))) {
      String line;
      String first = null;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          first = line;
          break;
        }
      }
      if (first == null) {
        return new Head("", List.of(), true);
      }
      List<String> fields = new ArrayList<>();
      if (!first.trim().startsWith("{") && !first.startsWith("#")) {
        Iterator<CSVRecord> records =
            CsvDialect.FORMAT.parse(new java.io.StringReader(first)).iterator();
        if (records.hasNext()) {
          records.next().forEach(f -> fields.add(CsvTelemetryDecoder.field(f)));
        }
      }
      return new Head(first, fields, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public static Optional<TelemetryFormat> detect(Head head) {
    String first = head.firstLine().trim();
    if (first.startsWith("{")) {
      return Optional.of(TelemetryFormat.DCGM_JSON);
    }
    if (first.startsWith("#") || first.startsWith("DCGM_")) {
      return Optional.of(TelemetryFormat.DCGM_EXPOSITION);
    }
    if (head.csvFields().contains("utilization.gpu")) {
      return Optional.of(TelemetryFormat.NVIDIA_SMI);
    }
    if (head.csvFields()
        .containsAll(List.of("timestamp", GpuSampleColumns.METRIC, GpuSampleColumns.VALUE))) {
      return Optional.of(TelemetryFormat.SAMPLES_CSV);
    }
    return Optional.empty();
  }

  public static TelemetryFormat resolve(String path, Head head, Optional<TelemetryFormat> claimed) {
    if (claimed.isPresent()) {
      return claimed.get();
    }
    return detect(head)
        .orElseThrow(
            () ->
                FleetCostException.userError(
                    "Cannot detect the telemetry format of %s: it starts with '%s', which is none of %s",
                    path,
                    head.firstLine().length() > 80
                        ? head.firstLine().substring(0, 80) + "…"
                        : head.firstLine(),
                    TelemetryFormat.names()));
  }
}
