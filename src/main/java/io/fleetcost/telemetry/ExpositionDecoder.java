package io.fleetcost.telemetry;

import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * Reads a DCGM exporter {@code /metrics} snapshot (Prometheus text exposition). The sample time is
 * the line's own timestamp (milliseconds) when it has one; otherwise the snapshot's: a {@code #
 * scrape_time <ISO-8601 | epoch seconds>} comment, else a time in the file name ({@code
 * 20261015T120000Z} or 10-digit epoch seconds). A snapshot with none of these cannot be placed in
 * time and fails the run.
 */
final class ExpositionDecoder implements TelemetrySource {
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(?:\\s+(-?\\d+))?\\s*$");
  private static final Pattern LABEL =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");
  private static final Pattern SCRAPE_TIME =
      Pattern.compile("^#\\s*scrape_time[:\\s]\\s*(\\S+)\\s*$");
  private static final Pattern NAME_TIME =
      Pattern.compile("(\\d{8}T\\d{6}Z)|(?<!\\d)(\\d{10})(?!\\d)");
  private static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public TelemetryFormat format() {
    return TelemetryFormat.DCGM_EXPOSITION;
  }

  @Override
  public Iterator<Row> rows(TelemetryFileTask task, Configuration conf) {
    BufferedReader reader = new BufferedReader(TextFiles.openReader(conf, task.path()), 1 << 16);
    Optional<Instant> fromName = timeInName(task.displayPath());
    return new Lines(task, reader, fromName.orElse(null));
  }

  /** The rows of a snapshot's lines, read one line at a time. */
  private static final class Lines extends LongSamples.Queued {
    private final TelemetryFileTask task;
    private final BufferedReader reader;
    private final LongSamples.Builder rows;
    private long line;
    private Instant scrapeTime;

    /**
     * @param scrapeTime the time in the file name, null when it has none
     */
    Lines(TelemetryFileTask task, BufferedReader reader, Instant scrapeTime) {
      this.task = task;
      this.reader = reader;
      this.rows = new LongSamples.Builder(task);
      this.scrapeTime = scrapeTime;
    }

    @Override
    boolean fill(Deque<Row> queue) {
      String text;
      try {
        text = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read " + task.displayPath() + ": " + e.getMessage(), e);
      }
      if (text == null) {
        return false;
      }
      line++;
      if (text.isBlank()) {
        return true;
      }
      if (text.startsWith("#")) {
        readComment(text);
        return true;
      }
      Matcher matcher = LINE.matcher(text);
      if (!matcher.matches()) {
        queue.add(rows.error(line, "not a metric line of the text exposition format", text));
        return true;
      }
      String canonical = GpuSampleColumns.DCGM_METRICS.get(matcher.group(1));
      if (canonical == null) {
        return true;
      }
      Instant time = sampleTime(matcher.group(5));
      queue.add(
          rows.value(
              line, Timestamp.from(time), labels(matcher.group(3)), canonical, matcher.group(4)));
      return true;
    }

    /** A {@code # scrape_time} comment sets the snapshot's time; other comments are skipped. */
    private void readComment(String text) {
      Matcher scrape = SCRAPE_TIME.matcher(text);
      if (scrape.matches()) {
        scrapeTime =
            parseTime(scrape.group(1))
                .orElseThrow(() -> unreadable(task, "bad # scrape_time on line " + line));
      }
    }

    /**
     * The line's own timestamp ({@code millis}, null when it has none), else the snapshot's time.
     */
    private Instant sampleTime(String millis) {
      if (millis != null) {
        return Instant.ofEpochMilli(Long.parseLong(millis));
      }
      if (scrapeTime != null) {
        return scrapeTime;
      }
      throw unreadable(
          task,
          "line "
              + line
              + " has no timestamp, and the snapshot has no '# scrape_time' line"
              + " nor a time in its file name");
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    if (text == null) {
      return labels;
    }
    Matcher matcher = LABEL.matcher(text);
    while (matcher.find()) {
      String mapped = GpuSampleColumns.DCGM_LABELS.get(matcher.group(1));
      if (mapped != null) {
        String value =
            matcher.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
        labels.putIfAbsent(mapped, value);
      }
    }
    return labels;
  }

  static Optional<Instant> timeInName(String path) {
    Matcher matcher = NAME_TIME.matcher(path.substring(path.lastIndexOf('/') + 1));
    if (!matcher.find()) {
      return Optional.empty();
    }
    return matcher.group(1) != null
        ? Optional.of(Instant.from(COMPACT.parse(matcher.group(1))))
        : Optional.of(Instant.ofEpochSecond(Long.parseLong(matcher.group(2))));
  }

  private static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(
          text.matches("\\d{9,11}(\\.\\d+)?")
              ? Instant.ofEpochMilli((long) (Double.parseDouble(text) * 1000))
              : Instant.parse(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static FleetCostException unreadable(TelemetryFileTask task, String why) {
    return new FleetCostException(
        ErrorCode.USER_ERROR, "Cannot read " + task.displayPath() + " as dcgm-exposition: " + why);
  }
}
