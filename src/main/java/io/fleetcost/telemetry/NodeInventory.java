package io.fleetcost.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.billing.aws.CurManifestSelection;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.InputDiscovery;
import io.fleetcost.files.InputFile;
import io.fleetcost.files.InputPaths;
import io.fleetcost.files.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;

/**
 * Node → billed resource, for GPUs whose samples carry neither a cloud instance id nor a providerID
 * (DCGM exporter labels name the node only). Read from the job's {@code inventory:} files, each of
 * one of two kinds, told apart by content:
 *
 * <ul>
 *   <li>{@code kubectl get nodes -o json} output: each item's {@code metadata.name} → the instance
 *       in {@code spec.providerID} ({@code aws:///zone/i-…}, {@code gce://project/zone/name},
 *       {@code azure:///…});
 *   <li>an inventory CSV with the columns {@code node} and {@code resource_id} (an instance id, a
 *       VM name or a full resource id), and optionally {@code cluster}.
 * </ul>
 *
 * Node names are matched case-insensitively, within the entry's cluster when it names one. A node
 * listed twice with different resources is an error that names both files.
 */
public final class NodeInventory {
  /** One node: its cluster (null: any), name (lower case) and the resource key its GPUs join on. */
  public record Entry(
      String input, String cluster, String node, String resourceKey, String source) {}

  /** An inventory input of a job. */
  public record Input(String name, List<String> paths, String cluster) implements InputPaths {
    public Input {
      paths = List.copyOf(paths);
    }

    @Override
    public String kind() {
      return "inventory";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Entry> entries;

  private NodeInventory(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static NodeInventory empty() {
    return new NodeInventory(List.of());
  }

  public List<Entry> entries() {
    return entries;
  }

  public static NodeInventory read(Configuration conf, List<Input> inputs) {
    if (inputs.isEmpty()) {
      return empty();
    }
    InputDiscovery.Result discovered =
        new InputDiscovery(conf, new CurManifestSelection()).discover(inputs);
    Map<String, Input> byName = new LinkedHashMap<>();
    inputs.forEach(input -> byName.put(input.name(), input));
    Map<String, Entry> byNode = new LinkedHashMap<>();
    for (InputFile file : discovered.files()) {
      Input input = byName.get(file.input());
      for (Entry entry : readFile(conf, input.name(), file.path(), input.cluster())) {
        String key = (entry.cluster() == null ? "" : entry.cluster()) + "|" + entry.node();
        Entry before = byNode.putIfAbsent(key, entry);
        if (before != null && !before.resourceKey().equals(entry.resourceKey())) {
          throw FleetCostException.userError(
              "Cannot use the inventory: node %s is %s in %s but %s in %s",
              entry.node(),
              before.resourceKey(),
              before.source(),
              entry.resourceKey(),
              entry.source());
        }
      }
    }
    return new NodeInventory(new ArrayList<>(byNode.values()));
  }

  static List<Entry> readFile(Configuration conf, String input, String path, String cluster) {
    try (BufferedReader reader = new BufferedReader(TextFiles.openReader(conf, path))) {
      reader.mark(1 << 16);
      int first;
      do {
        first = reader.read();
      } while (first != -1 && Character.isWhitespace(first));
      reader.reset();
      if (first == -1) {
        return List.of();
      }
      return first == '{' || first == '['
          ? nodesJson(reader, input, path, cluster)
          : inventoryCsv(reader, input, path, cluster);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read inventory file " + path + ": " + e.getMessage(), e);
    }
  }

  private static List<Entry> nodesJson(Reader reader, String input, String path, String cluster)
      throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(reader);
    } catch (IOException e) {
      throw FleetCostException.userError(
          "Cannot read inventory file %s: not valid JSON: %s", path, e.getMessage());
    }
    JsonNode items = root.isArray() ? root : root.path("items");
    if (!items.isArray()) {
      if (root.path("kind").asText().equals("Node")) {
        items = JSON.createArrayNode().add(root);
      } else {
        throw FleetCostException.userError(
            "Cannot read inventory file %s: expected 'kubectl get nodes -o json' output (a List with items)",
            path);
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String name = item.path("metadata").path("name").asText("");
      String providerId = item.path("spec").path("providerID").asText("");
      if (name.isBlank()) {
        throw FleetCostException.userError(
            "Cannot read inventory file %s: items[%d] has no metadata.name", path, i);
      }
      if (providerId.isBlank()) {
        continue; // a node outside any cloud (kind, bare metal): its GPUs stay unjoined and are
        // reported as such
      }
      entries.add(
          new Entry(
              input,
              cluster,
              name.toLowerCase(Locale.ROOT),
              ResourceKeys.ofProviderId(providerId),
              path));
    }
    return entries;
  }

  private static List<Entry> inventoryCsv(Reader reader, String input, String path, String cluster)
      throws IOException {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setTrim(true)
            .get();
    List<Entry> entries = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      for (String required : List.of("node", "resource_id")) {
        if (header.keySet().stream().noneMatch(h -> h.equalsIgnoreCase(required))) {
          throw FleetCostException.userError(
              "Cannot read inventory file %s: missing column '%s' (an inventory CSV has node,resource_id[,cluster])",
              path, required);
        }
      }
      boolean hasCluster = header.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("cluster"));
      for (CSVRecord record : parser) {
        long line = parser.getCurrentLineNumber();
        String node = record.get("node");
        String resource = record.get("resource_id");
        if (node.isBlank() || resource.isBlank()) {
          throw FleetCostException.userError(
              "Cannot read inventory file %s: line %d: node and resource_id must not be empty",
              path, line);
        }
        String rowCluster =
            hasCluster && !record.get("cluster").isBlank() ? record.get("cluster") : cluster;
        entries.add(
            new Entry(
                input,
                rowCluster,
                node.toLowerCase(Locale.ROOT),
                ResourceKeys.ofProviderId(resource),
                path));
      }
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw FleetCostException.userError("Cannot read inventory file %s: %s", path, e.getMessage());
    }
    return entries;
  }
}
