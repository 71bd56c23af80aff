package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.*;

import io.fleetcost.billing.CsvDialect;
import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.TextFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * Reads the two CSV telemetry formats.
 *
 * <ul>
 *   <li>{@code nvidia-smi
 *       --query-gpu=timestamp,index,uuid,name,utilization.gpu,memory.used,memory.total,power.draw
 *       --format=csv -l 60}: units inside the values ({@code 12 %}, {@code 8277 MiB}, {@code 125.24
 *       W}), {@code [N/A]} and {@code [Not Supported]} for values a GPU does not report (skipped,
 *       not errors), and local timestamps ({@code 2026/11/27 11:21:01.609}) read in the input's
 *       {@code timezone}. The log does not name its machine: the instance id is the input's {@code
 *       instance-id}, else the file name without extension.
 *   <li>FleetCost's generic long CSV: {@code timestamp,metric,value} plus any of the label columns
 *       ({@code node}, {@code instance_id}, {@code gpu_uuid}, …), one metric value per line,
 *       timestamps in ISO 8601 (UTC when no zone is given) or epoch seconds.
 * </ul>
 */
final class CsvTelemetryDecoder implements TelemetrySource {
  private static final List<DateTimeFormatter> SMI_TIMES =
      List.of(
          DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS", Locale.ROOT),
          DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT));

  /** nvidia-smi query fields → FleetCost metrics. */
  static final Map<String, String> SMI_METRICS =
      Map.of(
          "utilization.gpu", GPU_UTIL,
          "memory.used", FB_USED_MIB,
          "memory.total", FB_TOTAL_MIB,
          "memory.free", FB_FREE_MIB,
          "memory.reserved", FB_RESERVED_MIB,
          "power.draw", POWER_W);

  private final TelemetryFormat format;

  /**
   * @param format nvidia-smi or the samples CSV
   */
  CsvTelemetryDecoder(TelemetryFormat format) {
    this.format = format;
  }

  @Override
  public TelemetryFormat format() {
    return format;
  }

  /** A header name without its unit: {@code utilization.gpu [%]} → {@code utilization.gpu}. */
  static String field(String header) {
    String name = header.trim();
    int bracket = name.indexOf(" [");
    return (bracket > 0 ? name.substring(0, bracket) : name).toLowerCase(Locale.ROOT);
  }

  /** A value without its unit; null for what nvidia-smi writes when it has no value. */
  static String smiValue(String raw) {
    String value = raw.trim();
    if (value.isEmpty() || value.startsWith("[") || value.equalsIgnoreCase("N/A")) {
      return null;
    }
    int space = value.lastIndexOf(' ');
    return space > 0 && !Character.isDigit(value.charAt(value.length() - 1))
        ? value.substring(0, space).trim()
        : value;
  }

  @Override
  public Iterator<Row> rows(TelemetryFileTask task, Configuration conf) {
    CSVParser parser;
    try {
      parser = CsvDialect.FORMAT.parse(TextFiles.openReader(conf, task.path()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + task.displayPath() + ": " + e.getMessage(), e);
    }
    Iterator<CSVRecord> records = parser.iterator();
    if (!records.hasNext()) {
      return List.<Row>of().iterator();
    }
    List<String> header = new ArrayList<>();
    records.next().forEach(h -> header.add(field(h)));
    boolean smi = task.format() == TelemetryFormat.NVIDIA_SMI;
    requireColumns(
        task,
        header,
        smi ? List.of("timestamp", "utilization.gpu") : List.of("timestamp", METRIC, VALUE));
    return new Records(task, parser, records, header, smi);
  }

  /** The rows of a file's records after its header, read one record at a time. */
  private static final class Records extends LongSamples.Queued {
    private final TelemetryFileTask task;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final boolean smi;
    private final ZoneId zone;
    private final LongSamples.Builder rows;
    private Instant latest;

    Records(
        TelemetryFileTask task,
        CSVParser parser,
        Iterator<CSVRecord> records,
        List<String> header,
        boolean smi) {
      this.task = task;
      this.parser = parser;
      this.records = records;
      this.header = header;
      this.smi = smi;
      this.zone = ZoneId.of(task.timezone());
      this.rows = new LongSamples.Builder(task);
    }

    @Override
    boolean fill(Deque<Row> queue) {
      long line = parser.getCurrentLineNumber() + 1;
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return false;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new FleetCostException(
            ErrorCode.USER_ERROR,
            "Cannot read " + task.displayPath() + " as CSV: " + e.getMessage(),
            e);
      }
      if (record.size() == 1 && record.get(0).isBlank()) {
        return true;
      }
      if (record.size() != header.size()) {
        queue.add(
            rows.error(
                line,
                "the record has " + record.size() + " fields, the header has " + header.size(),
                CSVFormat.RFC4180.format(record.values())));
        return true;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i), record.get(i));
      }
      if (smi) {
        smiRecord(line, values, queue);
      } else {
        longRecord(line, values, queue);
      }
      return true;
    }

    private void smiRecord(long line, Map<String, String> values, Deque<Row> queue) {
      LocalDateTime local = smiLocalTime(values.get("timestamp"));
      Timestamp time = null;
      if (local != null) {
        Instant instant = inZone(local, zone, latest);
        latest = latest == null || instant.isAfter(latest) ? instant : latest;
        time = Timestamp.from(instant);
      }
      if (time == null) {
        queue.add(
            rows.error(
                line,
                "timestamp '"
                    + values.get("timestamp").trim()
                    + "' is not yyyy/MM/dd HH:mm:ss[.SSS]",
                String.join(",", values.values())));
        return;
      }
      Map<String, String> labels = new HashMap<>();
      String instance = task.instanceId() != null ? task.instanceId() : task.fileStem();
      labels.put(INSTANCE_ID, instance);
      labels.put(NODE, task.node() != null ? task.node() : instance);
      labels.put(GPU_INDEX, trimmed(values.get("index")));
      labels.put(GPU_UUID, trimmed(values.get("uuid")));
      labels.put(GPU_MODEL, trimmed(values.get("name")));
      for (Map.Entry<String, String> metric : SMI_METRICS.entrySet()) {
        String raw = values.get(metric.getKey());
        String value = raw == null ? null : smiValue(raw);
        if (value != null) {
          queue.add(rows.value(line, time, labels, metric.getValue(), value));
        }
      }
    }

    private void longRecord(long line, Map<String, String> values, Deque<Row> queue) {
      Timestamp time = isoTime(values.get("timestamp"));
      String metric = trimmed(values.get(METRIC));
      if (time == null) {
        queue.add(
            rows.error(
                line,
                "timestamp '" + values.get("timestamp") + "' is not ISO 8601 or epoch seconds",
                String.join(",", values.values())));
        return;
      }
      if (metric == null || !METRICS.contains(metric)) {
        queue.add(
            rows.error(
                line,
                "metric '" + metric + "' is not one of " + METRICS,
                String.join(",", values.values())));
        return;
      }
      Map<String, String> labels = new HashMap<>();
      for (String label : LABELS) {
        labels.put(label, trimmed(values.get(label)));
      }
      queue.add(rows.value(line, time, labels, metric, trimmed(values.get(VALUE))));
    }

    @Override
    public void close() {
      try {
        parser.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void requireColumns(
      TelemetryFileTask task, List<String> header, List<String> required) {
    for (String column : required) {
      if (!header.contains(column)) {
        throw FleetCostException.userError(
            "Cannot read %s as %s: required column '%s' is missing (columns: %s)",
            task.displayPath(), task.format().cliName(), column, String.join(", ", header));
      }
    }
  }

  static Timestamp smiTime(String text, ZoneId zone) {
    LocalDateTime local = smiLocalTime(text);
    return local == null ? null : Timestamp.from(inZone(local, zone, null));
  }

  static LocalDateTime smiLocalTime(String text) {
    if (text == null) {
      return null;
    }
    for (DateTimeFormatter format : SMI_TIMES) {
      try {
        return LocalDateTime.parse(text.trim(), format);
      } catch (DateTimeParseException e) {
        // try the next pattern
      }
    }
    return null;
  }

  /**
   * A log's local time as an instant. When clocks go back (the end of daylight saving time) an hour
   * of local times occurs twice; a log is written in time order, so a local time in that hour whose
   * first reading would fall before a time the log already passed is the second one.
   *
   * @param latest the latest instant read from the log so far (null at its start)
   */
  static Instant inZone(LocalDateTime local, ZoneId zone, Instant latest) {
    java.time.ZonedDateTime earlier = local.atZone(zone).withEarlierOffsetAtOverlap();
    if (latest != null && earlier.toInstant().isBefore(latest)) {
      return earlier.withLaterOffsetAtOverlap().toInstant();
    }
    return earlier.toInstant();
  }

  static Timestamp isoTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.trim();
    try {
      if (value.matches("\\d{9,11}(\\.\\d+)?")) {
        return new Timestamp((long) (Double.parseDouble(value) * 1000));
      }
      if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return Timestamp.from(java.time.OffsetDateTime.parse(value.replace(' ', 'T')).toInstant());
      }
      return Timestamp.from(LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
