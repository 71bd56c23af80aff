package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;

/**
 * A check that an app container sets {@code resources.<requests|limits>.<resource>}: as Kubescape's
 * resources-{cpu,memory}-{requests,limits} rules ({@code not container.resources.requests.cpu}), a
 * value that is present counts, whatever it is.
 */
abstract class ResourceSetting extends ContainerCheck {
  private final String section;
  private final String resource;

  ResourceSetting(CheckInfo info, String section, String resource) {
    super(info, true);
    this.section = section;
    this.resource = resource;
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var value = container.container().path("resources").path(section).path(resource);
    return !RegoValues.truthy(value)
        ? Violation.at(
            "resources." + section + "." + resource,
            "sets no " + resource + " " + section.replaceFirst("s$", ""))
        : null;
  }
}
