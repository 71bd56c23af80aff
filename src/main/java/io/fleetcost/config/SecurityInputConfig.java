package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Kubernetes manifests for the security scan: files or folders of YAML or JSON (the platform's
 * deploy folder, a {@code kubectl get -o yaml} dump, Helm output). All inputs of a job form one
 * cluster.
 */
public record SecurityInputConfig(
    @JsonProperty("name") String name,
    @JsonProperty("path") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> path) {
  public SecurityInputConfig {
    path = path == null ? List.of() : List.copyOf(path);
  }

  public SecurityInputConfig withPaths(List<String> resolved) {
    return new SecurityInputConfig(name, resolved);
  }

  public SecurityInputConfig withName(String newName) {
    return new SecurityInputConfig(newName, path);
  }
}
