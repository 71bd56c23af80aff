package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;

/** The containers of a pod spec, with their path in it. */
final class Containers {
  private Containers() {}

  /** A container and where it is: {@code containers[0]}, {@code initContainers[1]} … */
  record Entry(JsonNode container, String path, boolean app) {
    String name() {
      return container.path("name").asText("?");
    }

    JsonNode securityContext() {
      return container.path("securityContext");
    }
  }

  static List<Entry> of(PodTemplate pod, boolean appOnly) {
    List<Entry> entries = new ArrayList<>();
    add(pod.spec().path("containers"), "containers", true, entries);
    if (!appOnly) {
      add(pod.spec().path("initContainers"), "initContainers", false, entries);
      add(pod.spec().path("ephemeralContainers"), "ephemeralContainers", false, entries);
    }
    return entries;
  }

  private static void add(JsonNode list, String field, boolean app, List<Entry> out) {
    for (int i = 0; i < list.size(); i++) {
      out.add(new Entry(list.get(i), field + "[" + i + "]", app));
    }
  }

  /**
   * A container setting, else the pod's ({@code securityContext} of the pod spec), else missing.
   */
  static JsonNode setting(PodTemplate pod, Entry container, String field) {
    JsonNode own = container.securityContext().path(field);
    return own.isMissingNode() || own.isNull()
        ? pod.spec().path("securityContext").path(field)
        : own;
  }
}
