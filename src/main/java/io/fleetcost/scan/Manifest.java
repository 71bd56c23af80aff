package io.fleetcost.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One Kubernetes object as read from a file: a document of a multi-document YAML file, or an item
 * of a {@code List} document ({@code kubectl get -o yaml}).
 *
 * @param file the file as the user named it
 * @param docIndex the document within the file, from 0
 * @param pathPrefix where the object sits in its document: empty, or {@code items[3].} for a List's
 *     item
 */
public record Manifest(
    String file,
    int docIndex,
    String pathPrefix,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    JsonNode body) {
  public Manifest {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(body, "body is null");
    pathPrefix = pathPrefix == null ? "" : pathPrefix;
    name = name == null ? "" : name;
  }

  /**
   * The namespace the object lives in: its own, or {@code default} for a namespaced object that
   * names none.
   */
  public String namespaceOrDefault() {
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }

  public JsonNode metadata() {
    return body.path("metadata");
  }

  public String annotation(String key) {
    JsonNode value = metadata().path("annotations").path(key);
    return value.isTextual() ? value.asText() : null;
  }

  /** {@code Kind namespace/name} for messages. */
  public String label() {
    return kind + " " + (namespace == null || namespace.isBlank() ? "" : namespace + "/") + name;
  }
}
