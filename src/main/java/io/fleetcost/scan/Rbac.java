package io.fleetcost.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RBAC joined: every (binding, subject) pair with the rules of the role it grants, as Kubescape
 * evaluates RBAC (per subject, not per role). A role is looked up in the scan (a Role in the
 * binding's namespace, or a ClusterRole), else among Kubernetes' user-facing built-in ClusterRoles
 * ({@code cluster-admin}, {@code admin}, {@code edit}, {@code view}: their main rules, as of
 * Kubernetes 1.30; aggregation is not resolved). Bindings named {@code system:…} or {@code gce:…},
 * and the ClusterRoleBinding {@code cluster-admin}, are the platform's own bootstrap bindings and
 * are left out, as Polaris does; so are, among the roles no binding grants, the bootstrap roles and
 * the built-in ClusterRoles themselves (what matters is who is bound to them).
 */
public final class Rbac {
  private static final Map<String, JsonNode> BUILT_IN = builtIn();

  /** Who a binding grants to. ServiceAccounts have a namespace; Users and Groups have none. */
  public record Subject(String kind, String namespace, String name) {
    public String label() {
      return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
  }

  /** A role as the bindings see it: from the scan, or built in. */
  public record Role(
      Manifest manifest,
      String kind,
      String namespace,
      String name,
      JsonNode rules,
      boolean builtIn) {
    public String ref() {
      return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
  }

  /**
   * One subject of one binding, and the role it grants (null when the role is in neither the scan
   * nor the built-ins).
   *
   * @param scope the namespace the grant is limited to (a RoleBinding's), or null for the whole
   *     cluster
   */
  public record Grant(
      Subject subject,
      Manifest binding,
      int subjectIndex,
      String roleKind,
      String roleName,
      Role role,
      String scope) {
    public String bindingRef() {
      return binding.kind()
          + "/"
          + (binding.namespace() == null ? "" : binding.namespace() + "/")
          + binding.name();
    }
  }

  private final List<Role> roles = new ArrayList<>();
  private final List<Grant> grants = new ArrayList<>();
  private final List<Role> unbound = new ArrayList<>();

  Rbac(List<Manifest> manifests) {
    Map<String, Role> byRef = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      if (m.kind().equals("Role") || m.kind().equals("ClusterRole")) {
        String namespace = m.kind().equals("Role") ? m.namespaceOrDefault() : null;
        Role role = new Role(m, m.kind(), namespace, m.name(), m.body().path("rules"), false);
        roles.add(role);
        byRef.put(role.ref(), role);
      }
    }
    java.util.Set<String> referenced = new java.util.HashSet<>();
    for (Manifest binding : manifests) {
      if (!binding.kind().equals("RoleBinding") && !binding.kind().equals("ClusterRoleBinding")) {
        continue;
      }
      if (bootstrap(binding.name())
          || (binding.kind().equals("ClusterRoleBinding")
              && binding.name().equals("cluster-admin"))) {
        continue; // the platform's own: Kubernetes binds system:masters to cluster-admin with this
        // name
      }
      JsonNode roleRef = binding.body().path("roleRef");
      String roleKind = roleRef.path("kind").asText("ClusterRole");
      String roleName = roleRef.path("name").asText("");
      String scope = binding.kind().equals("RoleBinding") ? binding.namespaceOrDefault() : null;
      String ref = roleKind + "/" + (roleKind.equals("Role") ? scope + "/" : "") + roleName;
      referenced.add(ref);
      Role role = byRef.get(ref);
      if (role == null && roleKind.equals("ClusterRole") && BUILT_IN.containsKey(roleName)) {
        role = new Role(null, "ClusterRole", null, roleName, BUILT_IN.get(roleName), true);
      }
      JsonNode subjects = binding.body().path("subjects");
      for (int i = 0; i < subjects.size(); i++) {
        JsonNode s = subjects.get(i);
        String kind = s.path("kind").asText("");
        String namespace =
            kind.equals("ServiceAccount")
                ? s.path("namespace").asText(binding.namespaceOrDefault())
                : null;
        grants.add(
            new Grant(
                new Subject(kind, namespace, s.path("name").asText("")),
                binding,
                i,
                roleKind,
                roleName,
                role,
                scope));
      }
    }
    for (Role role : roles) {
      if (!referenced.contains(role.ref())
          && !bootstrap(role.name())
          && !(role.kind().equals("ClusterRole") && BUILT_IN.containsKey(role.name()))) {
        unbound.add(role);
      }
    }
  }

  public List<Grant> grants() {
    return grants;
  }

  public List<Role> roles() {
    return roles;
  }

  /**
   * Roles of the scan that no binding of the scan grants: judged as objects, since any later
   * binding inherits them.
   */
  public List<Role> unboundRoles() {
    return unbound;
  }

  public static boolean bootstrap(String name) {
    return name.startsWith("system:") || name.startsWith("gce:");
  }

  /** Values of a rule's field, as written (RBAC names are case-sensitive). */
  public static List<String> values(JsonNode rule, String field) {
    List<String> values = new ArrayList<>();
    rule.path(field).forEach(v -> values.add(v.asText()));
    return values;
  }

  /**
   * Whether one rule grants a verb of {@code verbs} on a resource of {@code resources} in an API
   * group of {@code groups}: each field of the rule lists one of the values, or {@code *}; values
   * are compared exactly, as Kubescape's RBAC rules do ({@code pods/*} is a value to list, not a
   * pattern).
   */
  public static boolean grants(
      JsonNode rule, Set<String> verbs, Set<String> groups, Set<String> resources) {
    return listsAnyOrWildcard(rule, "verbs", verbs)
        && listsAnyOrWildcard(rule, "apiGroups", groups)
        && listsAnyOrWildcard(rule, "resources", resources);
  }

  private static boolean listsAnyOrWildcard(JsonNode rule, String field, Set<String> wanted) {
    return values(rule, field).stream().anyMatch(v -> v.equals("*") || wanted.contains(v));
  }

  private static Map<String, JsonNode> builtIn() {
    String json =
        """
        {
          "cluster-admin": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}],
          "admin": [
            {"apiGroups": [""], "resources": ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], "verbs": ["get", "list", "watch"]},
            {"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]},
            {"apiGroups": [""], "resources": ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "secrets", "services", "persistentvolumeclaims", "serviceaccounts"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
            {"apiGroups": ["apps"], "resources": ["deployments", "statefulsets", "daemonsets", "replicasets"], "verbs": ["create", "delete", "deletecollection", "patch", "update", "get", "list", "watch"]},
            {"apiGroups": ["batch"], "resources": ["jobs", "cronjobs"], "verbs": ["create", "delete", "deletecollection", "patch", "update", "get", "list", "watch"]},
            {"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]},
            {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles", "rolebindings"], "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]}
          ],
          "edit": [
            {"apiGroups": [""], "resources": ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], "verbs": ["get", "list", "watch"]},
            {"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]},
            {"apiGroups": [""], "resources": ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "secrets", "services", "persistentvolumeclaims", "serviceaccounts"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
            {"apiGroups": ["apps"], "resources": ["deployments", "statefulsets", "daemonsets", "replicasets"], "verbs": ["create", "delete", "deletecollection", "patch", "update", "get", "list", "watch"]},
            {"apiGroups": ["batch"], "resources": ["jobs", "cronjobs"], "verbs": ["create", "delete", "deletecollection", "patch", "update", "get", "list", "watch"]},
            {"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]}
          ],
          "view": [
            {"apiGroups": [""], "resources": ["configmaps", "endpoints", "persistentvolumeclaims", "pods", "replicationcontrollers", "serviceaccounts", "services", "events", "limitranges", "namespaces", "resourcequotas"], "verbs": ["get", "list", "watch"]},
            {"apiGroups": ["apps", "batch", "autoscaling", "policy", "networking.k8s.io"], "resources": ["*"], "verbs": ["get", "list", "watch"]}
          ]
        }
        """;
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      Map<String, JsonNode> roles = new LinkedHashMap<>();
      root.fields().forEachRemaining(e -> roles.put(e.getKey(), e.getValue()));
      return Map.copyOf(roles);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
