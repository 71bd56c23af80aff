package io.fleetcost.pipeline;

import io.fleetcost.savings.GpuUsage;
import io.fleetcost.savings.ProfiledGpu;
import io.fleetcost.telemetry.GpuProfiles;
import io.fleetcost.telemetry.GpuSampleColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** The rows of {@code gpu_profiles} ({@link GpuProfiles}) as the savings engine's GPUs. */
final class ProfiledGpuRows {
  private ProfiledGpuRows() {}

  /** The profiles, in the order of {@code rows}. */
  static List<ProfiledGpu> profiledGpus(List<Row> rows) {
    List<ProfiledGpu> gpus = new ArrayList<>();
    for (Row row : rows) {
      List<String> workloads = row.getList(row.fieldIndex("workloads"));
      GpuUsage usage =
          new GpuUsage(
              row.getAs("gpu_key"),
              row.getAs(GpuSampleColumns.NODE),
              row.getAs(GpuSampleColumns.GPU_MODEL),
              number(row, "hours"),
              number(row, "coverage"),
              number(row, "mean"),
              number(row, "p50"),
              number(row, "p95"),
              number(row, "p99"),
              number(row, "max"),
              number(row, "idle_hours"),
              memory(row, "memory_p50_mib"),
              memory(row, "memory_p99_mib"),
              memory(row, "memory_max_mib"),
              memory(row, "memory_total_mib"),
              workloads == null ? List.of() : workloads);
      gpus.add(
          new ProfiledGpu(
              row.getAs(GpuProfiles.RESOURCE_KEY),
              row.getAs(GpuProfiles.JOINED_BY),
              row.getAs(GpuSampleColumns.CLUSTER),
              usage));
    }
    return gpus;
  }

  /**
   * Memory not reported is unknown, not zero: NaN fits no MIG profile or smaller GPU and makes no
   * zombie.
   */
  private static double memory(Row row, String field) {
    Object value = row.get(row.fieldIndex(field));
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  private static double number(Row row, String field) {
    Object value = row.get(row.fieldIndex(field));
    return value == null ? 0 : ((Number) value).doubleValue();
  }
}
