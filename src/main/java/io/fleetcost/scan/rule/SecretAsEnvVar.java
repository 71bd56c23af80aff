package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.List;

/**
 * A Secret passed as an environment variable ends up in crash dumps, debug endpoints and logged
 * environments (a training script printing os.environ). As Kubescape C-0207
 * (rules/rule-secrets-in-env-var/raw.rego L9: an app container's env[].valueFrom.secretKeyRef); a
 * whole Secret through envFrom is secret-through-env-from.
 */
final class SecretAsEnvVar extends ContainerCheck {
  SecretAsEnvVar() {
    super(
        new CheckInfo(
            "secret-as-env-var",
            "Secret passed as an environment variable",
            "workload",
            4,
            List.of("workloads"),
            List.of(),
            List.of("C-0207"),
            "Mount the Secret as a file (a secret volume, readOnly) and point the program at the file (HF_TOKEN_PATH,"
                + " AWS_WEB_IDENTITY_TOKEN_FILE …)."),
        true);
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    var env = container.container().path("env");
    for (int i = 0; i < env.size(); i++) {
      if (RegoValues.truthy(env.get(i).path("valueFrom").path("secretKeyRef"))) {
        return Violation.at(
            "env[" + i + "].valueFrom.secretKeyRef",
            "reads " + env.get(i).path("name").asText("?") + " from a Secret into its environment");
      }
    }
    return null;
  }
}
