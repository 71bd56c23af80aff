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
    List<Split> splits = new ArrayList<>();
    long splitStart = -1;
    long splitValues = 0;
    int splitSeries = 0;
    long values = 0;
    int series = 0;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
      long offset = base + parser.currentTokenLocation().getByteOffset();
      if (splitStart < 0) {
        splitStart = offset;
      } else if (offset - splitStart >= splitBytes) {
        splits.add(new Split(splitStart, offset, splitValues, splitSeries));
        splitStart = offset;
        splitValues = values;
        splitSeries = series;
      }
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
      series++;
      values += count >= 0 ? count : 1;
      if (metric != null
          && metric.name() != null
          && GpuSampleColumns.DCGM_METRICS.containsKey(metric.name())) {
        String[] labels = metric.labels(task.cluster());
        String identity = DcgmJson.identity(labels);
        if (identity != null) {
          String[] merged = gpus.putIfAbsent(identity, labels);
          if (merged != null) {
            for (int i = 0; i < merged.length; i++) {
              if (merged[i] == null) {
                merged[i] = labels[i];
              }
            }
          }
        }
      }
    }
    if (token != JsonToken.END_ARRAY) {
      throw DcgmJson.unreadable(
          task, "data.result holds a " + token + " where a series object belongs");
    }
    long end = base + parser.currentTokenLocation().getByteOffset();
    if (splitStart >= 0 && !splits.isEmpty()) {
      splits.add(new Split(splitStart, end, splitValues, splitSeries));
    } else {
      splits.add(Split.WHOLE_FILE);
    }
    List<GpuLabels> labels = new ArrayList<>(gpus.size());
    gpus.forEach((identity, merged) -> labels.add(new GpuLabels(identity, merged)));
    return new FileIndex(task, labels, splits, series, values);
  }
}
