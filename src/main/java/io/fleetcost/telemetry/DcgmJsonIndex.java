package io.fleetcost.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fleetcost.files.Compression;
import io.fleetcost.files.TextFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The first, cheap pass over a Prometheus-JSON file: the GPUs its series are about, with their
 * labels merged (the first value of each label over the GPU's series, in file order: exporters and
 * queries differ in the labels they keep per metric), and, for a large uncompressed file, where it
 * can be cut between series so that several tasks read it. The sample values are skipped, not
 * decoded.
 */
final class DcgmJsonIndex {
  private DcgmJsonIndex() {}

  /** A GPU of the file and its labels in {@link GpuSampleColumns#LABELS} order. */
  record GpuLabels(String identity, String[] labels) implements Serializable {}

  /**
   * A part of the file: raw byte offsets {@code [start, end)} from the first series' {@code {} to the end of the last
   * series of the part, or {@code start < 0} for the whole file; the position of its first value in the file (from 0)
   * and the number of its first series.
   */
  record Split(long start, long end, long valuesBefore, int seriesBefore) implements Serializable {
    static final Split WHOLE_FILE = new Split(-1, -1, 0, 0);

    boolean wholeFile() {
      return start < 0;
    }
  }

  /** The index of one file. */
  record FileIndex(
      TelemetryFileTask task, List<GpuLabels> gpus, List<Split> splits, long series, long values)
      implements Serializable {}

  /**
   * @param splitBytes the size from which an uncompressed file is cut into parts of about this size
   */
  static FileIndex index(TelemetryFileTask task, Configuration conf, long splitBytes) {
    InputStream raw = TextFiles.openRaw(conf, task.path());
    try (raw) {
      BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
      boolean plain = TextFiles.sniffCompression(buffered) == Compression.NONE;
      InputStream text;
      long base = 0;
      if (plain) {
        byte[] head = TextFiles.peek(buffered, 3);
        if (head.length == 3
            && (head[0] & 0xff) == 0xEF
            && (head[1] & 0xff) == 0xBB
            && (head[2] & 0xff) == 0xBF) {
          buffered.skipNBytes(3);
          base = 3;
        }
        text = buffered;
      } else {
        raw.close();
        text = TextFiles.openText(conf, task.path());
      }
      try (text;
          JsonParser parser = DcgmJson.FACTORY.createParser(text)) {
        DcgmJson.seekResult(parser, task);
        return scan(parser, task, plain ? splitBytes : Long.MAX_VALUE, base);
      }
    } catch (IOException e) {
      throw DcgmJson.unreadable(task, e.getMessage());
    }
  }

  private static FileIndex scan(
      JsonParser parser, TelemetryFileTask task, long splitBytes, long base) throws IOException {
    Map<String, String[]> gpus = new LinkedHashMap<>();
    SplitPoints splits = new SplitPoints(splitBytes);
    long values = 0;
    int series = 0;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
      splits.seriesAt(base + parser.currentTokenLocation().getByteOffset(), values, series);
      SkimmedSeries skimmed = skimSeries(parser);
      series++;
      values += skimmed.values() >= 0 ? skimmed.values() : 1;
      mergeLabels(gpus, skimmed.metric(), task);
    }
    if (token != JsonToken.END_ARRAY) {
      throw DcgmJson.unreadable(
          task, "data.result holds a " + token + " where a series object belongs");
    }
    List<Split> parts = splits.end(base + parser.currentTokenLocation().getByteOffset());
    List<GpuLabels> labels = new ArrayList<>(gpus.size());
    gpus.forEach((identity, merged) -> labels.add(new GpuLabels(identity, merged)));
    return new FileIndex(task, labels, parts, series, values);
  }

  /**
   * A series' metric object (null when it has none) and its number of values: -1 when it has no
   * {@code values} array, -2 when it has an instant vector's single {@code value} instead.
   */
  private record SkimmedSeries(DcgmJson.SeriesMetric metric, long values) {}

  /** Reads the series object the parser is in, skipping its values. */
  private static SkimmedSeries skimSeries(JsonParser parser) throws IOException {
    DcgmJson.SeriesMetric metric = null;
    long count = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("metric") && value == JsonToken.START_OBJECT) {
        metric = DcgmJson.readMetric(parser);
      } else if (field.equals("values") && value == JsonToken.START_ARRAY) {
        count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          parser.skipChildren();
          count++;
        }
      } else {
        if (field.equals("value") && count < 0) {
          count = -2;
        }
        parser.skipChildren();
      }
    }
    return new SkimmedSeries(metric, count);
  }

  /**
   * Adds the labels of a series of a metric FleetCost uses to its GPU's: a label the GPU has no
   * value for yet takes the series' value.
   */
  private static void mergeLabels(
      Map<String, String[]> gpus, DcgmJson.SeriesMetric metric, TelemetryFileTask task) {
    if (metric == null
        || metric.name() == null
        || !GpuSampleColumns.DCGM_METRICS.containsKey(metric.name())) {
      return;
    }
    String[] labels = metric.labels(task.cluster());
    String identity = DcgmJson.identity(labels);
    if (identity == null) {
      return;
    }
    String[] merged = gpus.putIfAbsent(identity, labels);
    if (merged != null) {
      for (int i = 0; i < merged.length; i++) {
        if (merged[i] == null) {
          merged[i] = labels[i];
        }
      }
    }
  }

  /**
   * Where the file is cut: a part ends before the first series that starts {@code splitBytes} or
   * more after the part's start.
   */
  private static final class SplitPoints {
    private final long splitBytes;
    private final List<Split> splits = new ArrayList<>();
    private long start = -1;
    private long valuesBefore;
    private int seriesBefore;

    SplitPoints(long splitBytes) {
      this.splitBytes = splitBytes;
    }

    /**
     * A series starts at byte {@code offset}, after {@code values} values in {@code series} series.
     */
    void seriesAt(long offset, long values, int series) {
      if (start < 0) {
        start = offset;
      } else if (offset - start >= splitBytes) {
        splits.add(new Split(start, offset, valuesBefore, seriesBefore));
        start = offset;
        valuesBefore = values;
        seriesBefore = series;
      }
    }

    /** The parts, the last ending at byte {@code end}; the whole file when it was not cut. */
    List<Split> end(long end) {
      if (start >= 0 && !splits.isEmpty()) {
        splits.add(new Split(start, end, valuesBefore, seriesBefore));
      } else {
        splits.add(Split.WHOLE_FILE);
      }
      return splits;
    }
  }
}
