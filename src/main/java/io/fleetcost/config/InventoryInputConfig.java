package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One inventory source in a job file: what maps a GPU's node to the billed resource when its
 * samples carry no instance id. Either {@code kubectl get nodes -o json} output (node name → {@code
 * spec.providerID}) or an inventory CSV with the columns {@code node} and {@code resource_id}
 * (optionally {@code cluster}).
 *
 * @param cluster the cluster the nodes belong to (nodes files carry no cluster name); empty: any
 *     cluster
 */
public record InventoryInputConfig(
    @JsonProperty("name") String name,
    @JsonProperty("path") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> path,
    @JsonProperty("cluster") String cluster) {

  public InventoryInputConfig {
    path = path == null ? List.of() : List.copyOf(path);
  }

  public InventoryInputConfig withPaths(List<String> resolved) {
    return new InventoryInputConfig(name, resolved, cluster);
  }

  public InventoryInputConfig withName(String newName) {
    return new InventoryInputConfig(newName, path, cluster);
  }
}
