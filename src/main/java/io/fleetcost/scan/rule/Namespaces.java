package io.fleetcost.scan.rule;

import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.Optional;

/**
 * Findings on a namespace: on its Namespace object when the scan has one, else on the first object
 * that lives in it.
 */
final class Namespaces {
  private Namespaces() {}

  static void fail(ClusterView cluster, Evaluation out, String namespace, String message) {
    Optional<Manifest> object = cluster.find("Namespace", null, namespace);
    Manifest place =
        object.orElseGet(
            () ->
                cluster.manifests().stream()
                    .filter(
                        m -> ClusterView.namespaced(m) && m.namespaceOrDefault().equals(namespace))
                    .findFirst()
                    .orElseThrow());
    out.fail(
        place,
        "Namespace",
        null,
        namespace,
        place.pathPrefix() + (object.isPresent() ? "metadata.name" : "metadata.namespace"),
        message);
  }
}
