package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * An image without a tag, or tagged latest, changes under the same name: what runs is not what was
 * reviewed.
 */
final class FloatingImageTag extends ContainerCheck {
  FloatingImageTag() {
    super(
        new CheckInfo(
            "image-tag-floating",
            "Image has no tag or uses latest",
            "workload",
            5,
            List.of("workloads"),
            List.of("tagNotSpecified"),
            List.of(),
            "Reference a released tag (nvcr.io/nvidia/pytorch:24.08-py3), better its digest (@sha256:…)."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    String image = container.container().path("image").asText("");
    if (image.isEmpty()) {
      return Violation.at("image", "names no image");
    }
    return Images.floating(image)
        ? Violation.at("image", "uses image '" + image + "' without a fixed tag")
        : null;
  }
}
