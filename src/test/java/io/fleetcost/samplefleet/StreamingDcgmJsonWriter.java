package io.fleetcost.samplefleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link SyntheticFleet}'s DCGM telemetry in exactly {@link DcgmJsonWriter}'s JSON (same
 * labels, metric order, value spelling: {@code FleetBenchmarkTest} compares the bytes), but
 * streaming: values are computed per step as they are written, never held for the fleet. Like a
 * Prometheus export capped by {@code --query.max-samples}, the answer can be split into {@code
 * filesPerDay} files per UTC day, each holding a contiguous group of the nodes, or written as one
 * file for the whole span ({@code filesPerDay} 0).
 *
 * <p>Files: {@code <cluster>/dcgm-<cluster>-<day>.json} (one per day, {@link DcgmJsonWriter}'s
 * name), {@code <cluster>/dcgm-<cluster>-<day>-<k>-of-<n>.json} (n per day), {@code
 * <cluster>/dcgm-<cluster>-<first>-to-<last>.json} (one).
 */
public final class StreamingDcgmJsonWriter {
  private static final List<String> METRICS =
      List.of(
          DcgmJsonWriter.FB_FREE,
          DcgmJsonWriter.FB_USED,
          DcgmJsonWriter.GPU_UTIL,
          DcgmJsonWriter.GR_ENGINE_ACTIVE);

  /** The exporter of the benchmark's cluster: a 2025 release with profiling metrics on. */
  public static final DcgmJsonWriter.ExporterSetup EXPORTER =
      new DcgmJsonWriter.ExporterSetup("570.133.20", false, true);

  private final JsonFactory json = new JsonFactory();

  /** What was written: files relative to the folder, series and [time, value] pairs. */
  public record Result(List<Path> files, long series, long values, long bytes) {
    public Result {
      files = List.copyOf(files);
    }
  }

  /** Writes the days {@code from} to {@code to} (inclusive) of the fleet into {@code folder}. */
  public Result write(
      SyntheticFleet fleet, Path folder, LocalDate from, LocalDate to, int filesPerDay) {
    if (filesPerDay < 0 || filesPerDay > fleet.nodes().size()) {
      throw new IllegalArgumentException(
          "files per day must be 0 (one file) to the number of nodes ("
              + fleet.nodes().size()
              + "): "
              + filesPerDay);
    }
    int firstStep = stepOf(fleet, from);
    int endStep = stepOf(fleet, to.plusDays(1));
    if (firstStep < 0 || endStep > fleet.steps() || firstStep >= endStep) {
      throw new IllegalArgumentException(
          "days "
              + from
              + " to "
              + to
              + " are outside the fleet's "
              + fleet.firstDay()
              + " to "
              + fleet.lastDay());
    }
    List<Path> files = new ArrayList<>();
    long series = 0;
    long values = 0;
    long bytes = 0;
    if (filesPerDay == 0) {
      Path relative =
          Path.of(fleet.cluster(), "dcgm-" + fleet.cluster() + "-" + from + "-to-" + to + ".json");
      values +=
          writeFile(fleet, folder.resolve(relative), firstStep, endStep, 0, fleet.nodes().size());
      series += METRICS.size() * (long) fleet.gpus();
      files.add(relative);
      bytes += size(folder.resolve(relative));
    } else {
      int nodes = fleet.nodes().size();
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        for (int part = 0; part < filesPerDay; part++) {
          String name =
              filesPerDay == 1
                  ? "dcgm-" + fleet.cluster() + "-" + day + ".json"
                  : "dcgm-"
                      + fleet.cluster()
                      + "-"
                      + day
                      + "-"
                      + (part + 1)
                      + "-of-"
                      + filesPerDay
                      + ".json";
          Path relative = Path.of(fleet.cluster(), name);
          int firstNode = (int) ((long) part * nodes / filesPerDay);
          int endNode = (int) ((long) (part + 1) * nodes / filesPerDay);
          values +=
              writeFile(
                  fleet,
                  folder.resolve(relative),
                  stepOf(fleet, day),
                  stepOf(fleet, day.plusDays(1)),
                  firstNode,
                  endNode);
          series += METRICS.size() * (long) (endNode - firstNode) * SyntheticFleet.GPUS_PER_NODE;
          files.add(relative);
          bytes += size(folder.resolve(relative));
        }
      }
    }
    return new Result(files, series, values, bytes);
  }

  private static int stepOf(SyntheticFleet fleet, LocalDate day) {
    long seconds =
        day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() - fleet.start().getEpochSecond();
    return (int) (seconds / fleet.step().getSeconds());
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw TextOutput.cannotWrite(file, e);
    }
  }

  /**
   * One query answer: every metric of the nodes {@code [firstNode, endNode)} over {@code
   * [firstStep, endStep)}.
   */
  private long writeFile(
      SyntheticFleet fleet, Path file, int firstStep, int endStep, int firstNode, int endNode) {
    long values = 0;
    try (BufferedWriter out = TextOutput.create(file);
        JsonGenerator generator = json.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeStringField("status", "success");
      generator.writeObjectFieldStart("data");
      generator.writeStringField("resultType", "matrix");
      generator.writeArrayFieldStart("result");
      for (String metric : METRICS) {
        for (int n = firstNode; n < endNode; n++) {
          FleetInstance node = fleet.nodes().get(n);
          for (GpuSeries gpu : node.gpus()) {
            int ordinal = n * SyntheticFleet.GPUS_PER_NODE + gpu.index();
            writeSeries(generator, fleet, firstStep, endStep, metric, node, gpu, ordinal);
            values += endStep - firstStep;
          }
        }
      }
      generator.writeEndArray();
      generator.writeEndObject();
      generator.writeEndObject();
    } catch (IOException e) {
      throw TextOutput.cannotWrite(file, e);
    }
    return values;
  }

  private static void writeSeries(
      JsonGenerator generator,
      SyntheticFleet fleet,
      int firstStep,
      int endStep,
      String metric,
      FleetInstance node,
      GpuSeries gpu,
      int ordinal)
      throws IOException {
    generator.writeStartObject();
    generator.writeObjectFieldStart("metric");
    for (Map.Entry<String, String> label : labels(metric, node, gpu).entrySet()) {
      generator.writeStringField(label.getKey(), label.getValue());
    }
    generator.writeEndObject();
    generator.writeArrayFieldStart("values");
    for (int step = firstStep; step < endStep; step++) {
      generator.writeStartArray();
      generator.writeNumber(fleet.sampleTime(step).getEpochSecond());
      generator.writeString(value(metric, fleet, ordinal, step));
      generator.writeEndArray();
    }
    generator.writeEndArray();
    generator.writeEndObject();
  }

  /** {@link DcgmJsonWriter}'s labels, in Prometheus's order (sorted by name, byte-wise). */
  private static Map<String, String> labels(String metric, FleetInstance node, GpuSeries gpu) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("__name__", metric);
    labels.put("gpu", Integer.toString(gpu.index()));
    labels.put("UUID", gpu.uuid());
    labels.put("device", "nvidia" + gpu.index());
    labels.put("pci_bus_id", GpuSpecs.pciBusId(gpu.index()));
    labels.put("modelName", gpu.modelName());
    labels.put(EXPORTER.lowerCaseHostname() ? "hostname" : "Hostname", node.node());
    labels.put("DCGM_FI_DRIVER_VERSION", EXPORTER.driverVersion());
    if (gpu.pod() != null) {
      labels.put("namespace", gpu.namespace());
      labels.put("pod", gpu.pod());
      if (gpu.container() != null) {
        labels.put("container", gpu.container());
      }
    }
    labels.put("instance", NodeAddresses.internalIp(node) + ":9400");
    labels.put("job", "nvidia-dcgm-exporter");
    return labels;
  }

  /** The value as {@link DcgmJsonWriter} spells it. */
  public static String value(String metric, SyntheticFleet fleet, int ordinal, int step) {
    double util = fleet.utilAt(ordinal, step);
    long usedMib = Math.round(fleet.memoryUsedAt(ordinal, step));
    return switch (metric) {
      case DcgmJsonWriter.GPU_UTIL -> Long.toString(Math.round(util));
      case DcgmJsonWriter.FB_USED -> Long.toString(usedMib);
      case DcgmJsonWriter.FB_FREE -> Long.toString(fleet.memoryTotalMib(ordinal) - usedMib);
      case DcgmJsonWriter.GR_ENGINE_ACTIVE ->
          Decimals.plain(BigDecimal.valueOf(util).movePointLeft(2));
      default -> throw new IllegalArgumentException("not a metric this writer writes: " + metric);
    };
  }
}
