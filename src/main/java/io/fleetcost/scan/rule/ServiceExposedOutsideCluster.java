package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;
import java.util.Map;

/**
 * A Service of type NodePort opens its port on every node; one of type LoadBalancer gets a cloud
 * load balancer, public unless an annotation makes it internal or loadBalancerSourceRanges limits
 * who may connect. An inference server or a notebook exposed that way skips the Ingress, its TLS
 * and its authentication. FleetCost's own: what the manifest says, not what the cloud did.
 */
public final class ServiceExposedOutsideCluster implements Check {
  /** The providers' annotations that make a LoadBalancer internal, with the value that does. */
  static final Map<String, String> INTERNAL =
      Map.of(
          "service.beta.kubernetes.io/aws-load-balancer-internal", "true",
          "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal",
          "networking.gke.io/load-balancer-type", "Internal",
          "cloud.google.com/load-balancer-type", "Internal",
          "service.beta.kubernetes.io/azure-load-balancer-internal", "true");

  private static final CheckInfo INFO =
      new CheckInfo(
          "service-exposed-outside-cluster",
          "Service exposed outside the cluster (NodePort or public LoadBalancer)",
          "network",
          5,
          List.of("Service"),
          List.of(),
          List.of(),
          "Use type ClusterIP behind an Ingress with TLS and authentication; if a LoadBalancer is needed, make it internal"
              + " (the provider's annotation) or set loadBalancerSourceRanges.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  static boolean internal(Manifest service) {
    for (Map.Entry<String, String> annotation : INTERNAL.entrySet()) {
      String value = service.annotation(annotation.getKey());
      if (value != null && value.equalsIgnoreCase(annotation.getValue())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest service : cluster.ofKind("Service")) {
      out.evaluated(service);
      JsonNode spec = service.body().path("spec");
      String type = spec.path("type").asText("ClusterIP");
      if (type.equals("NodePort")) {
        out.fail(
            service,
            service.pathPrefix() + "spec.type",
            "is a NodePort Service: its port is open on every node");
      } else if (type.equals("LoadBalancer")
          && !internal(service)
          && spec.path("loadBalancerSourceRanges").isEmpty()) {
        out.fail(
            service,
            service.pathPrefix() + "spec.type",
            "is a LoadBalancer Service open to any address (not internal, no loadBalancerSourceRanges)");
      }
    }
  }
}
