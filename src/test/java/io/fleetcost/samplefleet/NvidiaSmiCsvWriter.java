package io.fleetcost.samplefleet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes, for each plain VM of a fleet (an instance that is not a Kubernetes node), the log of
 * {@code nvidia-smi
 * --query-gpu=timestamp,index,uuid,name,pci.bus_id,utilization.gpu,utilization.memory,memory.used,memory.total,
 * power.draw,power.limit,temperature.gpu,clocks.current.sm,mig.mode.current --format=csv -l
 * <step>}, one row per GPU per step, as {@code <provider lower-case>/<resourceId>.csv}. Header and
 * value formats are those of a real H200 log: {@code ", "} between fields, units inside the values
 * ({@code 45 %}, {@code 1234 MiB}, {@code 125.24 W}), timestamps {@code 2026/11/01 00:00:00.000} in
 * the VM's local time zone. A few power readings are {@code [N/A]}, as drivers report now and then.
 */
public final class NvidiaSmiCsvWriter {
  static final String HEADER =
      "timestamp, index, uuid, name, pci.bus_id, utilization.gpu [%], utilization.memory [%], memory.used [MiB], "
          + "memory.total [MiB], power.draw [W], power.limit [W], temperature.gpu, clocks.current.sm [MHz], "
          + "mig.mode.current";

  private static final DateTimeFormatter SMI_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS", Locale.ROOT);

  /**
   * What was written.
   *
   * @param values the metric values FleetCost reads from the rows: utilization.gpu, memory.used,
   *     memory.total and power.draw when it is not {@code [N/A]}
   */
  public record Result(List<Path> files, long rows, long values) {
    public Result {
      files = List.copyOf(files);
    }
  }

  private final ZoneId zone;

  /**
   * @param zone the VMs' local time zone, in which nvidia-smi prints its timestamps
   */
  public NvidiaSmiCsvWriter(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone is null");
  }

  public Result write(Fleet fleet, Path folder) {
    List<Path> files = new ArrayList<>();
    long rows = 0;
    long values = 0;
    for (FleetInstance vm : fleet.instances()) {
      if (vm.isKubernetesNode() || vm.gpus().isEmpty() || !runsWhileSampled(fleet, vm)) {
        continue;
      }
      Path relative = Path.of(vm.provider().toLowerCase(Locale.ROOT), vm.resourceId() + ".csv");
      Path file = folder.resolve(relative);
      files.add(relative);
      try (BufferedWriter out = TextOutput.create(file)) {
        out.write(HEADER);
        out.write('\n');
        for (int step = 0; step < fleet.steps(); step++) {
          if (fleet.billedAs(vm, fleet.sampleTime(step)) == null) {
            continue;
          }
          String time = SMI_TIME.format(fleet.sampleTime(step).atZone(zone));
          for (GpuSeries gpu : vm.gpus()) {
            boolean powerMissing = powerMissing(step, gpu.index());
            out.write(row(time, gpu, step, powerMissing));
            out.write('\n');
            rows++;
            values += powerMissing ? 3 : 4;
          }
        }
      } catch (IOException e) {
        throw TextOutput.cannotWrite(file, e);
      }
    }
    return new Result(files, rows, values);
  }

  /** A VM retired before the samples start has no log at all. */
  private static boolean runsWhileSampled(Fleet fleet, FleetInstance vm) {
    for (int step = 0; step < fleet.steps(); step++) {
      if (fleet.billedAs(vm, fleet.sampleTime(step)) != null) {
        return true;
      }
    }
    return false;
  }

  /** About one power reading in a hundred is missing, at steps that differ from GPU to GPU. */
  static boolean powerMissing(int step, int gpuIndex) {
    return (step + 13 * gpuIndex) % 97 == 41;
  }

  private static String row(String time, GpuSeries gpu, int step, boolean powerMissing) {
    double util = gpu.utilAt(step);
    GpuSpecs specs = GpuSpecs.of(gpu.modelName());
    double wobble = ((step * 37 + gpu.index() * 11) % 100) / 100d;
    double power = Math.min(specs.powerLimitWatts(), specs.powerWatts(util) + wobble);
    List<String> fields =
        List.of(
            time,
            Integer.toString(gpu.index()),
            gpu.uuid(),
            gpu.modelName(),
            GpuSpecs.pciBusId(gpu.index()),
            Math.round(util) + " %",
            Math.round(util / 4) + " %",
            Math.round(gpu.memoryUsedAt(step)) + " MiB",
            gpu.memoryTotalMib() + " MiB",
            powerMissing ? "[N/A]" : String.format(Locale.ROOT, "%.2f W", power),
            String.format(Locale.ROOT, "%.2f W", (double) specs.powerLimitWatts()),
            Integer.toString(GpuSpecs.temperatureCelsius(util)),
            specs.smClockMhz(util) + " MHz",
            "Disabled");
    return String.join(", ", fields);
  }
}
