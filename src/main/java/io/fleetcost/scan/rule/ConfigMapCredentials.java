package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A ConfigMap is readable by everyone who can read the namespace's configuration: credentials
 * belong in Secrets. Not Kubescape's C-0012 (substring matching of key names, see secret-in-env).
 */
final class ConfigMapCredentials implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "configmap-credentials",
          "Credential in a ConfigMap",
          "workload",
          7,
          List.of("ConfigMap"),
          List.of("sensitiveConfigmapContent"),
          List.of(),
          "Move the value into a Secret (or an external secret store) and rotate it.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest configMap : cluster.ofKind("ConfigMap")) {
      out.evaluated(configMap);
      Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> data =
          configMap.body().path("data").fields();
      while (data.hasNext()) {
        var entry = data.next();
        if (SensitiveValues.credential(entry.getKey(), entry.getValue().asText(""))) {
          out.fail(
              configMap,
              configMap.pathPrefix() + "data." + entry.getKey(),
              "key '" + entry.getKey() + "' looks like a credential");
        }
      }
    }
  }
}
