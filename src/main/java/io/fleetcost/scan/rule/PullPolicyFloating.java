package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A floating image (latest, or no tag) with imagePullPolicy IfNotPresent or Never runs whatever old copy a node has
 * cached. (An unset policy defaults to Always for latest, so it passes, as in Kubescape C-0075.)
 */
public final class PullPolicyFloating extends ContainerCheck {
  public PullPolicyFloating() {
    super(
        new CheckInfo(
            "pull-policy-floating", "Floating image not pulled every time", "workload", 2, List.of("workloads"), List.of(),
            List.of("C-0075"), "Pin the image to a tag or digest; or set imagePullPolicy: Always."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    String image = container.container().path("image").asText("");
    String policy = container.container().path("imagePullPolicy").asText("");
    return !image.isEmpty() && Images.floating(image) && (policy.equals("IfNotPresent") || policy.equals("Never"))
        ? Violation.at("imagePullPolicy", "pulls the floating image '" + image + "' only " + (policy.equals("Never") ? "never" : "if not present"))
        : null;
  }
}
