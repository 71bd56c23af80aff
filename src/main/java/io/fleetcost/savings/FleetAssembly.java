package io.fleetcost.savings;

import io.fleetcost.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Joins profiled GPUs to the billed resources they run on, by resource key, and says what could not
 * be joined: GPU hours with no billed resource (no key, or a key the bill of the window does not
 * have), and GPU resources billed without telemetry. Nothing is dropped silently. Pure: no Spark.
 */
public final class FleetAssembly {
  private static final Set<String> SYSTEM_NAMESPACES =
      Set.of("kube-system", "gpu-operator", "nvidia-gpu-operator", "monitoring", "dcgm-exporter");

  private FleetAssembly() {}

  /** A GPU that no billed resource could be found for. */
  public record UnjoinedGpu(
      String cluster, String node, String gpu, String resourceKey, double hours, String reason) {}

  /** A resource billed with GPUs whose GPUs sent no telemetry in the window. */
  public record UnprofiledResource(
      String provider,
      String resourceId,
      String instanceType,
      int gpuCount,
      String currency,
      BigDecimal monthlyCost) {}

  /**
   * @param gpuHoursUnjoinedShare unjoined ÷ total GPU hours (0 when there are none)
   */
  public record Coverage(
      int gpusProfiled,
      int gpusJoined,
      double gpuHoursTotal,
      double gpuHoursJoined,
      double gpuHoursUnjoined,
      double gpuHoursUnjoinedShare,
      Map<String, Long> gpusJoinedBy,
      List<UnjoinedGpu> unjoinedGpus,
      List<UnprofiledResource> gpuResourcesWithoutTelemetry) {
    public Coverage {
      gpusJoinedBy = Map.copyOf(gpusJoinedBy);
      unjoinedGpus = List.copyOf(unjoinedGpus);
      gpuResourcesWithoutTelemetry = List.copyOf(gpuResourcesWithoutTelemetry);
    }
  }

  public record Assembly(List<BilledResource> resources, Coverage coverage) {
    public Assembly {
      resources = List.copyOf(resources);
    }
  }

  public static Assembly assemble(
      List<ResourceBill> bills, List<ProfiledGpu> gpus, List<String> ownerTags) {
    Map<String, ResourceBill> billByKey = new HashMap<>();
    for (ResourceBill bill : bills) {
      billByKey.merge(bill.resourceKey(), bill, FleetAssembly::preferred);
    }
    GpuJoin join = GpuJoin.of(gpus, billByKey);
    List<BilledResource> resources = new ArrayList<>();
    List<UnprofiledResource> withoutTelemetry = new ArrayList<>();
    List<ResourceBill> chosen = new ArrayList<>(billByKey.values());
    chosen.sort(
        Comparator.comparing(ResourceBill::provider).thenComparing(ResourceBill::resourceKey));
    for (ResourceBill bill : chosen) {
      List<ProfiledGpu> onIt = join.gpusByKey().get(bill.resourceKey());
      if (onIt != null) {
        resources.add(billedResource(bill, onIt, ownerTags));
      } else if (bill.gpuCount() > 0) {
        withoutTelemetry.add(
            new UnprofiledResource(
                bill.provider(),
                bill.displayId(),
                bill.instanceType(),
                bill.gpuCount(),
                bill.currency(),
                Money.cents(bill.monthlyCost())));
      }
    }
    return new Assembly(resources, coverage(gpus, join, withoutTelemetry));
  }

  /**
   * The GPUs joined to a bill, by resource key, and those that could not be, with the GPU hours of
   * each side.
   */
  private record GpuJoin(
      Map<String, List<ProfiledGpu>> gpusByKey,
      List<UnjoinedGpu> unjoined,
      Map<String, Long> joinedBy,
      double total,
      double joinedHours) {
    static GpuJoin of(List<ProfiledGpu> gpus, Map<String, ResourceBill> billByKey) {
      Map<String, List<ProfiledGpu>> gpusByKey = new TreeMap<>();
      List<UnjoinedGpu> unjoined = new ArrayList<>();
      Map<String, Long> joinedBy = new TreeMap<>();
      double total = 0;
      double joinedHours = 0;
      for (ProfiledGpu gpu : gpus) {
        double hours = gpu.usage().hours();
        total += hours;
        if (gpu.resourceKey() == null) {
          unjoined.add(
              unjoinedOf(gpu, "no instance id, providerID or inventory entry names its resource"));
        } else if (!billByKey.containsKey(gpu.resourceKey())) {
          unjoined.add(
              unjoinedOf(
                  gpu, "resource " + gpu.resourceKey() + " has no billing rows in the window"));
        } else {
          gpusByKey.computeIfAbsent(gpu.resourceKey(), k -> new ArrayList<>()).add(gpu);
          joinedBy.merge(gpu.joinedBy() == null ? "unknown" : gpu.joinedBy(), 1L, Long::sum);
          joinedHours += hours;
        }
      }
      return new GpuJoin(gpusByKey, unjoined, joinedBy, total, joinedHours);
    }
  }

  /** A bill with the GPUs that ran on it (sorted here by GPU key), its owner and cluster. */
  private static BilledResource billedResource(
      ResourceBill bill, List<ProfiledGpu> onIt, List<String> ownerTags) {
    onIt.sort(Comparator.comparing(g -> g.usage().gpuKey()));
    List<GpuUsage> usages = onIt.stream().map(ProfiledGpu::usage).toList();
    return new BilledResource(
        bill.provider(),
        bill.accountId(),
        bill.displayId(),
        bill.instanceType(),
        bill.region(),
        bill.currency(),
        bill.monthlyCost(),
        bill.pricingCategory(),
        bill.tags(),
        owner(bill, usages, ownerTags),
        mostCommon(onIt.stream().map(ProfiledGpu::cluster).filter(Objects::nonNull).toList()),
        usages,
        bill.basis());
  }

  /** Sorts the unjoined GPUs (most hours first) and the resources without telemetry (costliest). */
  private static Coverage coverage(
      List<ProfiledGpu> gpus, GpuJoin join, List<UnprofiledResource> withoutTelemetry) {
    List<UnjoinedGpu> unjoined = join.unjoined();
    unjoined.sort(
        Comparator.comparingDouble(UnjoinedGpu::hours).reversed().thenComparing(UnjoinedGpu::gpu));
    withoutTelemetry.sort(
        Comparator.comparing(UnprofiledResource::monthlyCost)
            .reversed()
            .thenComparing(UnprofiledResource::resourceId));
    double total = join.total();
    double joinedHours = join.joinedHours();
    return new Coverage(
        gpus.size(),
        gpus.size() - unjoined.size(),
        total,
        joinedHours,
        total - joinedHours,
        total > 0 ? (total - joinedHours) / total : 0,
        join.joinedBy(),
        unjoined,
        withoutTelemetry);
  }

  /**
   * Two bills with one key (an id reused across accounts or currencies): the GPU one, else the
   * larger.
   */
  private static ResourceBill preferred(ResourceBill a, ResourceBill b) {
    if ((a.gpuCount() > 0) != (b.gpuCount() > 0)) {
      return a.gpuCount() > 0 ? a : b;
    }
    int byCost = a.effectiveCost().compareTo(b.effectiveCost());
    if (byCost != 0) {
      return byCost > 0 ? a : b;
    }
    return a.provider().compareTo(b.provider()) <= 0 ? a : b;
  }

  private static UnjoinedGpu unjoinedOf(ProfiledGpu gpu, String reason) {
    return new UnjoinedGpu(
        gpu.cluster(),
        gpu.usage().node(),
        gpu.usage().gpuKey(),
        gpu.resourceKey(),
        gpu.usage().hours(),
        reason);
  }

  /**
   * The first owner tag present; else the namespace with the most GPU hours (system namespaces
   * aside).
   */
  static String owner(ResourceBill bill, List<GpuUsage> gpus, List<String> ownerTags) {
    for (String tag : ownerTags) {
      String wanted = BilledResource.tagKey(tag);
      java.util.Optional<String> owner =
          bill.tags().entrySet().stream()
              .filter(e -> BilledResource.tagKey(e.getKey()).equals(wanted))
              .sorted(Map.Entry.comparingByKey())
              .map(Map.Entry::getValue)
              .filter(v -> v != null && !v.isBlank())
              .findFirst();
      if (owner.isPresent()) {
        return owner.get();
      }
    }
    Map<String, Double> hoursByNamespace = new LinkedHashMap<>();
    for (GpuUsage gpu : gpus) {
      for (String workload : gpu.workloads()) {
        int slash = workload.indexOf('/');
        String namespace = slash > 0 ? workload.substring(0, slash) : "";
        if (!namespace.isEmpty()
            && !SYSTEM_NAMESPACES.contains(namespace.toLowerCase(Locale.ROOT))) {
          hoursByNamespace.merge(namespace, gpu.hours() / gpu.workloads().size(), Double::sum);
        }
      }
    }
    return hoursByNamespace.entrySet().stream()
        .max(
            Map.Entry.<String, Double>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse("unassigned");
  }

  private static String mostCommon(List<String> values) {
    Map<String, Integer> counts = new TreeMap<>();
    values.forEach(v -> counts.merge(v, 1, Integer::sum));
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
