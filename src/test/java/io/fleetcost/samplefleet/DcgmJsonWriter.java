package io.fleetcost.samplefleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes the GPUs of a fleet's Kubernetes nodes as the answer of a Prometheus range query over
 * dcgm-exporter's metrics ({@code /api/v1/query_range}, {@code resultType} matrix), one file per
 * cluster and UTC day: {@code <cluster>/dcgm-<cluster>-<YYYY-MM-DD>.json}. Metrics: {@code
 * DCGM_FI_DEV_GPU_UTIL} (whole percent, as DCGM reports it), {@code DCGM_FI_DEV_FB_USED} and {@code
 * DCGM_FI_DEV_FB_FREE} (MiB), and, where the exporter has profiling metrics on, {@code
 * DCGM_FI_PROF_GR_ENGINE_ACTIVE} (the fleet's utilization ÷ 100, a 0–1 ratio). Labels are the
 * exporter's ({@code gpu}, {@code UUID}, {@code device}, {@code pci_bus_id}, {@code modelName},
 * {@code Hostname} or, since 2026, {@code hostname}, {@code DCGM_FI_DRIVER_VERSION}, and {@code
 * namespace}/{@code pod}/{@code container} for a GPU a pod holds) plus Prometheus's {@code
 * instance} and {@code job}.
 */
public final class DcgmJsonWriter {
  static final String GPU_UTIL = "DCGM_FI_DEV_GPU_UTIL";
  static final String FB_USED = "DCGM_FI_DEV_FB_USED";
  static final String FB_FREE = "DCGM_FI_DEV_FB_FREE";
  static final String GR_ENGINE_ACTIVE = "DCGM_FI_PROF_GR_ENGINE_ACTIVE";

  /**
   * How one cluster's dcgm-exporter runs.
   *
   * @param lowerCaseHostname the exporter names the node label {@code hostname} (releases after May
   *     2026), not {@code Hostname}
   * @param profilingMetrics the exporter also collects {@code DCGM_FI_PROF_GR_ENGINE_ACTIVE} (needs
   *     DCP support)
   */
  public record ExporterSetup(
      String driverVersion, boolean lowerCaseHostname, boolean profilingMetrics) {
    public ExporterSetup {
      Objects.requireNonNull(driverVersion, "driverVersion is null");
    }
  }

  /** What was written: files relative to the folder, series and [time, value] pairs. */
  public record Result(List<Path> files, long series, long values) {
    public Result {
      files = List.copyOf(files);
    }
  }

  private final Map<String, ExporterSetup> setups;
  private final JsonFactory json = new JsonFactory();

  /**
   * @param setups per cluster name; every cluster of the fleets written must have one
   */
  public DcgmJsonWriter(Map<String, ExporterSetup> setups) {
    this.setups = Map.copyOf(setups);
  }

  /**
   * The set-ups {@link FleetFiles} uses: the first cluster's exporter collects the profiling
   * metric, the last cluster's (when there are two or more) is a 2026 release with the lower-case
   * {@code hostname} label.
   */
  public static Map<String, ExporterSetup> defaultSetups(List<String> clusters) {
    Map<String, ExporterSetup> setups = new TreeMap<>();
    for (int i = 0; i < clusters.size(); i++) {
      boolean newest = clusters.size() > 1 && i == clusters.size() - 1;
      setups.put(
          clusters.get(i), new ExporterSetup(newest ? "580.82.07" : "570.133.20", newest, i == 0));
    }
    return setups;
  }

  public Result write(Fleet fleet, Path folder) {
    List<Path> files = new ArrayList<>();
    long series = 0;
    long values = 0;
    for (String cluster : fleet.clusters()) {
      ExporterSetup setup = setups.get(cluster);
      if (setup == null) {
        throw new IllegalArgumentException("no dcgm-exporter set-up for cluster " + cluster);
      }
      List<FleetInstance> nodes =
          fleet.instances().stream().filter(i -> cluster.equals(i.cluster())).toList();
      Map<LocalDate, List<Integer>> stepsByDay = new TreeMap<>();
      for (int step = 0; step < fleet.steps(); step++) {
        LocalDate day = LocalDate.ofInstant(fleet.sampleTime(step), ZoneOffset.UTC);
        stepsByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(step);
      }
      for (Map.Entry<LocalDate, List<Integer>> day : stepsByDay.entrySet()) {
        Path relative = Path.of(cluster, "dcgm-" + cluster + "-" + day.getKey() + ".json");
        Path file = folder.resolve(relative);
        files.add(relative);
        try (BufferedWriter out = TextOutput.create(file);
            JsonGenerator generator = json.createGenerator(out)) {
          generator.writeStartObject();
          generator.writeStringField("status", "success");
          generator.writeObjectFieldStart("data");
          generator.writeStringField("resultType", "matrix");
          generator.writeArrayFieldStart("result");
          for (String metric : metrics(setup)) {
            for (FleetInstance node : nodes) {
              for (GpuSeries gpu : node.gpus()) {
                writeSeries(generator, fleet, day.getValue(), metric, node, gpu, setup);
                series++;
                values += day.getValue().size();
              }
            }
          }
          generator.writeEndArray();
          generator.writeEndObject();
          generator.writeEndObject();
        } catch (IOException e) {
          throw TextOutput.cannotWrite(file, e);
        }
      }
    }
    return new Result(files, series, values);
  }

  private static List<String> metrics(ExporterSetup setup) {
    return setup.profilingMetrics()
        ? List.of(FB_FREE, FB_USED, GPU_UTIL, GR_ENGINE_ACTIVE)
        : List.of(FB_FREE, FB_USED, GPU_UTIL);
  }

  private static void writeSeries(
      JsonGenerator generator,
      Fleet fleet,
      List<Integer> steps,
      String metric,
      FleetInstance node,
      GpuSeries gpu,
      ExporterSetup setup)
      throws IOException {
    generator.writeStartObject();
    generator.writeObjectFieldStart("metric");
    for (Map.Entry<String, String> label : labels(metric, node, gpu, setup).entrySet()) {
      generator.writeStringField(label.getKey(), label.getValue());
    }
    generator.writeEndObject();
    generator.writeArrayFieldStart("values");
    for (int step : steps) {
      generator.writeStartArray();
      generator.writeNumber(fleet.sampleTime(step).getEpochSecond());
      generator.writeString(value(metric, gpu, step));
      generator.writeEndArray();
    }
    generator.writeEndArray();
    generator.writeEndObject();
  }

  /** Labels in Prometheus's order (sorted by name, byte-wise). */
  private static Map<String, String> labels(
      String metric, FleetInstance node, GpuSeries gpu, ExporterSetup setup) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("__name__", metric);
    labels.put("gpu", Integer.toString(gpu.index()));
    labels.put("UUID", gpu.uuid());
    labels.put("device", "nvidia" + gpu.index());
    labels.put("pci_bus_id", GpuSpecs.pciBusId(gpu.index()));
    labels.put("modelName", gpu.modelName());
    labels.put(setup.lowerCaseHostname() ? "hostname" : "Hostname", node.node());
    labels.put("DCGM_FI_DRIVER_VERSION", setup.driverVersion());
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

  private static String value(String metric, GpuSeries gpu, int step) {
    long usedMib = Math.round(gpu.memoryUsedAt(step));
    return switch (metric) {
      case GPU_UTIL -> Long.toString(Math.round(gpu.utilAt(step)));
      case FB_USED -> Long.toString(usedMib);
      case FB_FREE -> Long.toString(gpu.memoryTotalMib() - usedMib);
      case GR_ENGINE_ACTIVE ->
          Decimals.plain(BigDecimal.valueOf(gpu.utilAt(step)).movePointLeft(2));
      default -> throw new IllegalArgumentException("not a metric this writer writes: " + metric);
    };
  }
}
