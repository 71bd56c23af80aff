package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;

/**
 * A namespace that Pod Security Admission does not watch admits any pod. As Kubescape C-0192
 * (rules/pod-security-admission-applied/raw.rego): a Namespace object fails when none of its labels
 * starts with {@code pod-security.kubernetes.io/} (L26–L27; warn or audit alone passes), unless the
 * scan has a validating or mutating webhook with a rule whose scope is other than Cluster (L30–L34:
 * an external policy engine). Only Namespace objects are judged: the labels are on them.
 * pod-security-not-enforced is the stricter rule.
 */
final class NamespaceWithoutPodSecurityAdmission implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "namespace-without-pod-security-admission",
          "Namespace without Pod Security Admission labels",
          "workload",
          4,
          List.of("Namespace"),
          List.of(),
          List.of("C-0192"),
          "Label the namespace pod-security.kubernetes.io/enforce: restricted (baseline where a workload needs more), with"
              + " the same level for audit and warn.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  static boolean externalPolicyEngine(ClusterView cluster) {
    for (Manifest webhook : cluster.manifests()) {
      if (!webhook.kind().equals("ValidatingWebhookConfiguration")
          && !webhook.kind().equals("MutatingWebhookConfiguration")) {
        continue;
      }
      for (JsonNode hook : webhook.body().path("webhooks")) {
        for (JsonNode rule : hook.path("rules")) {
          if (!rule.path("scope").isMissingNode()
              && !rule.path("scope").asText().equals("Cluster")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    boolean engine = externalPolicyEngine(cluster);
    for (Manifest namespace : cluster.ofKind("Namespace")) {
      out.evaluated(namespace);
      boolean labelled = false;
      var names = namespace.metadata().path("labels").fieldNames();
      while (names.hasNext()) {
        labelled |= names.next().startsWith("pod-security.kubernetes.io/");
      }
      if (!labelled && !engine) {
        out.fail(
            namespace,
            namespace.pathPrefix() + "metadata.labels",
            "has no pod-security.kubernetes.io/ label and no policy webhook guards it");
      }
    }
  }
}
