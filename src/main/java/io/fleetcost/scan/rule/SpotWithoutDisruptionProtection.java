package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.PodTemplate;
import java.util.List;
import java.util.Map;

/**
 * A workload placed on spot or preemptible nodes (by node selector, required node affinity or a
 * toleration of the providers' spot labels) must survive a reclaim: either a PodDisruptionBudget
 * selects its pods (serving keeps capacity during drains) or it mounts a persistent volume to
 * checkpoint to (training resumes instead of restarting). With neither, the spot saving is paid
 * back in lost work.
 */
final class SpotWithoutDisruptionProtection implements Check {
  static final Map<String, String> SPOT_LABELS =
      Map.of(
          "karpenter.sh/capacity-type", "spot",
          "eks.amazonaws.com/capacityType", "SPOT",
          "cloud.google.com/gke-spot", "true",
          "cloud.google.com/gke-preemptible", "true",
          "kubernetes.azure.com/scalesetpriority", "spot");

  private static final CheckInfo INFO =
      new CheckInfo(
          "spot-without-disruption-protection",
          "Spot workload without a PodDisruptionBudget or checkpoint volume",
          "resilience",
          4,
          List.of("workloads"),
          List.of(),
          List.of(),
          "Mount a PersistentVolumeClaim (or an object-store path) and checkpoint to it for training; add a"
              + " PodDisruptionBudget for serving replicas.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  static boolean onSpot(PodTemplate pod) {
    JsonNode spec = pod.spec();
    for (Map.Entry<String, String> label : SPOT_LABELS.entrySet()) {
      if (spec.path("nodeSelector")
          .path(label.getKey())
          .asText("")
          .equalsIgnoreCase(label.getValue())) {
        return true;
      }
      for (JsonNode term :
          spec.path("affinity")
              .path("nodeAffinity")
              .path("requiredDuringSchedulingIgnoredDuringExecution")
              .path("nodeSelectorTerms")) {
        for (JsonNode expression : term.path("matchExpressions")) {
          if (expression.path("key").asText().equals(label.getKey())
              && expression.path("operator").asText().equals("In")) {
            for (JsonNode value : expression.path("values")) {
              if (value.asText().equalsIgnoreCase(label.getValue())) {
                return true;
              }
            }
          }
        }
      }
      for (JsonNode toleration : spec.path("tolerations")) {
        if (toleration.path("key").asText().equals(label.getKey())) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (PodTemplate pod : cluster.podTemplates()) {
      if (!onSpot(pod)) {
        continue;
      }
      out.evaluated(pod.owner());
      boolean budget =
          cluster.ofKind("PodDisruptionBudget").stream()
              .filter(pdb -> pdb.namespaceOrDefault().equals(pod.namespace()))
              .anyMatch(
                  pdb ->
                      ClusterView.selects(pdb.body().path("spec").path("selector"), pod.labels()));
      boolean checkpoint = false;
      for (JsonNode volume : pod.spec().path("volumes")) {
        checkpoint |=
            volume.path("persistentVolumeClaim").isObject()
                || volume.path("ephemeral").isObject()
                || volume.path("csi").isObject();
      }
      if (!budget && !checkpoint) {
        out.fail(
            pod.owner(),
            pod.path("volumes"),
            "runs on spot capacity with neither a PodDisruptionBudget nor a volume to checkpoint to");
      }
    }
  }
}
