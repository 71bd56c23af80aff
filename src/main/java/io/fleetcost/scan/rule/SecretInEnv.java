package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A credential written into the manifest as an env value is readable by anyone who can read the
 * workload. Not Kubescape's C-0012, which matches key names by substring ("key" in MONKEY, "token"
 * in TOKENIZERS_PARALLELISM) and values by marker words; FleetCost matches whole name parts and
 * key-shaped values (SensitiveValues).
 */
final class SecretInEnv extends ContainerCheck {
  SecretInEnv() {
    super(
        new CheckInfo(
            "secret-in-env",
            "Credential in an environment variable value",
            "workload",
            8,
            List.of("workloads"),
            List.of("sensitiveContainerEnvVar"),
            List.of(),
            "Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef (or mount it); rotate the"
                + " credential, it has been in the manifest."),
        false);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var env = container.container().path("env");
    for (int i = 0; i < env.size(); i++) {
      var variable = env.get(i);
      if (!variable.path("value").isTextual() || variable.path("value").asText().isEmpty()) {
        continue; // valueFrom, or empty
      }
      String name = variable.path("name").asText("");
      if (SensitiveValues.credential(name, variable.path("value").asText())) {
        return Violation.at(
            "env[" + i + "].value",
            "sets " + name + " to a literal value that looks like a credential");
      }
    }
    return null;
  }
}
