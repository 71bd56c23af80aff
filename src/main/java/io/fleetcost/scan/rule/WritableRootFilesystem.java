package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A writable root filesystem lets an intruder change the image's binaries at run time. As Kubescape
 * C-0017 (rules/immutable-container-filesystem/raw.rego L68–L75): an app container whose
 * readOnlyRootFilesystem is not true.
 */
final class WritableRootFilesystem extends ContainerCheck {
  WritableRootFilesystem() {
    super(
        new CheckInfo(
            "writable-root-filesystem",
            "Root filesystem is writable",
            "workload",
            3,
            List.of("workloads"),
            List.of("notReadOnlyRootFilesystem"),
            List.of("C-0017"),
            "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process writes (/tmp,"
                + " caches, checkpoints)."),
        true);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    return RegoValues.isTrue(container.securityContext().path("readOnlyRootFilesystem"))
        ? null
        : Violation.at("securityContext.readOnlyRootFilesystem", "has a writable root filesystem");
  }
}
