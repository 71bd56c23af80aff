package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-made fleets for the savings tests. */
final class Fleets {
  private Fleets() {}

  static final double WINDOW_HOURS = 14 * 24;

  /** A GPU observed for the whole 14-day window. */
  static GpuUsage gpu(
      String key,
      double mean,
      double p95,
      double p99,
      double memoryMaxGib,
      double memoryP50Gib,
      double totalGib) {
    return gpu(key, mean, p95, p99, memoryMaxGib, memoryP50Gib, totalGib, WINDOW_HOURS);
  }

  static GpuUsage gpu(
      String key,
      double mean,
      double p95,
      double p99,
      double memoryMaxGib,
      double memoryP50Gib,
      double totalGib,
      double hours) {
    return new GpuUsage(
        key,
        "node-" + key,
        null,
        hours,
        hours / WINDOW_HOURS,
        mean,
        mean,
        p95,
        p99,
        Math.max(p99, mean),
        mean < 1 ? hours : 0,
        memoryP50Gib * 1024,
        memoryMaxGib * 1024,
        memoryMaxGib * 1024,
        totalGib * 1024,
        List.of("ns/" + key));
  }

  static List<GpuUsage> gpus(
      int count,
      String prefix,
      double mean,
      double p95,
      double p99,
      double memoryMaxGib,
      double totalGib) {
    List<GpuUsage> gpus = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      gpus.add(gpu(prefix + "-" + i, mean, p95, p99, memoryMaxGib, memoryMaxGib / 2, totalGib));
    }
    return gpus;
  }

  /** A resource billed at its on-demand list price for a 730-hour month. */
  static BilledResource resource(
      String provider,
      String id,
      String type,
      String region,
      String hourly,
      String cluster,
      Map<String, String> tags,
      List<GpuUsage> gpus) {
    return resource(
        provider,
        id,
        type,
        region,
        new BigDecimal(hourly).multiply(new BigDecimal(730)),
        "Standard",
        cluster,
        tags,
        gpus);
  }

  static BilledResource resource(
      String provider,
      String id,
      String type,
      String region,
      BigDecimal monthly,
      String pricing,
      String cluster,
      Map<String, String> tags,
      List<GpuUsage> gpus) {
    return new BilledResource(
        provider,
        "acct-1",
        id,
        type,
        region,
        "USD",
        monthly,
        pricing,
        tags,
        tags.getOrDefault("team", "unassigned"),
        cluster,
        gpus);
  }
}
