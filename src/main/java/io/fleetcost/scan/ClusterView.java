package io.fleetcost.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objects of one scan, seen as one cluster: bindings, policies and budgets relate across files.
 * Built once; the checks read it.
 */
public final class ClusterView {
  /** Kinds whose pod template sits at a known place. */
  private static final Map<String, String> TEMPLATE_PATHS =
      Map.of(
          "Pod", "spec",
          "Deployment", "spec.template.spec",
          "StatefulSet", "spec.template.spec",
          "DaemonSet", "spec.template.spec",
          "ReplicaSet", "spec.template.spec",
          "ReplicationController", "spec.template.spec",
          "Job", "spec.template.spec",
          "CronJob", "spec.jobTemplate.spec.template.spec",
          "PodTemplate", "template.spec");

  private final List<Manifest> manifests;
  private final List<PodTemplate> podTemplates;
  private final Rbac rbac;
  private final BillingGovernance billing;

  public ClusterView(List<Manifest> manifests, BillingGovernance billing) {
    this.manifests = List.copyOf(manifests);
    this.podTemplates = templates(this.manifests);
    this.rbac = new Rbac(this.manifests);
    this.billing = billing;
  }

  public ClusterView(List<Manifest> manifests) {
    this(manifests, null);
  }

  public List<Manifest> manifests() {
    return manifests;
  }

  public List<Manifest> ofKind(String kind) {
    return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  public List<PodTemplate> podTemplates() {
    return podTemplates;
  }

  public Rbac rbac() {
    return rbac;
  }

  /**
   * The share of spend without an owner tag, when the run has billing (not for {@code fleetcost
   * scan}).
   */
  public Optional<BillingGovernance> billing() {
    return Optional.ofNullable(billing);
  }

  public Optional<Manifest> find(String kind, String namespace, String name) {
    return manifests.stream()
        .filter(m -> m.kind().equals(kind) && m.name().equals(name))
        .filter(m -> namespace == null || m.namespaceOrDefault().equals(namespace))
        .findFirst();
  }

  /**
   * Kinds that always live in a namespace: without metadata.namespace they are in {@code default}.
   */
  private static final Set<String> NAMESPACED =
      Set.of(
          "Pod",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob",
          "PodTemplate",
          "Service",
          "ConfigMap",
          "Secret",
          "ServiceAccount",
          "Role",
          "RoleBinding",
          "NetworkPolicy",
          "PodDisruptionBudget",
          "Ingress",
          "PersistentVolumeClaim",
          "HorizontalPodAutoscaler",
          "ResourceQuota",
          "LimitRange",
          "Endpoints",
          "EndpointSlice",
          "Lease");

  /**
   * Every namespace the scan knows: Namespace objects, the namespaces objects name, and {@code
   * default} for an object of a namespaced kind that names none. (An object of an unknown kind
   * without a namespace may be cluster-scoped: it is not taken as evidence of {@code default}.)
   */
  public Set<String> namespaces() {
    Set<String> names = new TreeSet<>();
    for (Manifest m : manifests) {
      if (m.kind().equals("Namespace")) {
        names.add(m.name());
      } else if (m.namespace() != null && !m.namespace().isBlank()) {
        names.add(m.namespace());
      } else if (NAMESPACED.contains(m.kind())) {
        names.add("default");
      }
    }
    return names;
  }

  /** Whether the object lives in a namespace: it names one, or its kind always does. */
  public static boolean namespaced(Manifest m) {
    return (m.namespace() != null && !m.namespace().isBlank()) || NAMESPACED.contains(m.kind());
  }

  private static List<PodTemplate> templates(List<Manifest> manifests) {
    List<PodTemplate> templates = new ArrayList<>();
    for (Manifest m : manifests) {
      String known = TEMPLATE_PATHS.get(m.kind());
      if (known != null) {
        JsonNode spec = at(m.body(), known);
        if (spec.isObject()) {
          templates.add(template(m, known, spec));
        }
      } else {
        findTemplates(m, m.body(), "", 0, templates);
      }
    }
    return templates;
  }

  /**
   * Custom resources (Kubeflow training jobs, Ray clusters, Spark applications …): any {@code
   * template.spec} with containers.
   */
  private static void findTemplates(
      Manifest m, JsonNode node, String path, int depth, List<PodTemplate> out) {
    if (depth > 8 || !node.isContainerNode()) {
      return;
    }
    if (node.isObject()) {
      JsonNode templateSpec = node.path("template").path("spec");
      if (templateSpec.path("containers").isArray()) {
        String specPath = (path.isEmpty() ? "" : path + ".") + "template.spec";
        out.add(template(m, specPath, templateSpec));
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getKey().equals("metadata") && !field.getKey().equals("status")) {
          findTemplates(
              m,
              field.getValue(),
              (path.isEmpty() ? "" : path + ".") + field.getKey(),
              depth + 1,
              out);
        }
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        findTemplates(m, node.get(i), path + "[" + i + "]", depth + 1, out);
      }
    }
  }

  private static PodTemplate template(Manifest m, String specPath, JsonNode spec) {
    String metadataPath =
        specPath.equals("spec")
            ? "metadata"
            : specPath.substring(0, specPath.length() - "spec".length()) + "metadata";
    JsonNode labels = at(m.body(), metadataPath).path("labels");
    Map<String, String> map = new LinkedHashMap<>();
    labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    int replicas = m.body().path("spec").path("replicas").asInt(1);
    return new PodTemplate(m, specPath, spec, map, Math.max(1, replicas));
  }

  /** The node at a dotted path ({@code spec.template.spec}), or a missing node. */
  public static JsonNode at(JsonNode root, String dotted) {
    JsonNode node = root;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  /**
   * Whether a label selector ({@code matchLabels} and {@code matchExpressions}) selects these
   * labels.
   */
  public static boolean selects(JsonNode selector, Map<String, String> labels) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> match = selector.path("matchLabels").fields();
    while (match.hasNext()) {
      Map.Entry<String, JsonNode> e = match.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      String value = labels.get(key);
      boolean ok =
          switch (expression.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
