package io.fleetcost.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A pod spec inside a workload: a Pod's own, a controller's template, a CronJob's job template, or
 * a template found inside a custom resource (a Kubeflow {@code PyTorchJob}'s replica specs, a Ray
 * cluster's head and workers).
 *
 * @param specPath the path of the pod spec within the object, e.g. {@code spec.template.spec}
 * @param labels the pod's labels (the template's, or the Pod's)
 * @param replicas the controller's replicas (1 when it says none)
 */
public record PodTemplate(
    Manifest owner, String specPath, JsonNode spec, Map<String, String> labels, int replicas) {
  public PodTemplate {
    labels = Map.copyOf(labels);
  }

  /** A field path in the owner's file: the List prefix, the spec path and the rest. */
  public String path(String rest) {
    return owner.pathPrefix() + specPath + (rest.isEmpty() ? "" : "." + rest);
  }

  public String namespace() {
    return owner.namespaceOrDefault();
  }

  /** The service account the pods run as: {@code default} when the spec names none. */
  public String serviceAccount() {
    String name = spec.path("serviceAccountName").asText("");
    if (name.isBlank()) {
      name = spec.path("serviceAccount").asText("");
    }
    return name.isBlank() ? "default" : name;
  }
}
