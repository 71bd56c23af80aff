package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;

/** An Ingress without TLS serves its model endpoints, notebooks or dashboards in clear text. */
final class IngressWithoutTls implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "ingress-without-tls",
          "Ingress without TLS",
          "network",
          4,
          List.of("Ingress"),
          List.of("tlsSettingsMissing"),
          List.of(),
          "Add spec.tls with a certificate (cert-manager issues one) for every host.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest ingress : cluster.ofKind("Ingress")) {
      out.evaluated(ingress);
      if (ingress.body().path("spec").path("tls").isEmpty()) {
        out.fail(ingress, ingress.pathPrefix() + "spec.tls", "serves without TLS");
      }
    }
  }
}
