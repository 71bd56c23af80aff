package io.fleetcost.samplefleet;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes, per Kubernetes cluster of a fleet, what {@code kubectl get nodes -o json} prints: a
 * {@code v1 List} of the cluster's nodes with the well-known labels (instance type, region, zone),
 * the GPU Feature Discovery labels ({@code nvidia.com/gpu.product} …), the capacity-type label of
 * the node's cloud, the GPU capacity, and the provider's {@code spec.providerID}. Like kubectl,
 * keys are sorted and the JSON is indented by four spaces.
 */
public final class KubeNodesWriter {
  /** What was written: files relative to the folder, and nodes. */
  public record Result(List<Path> files, int nodes) {
    public Result {
      files = List.copyOf(files);
    }
  }

  private final ObjectWriter json =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("    ", "\n")));

  /** Writes {@code <cluster>-nodes.json} for each cluster into {@code folder}. */
  public Result write(Fleet fleet, Path folder) {
    List<Path> files = new ArrayList<>();
    int nodes = 0;
    for (String cluster : fleet.clusters()) {
      List<Object> items = new ArrayList<>();
      for (FleetInstance instance : fleet.instances()) {
        if (cluster.equals(instance.cluster())) {
          items.add(node(fleet, instance));
          nodes++;
        }
      }
      Map<String, Object> list = new TreeMap<>();
      list.put("apiVersion", "v1");
      list.put("items", items);
      list.put("kind", "List");
      list.put("metadata", Map.of("resourceVersion", ""));
      Path relative = Path.of(cluster + "-nodes.json");
      Path file = folder.resolve(relative);
      files.add(relative);
      try (BufferedWriter out = TextOutput.create(file)) {
        out.write(json.writeValueAsString(list));
        out.write('\n');
      } catch (IOException e) {
        throw TextOutput.cannotWrite(file, e);
      }
    }
    return new Result(files, nodes);
  }

  /**
   * The node's {@code spec.providerID} as each cloud's controller sets it: {@code
   * aws:///<zone>/<instance id>}, {@code gce://<project>/<zone>/<instance name>}, {@code
   * azure:///subscriptions/<subscription>/resourceGroups/<group, lower-cased as AKS
   * does>/providers/Microsoft.Compute/virtualMachines/<name>}.
   */
  public static String providerId(FleetInstance instance) {
    return switch (instance.provider()) {
      case FleetInstance.AWS -> "aws:///" + instance.zone() + "/" + instance.resourceId();
      case FleetInstance.GCP ->
          "gce://" + instance.accountId() + "/" + instance.zone() + "/" + instance.resourceId();
      case FleetInstance.AZURE ->
          "azure:///subscriptions/"
              + instance.accountId()
              + "/resourceGroups/"
              + instance.resourceGroup().toLowerCase(Locale.ROOT)
              + "/providers/Microsoft.Compute/virtualMachines/"
              + instance.resourceId();
      default -> throw new IllegalArgumentException("unknown provider " + instance.provider());
    };
  }

  private static Map<String, Object> node(Fleet fleet, FleetInstance instance) {
    InstanceSizes.Size size = InstanceSizes.of(instance);
    String gpus = Integer.toString(instance.gpus().size());
    Map<String, Object> metadata = new TreeMap<>();
    metadata.put("creationTimestamp", fleet.start().minus(Duration.ofDays(3)).toString());
    metadata.put("labels", labels(instance));
    metadata.put("name", instance.node());
    metadata.put("resourceVersion", StableIds.digits("resource-version/" + instance.node(), 8));
    metadata.put(
        "uid", StableIds.uuid("node/" + instance.provider() + "/" + instance.node()).toString());

    Map<String, Object> capacity = new TreeMap<>();
    capacity.put("cpu", Integer.toString(size.vcpus()));
    capacity.put("memory", size.memoryGib() * 1024L * 1024L + "Ki");
    capacity.put("nvidia.com/gpu", gpus);
    capacity.put("pods", "110");
    Map<String, Object> allocatable = new TreeMap<>(capacity);
    allocatable.put("cpu", (size.vcpus() * 1000 - 180) + "m");
    allocatable.put("memory", (size.memoryGib() - 2) * 1024L * 1024L + "Ki");

    Map<String, Object> nodeInfo = new TreeMap<>();
    nodeInfo.put("architecture", "amd64");
    nodeInfo.put("containerRuntimeVersion", "containerd://1.7.27");
    nodeInfo.put("kubeletVersion", "v1.33.2");
    nodeInfo.put("operatingSystem", "linux");
    nodeInfo.put("osImage", osImage(instance.provider()));

    Map<String, Object> status = new TreeMap<>();
    status.put(
        "addresses",
        List.of(
            Map.of("address", NodeAddresses.internalIp(instance), "type", "InternalIP"),
            Map.of("address", instance.node(), "type", "Hostname")));
    status.put("allocatable", allocatable);
    status.put("capacity", capacity);
    status.put("nodeInfo", nodeInfo);

    Map<String, Object> node = new TreeMap<>();
    node.put("apiVersion", "v1");
    node.put("kind", "Node");
    node.put("metadata", metadata);
    node.put("spec", Map.of("providerID", providerId(instance)));
    node.put("status", status);
    return sortedDeep(node);
  }

  private static Map<String, String> labels(FleetInstance instance) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/instance-type", instance.instanceType());
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", instance.node());
    labels.put("kubernetes.io/os", "linux");
    labels.put("node.kubernetes.io/instance-type", instance.instanceType());
    labels.put("topology.kubernetes.io/region", instance.region());
    labels.put("topology.kubernetes.io/zone", zoneLabel(instance));
    if (!instance.gpus().isEmpty()) {
      GpuSeries first = instance.gpus().get(0);
      labels.put("nvidia.com/gpu.count", Integer.toString(instance.gpus().size()));
      labels.put("nvidia.com/gpu.memory", Integer.toString(first.memoryTotalMib()));
      labels.put("nvidia.com/gpu.present", "true");
      // GPU Feature Discovery puts the product name into a label value, where spaces are not
      // allowed.
      labels.put("nvidia.com/gpu.product", first.modelName().trim().replace(' ', '-'));
    }
    boolean spot = instance.pricing() == PricingModel.SPOT;
    switch (instance.provider()) {
      case FleetInstance.AWS ->
          labels.put("eks.amazonaws.com/capacityType", spot ? "SPOT" : "ON_DEMAND");
      case FleetInstance.GCP -> {
        if (spot) {
          labels.put("cloud.google.com/gke-spot", "true");
        }
      }
      case FleetInstance.AZURE -> {
        if (spot) {
          labels.put("kubernetes.azure.com/scalesetpriority", "spot");
        }
      }
      default -> throw new IllegalArgumentException("unknown provider " + instance.provider());
    }
    return labels;
  }

  /** AKS writes {@code <region>-<zone>}, or {@code 0} for a node outside availability zones. */
  private static String zoneLabel(FleetInstance instance) {
    if (!instance.provider().equals(FleetInstance.AZURE)) {
      return instance.zone();
    }
    return instance.zone() == null ? "0" : instance.region() + "-" + instance.zone();
  }

  private static String osImage(String provider) {
    return switch (provider) {
      case FleetInstance.AWS -> "Amazon Linux 2023.7.20250623";
      case FleetInstance.GCP -> "Container-Optimized OS from Google";
      default -> "Ubuntu 22.04.5 LTS";
    };
  }

  /** Map.of has no order; kubectl's output is sorted at every level. */
  private static Map<String, Object> sortedDeep(Map<String, ?> map) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((key, value) -> sorted.put(key, sortedValue(value)));
    return sorted;
  }

  @SuppressWarnings("unchecked")
  private static Object sortedValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return sortedDeep((Map<String, ?>) map);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(KubeNodesWriter::sortedValue).toList();
    }
    return value;
  }
}
