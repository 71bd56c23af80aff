package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * envFrom with a secretRef puts every key of the Secret, today's and any added later, into the
 * environment of every process of the container. FleetCost's own (Kubescape's C-0207 reads
 * env[].valueFrom only); every container, init containers too.
 */
final class SecretThroughEnvFrom extends ContainerCheck {
  SecretThroughEnvFrom() {
    super(
        new CheckInfo(
            "secret-through-env-from",
            "Whole Secret loaded into the environment (envFrom)",
            "workload",
            5,
            List.of("workloads"),
            List.of(),
            List.of(),
            "Mount the Secret as a volume (only the keys the program reads, through items) instead of envFrom."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var sources = container.container().path("envFrom");
    for (int i = 0; i < sources.size(); i++) {
      var secret = sources.get(i).path("secretRef");
      if (secret.isObject()) {
        return Violation.at(
            "envFrom[" + i + "].secretRef",
            "loads every key of Secret "
                + secret.path("name").asText("?")
                + " into its environment");
      }
    }
    return null;
  }
}
