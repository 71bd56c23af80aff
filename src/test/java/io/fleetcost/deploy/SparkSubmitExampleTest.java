package io.fleetcost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fleetcost.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/spark-submit/submit.sh, the plain spark-submit example, run with a fake spark-submit that
 * prints its arguments: a k8s:// master in cluster mode, the image, accounts, pod templates, sizes
 * and job arguments the same as the Spark Operator's ScheduledSparkApplication.
 */
class SparkSubmitExampleTest {
  static final Path SCRIPT = TestPaths.PROJECT.resolve("deploy/spark-submit/submit.sh");

  @TempDir Path sparkHome;

  record Submitted(int exitCode, List<String> args, String stderr) {
    Submitted {
      args = List.copyOf(args);
    }

    /** The --conf settings, in order. */
    Map<String, String> conf() {
      Map<String, String> conf = new LinkedHashMap<>();
      for (int i = 0; i + 1 < args.size(); i++) {
        if (args.get(i).equals("--conf")) {
          String setting = args.get(i + 1);
          conf.put(
              setting.substring(0, setting.indexOf('=')),
              setting.substring(setting.indexOf('=') + 1));
        }
      }
      return conf;
    }

    String option(String name) {
      int i = args.indexOf(name);
      assertThat(i).as("%s given", name).isNotNegative();
      return args.get(i + 1);
    }
  }

  Submitted submit(Map<String, String> env) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(sparkHome.resolve("bin"));
    Path fake = bin.resolve("spark-submit");
    Files.writeString(
        fake, "#!/usr/bin/env bash\nfor a in \"$@\"; do printf 'arg=%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString());
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> args = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("arg=")) {
        args.add(line.substring(4));
      }
    }
    return new Submitted(process.exitValue(), args, err);
  }

  @SuppressWarnings("unchecked")
  @Test
  void submitsTheNightlyJobInClusterModeAsTheOperatorDoes() throws Exception {
    Submitted submitted = submit(Map.of("K8S_API", "https://127.0.0.1:6443"));
    assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
    assertThat(submitted.option("--master")).isEqualTo("k8s://https://127.0.0.1:6443");
    assertThat(submitted.option("--deploy-mode")).isEqualTo("cluster");

    GenericKubernetesResource scheduled =
        Manifests.custom(Manifests.all(), "ScheduledSparkApplication", "fleetcost-nightly-cluster");
    Map<String, Object> app = DeployManifestsTest.map(scheduled.get("spec", "template"));
    Map<String, Object> driver = DeployManifestsTest.map(app.get("driver"));
    Map<String, Object> executor = DeployManifestsTest.map(app.get("executor"));
    assertThat(submitted.option("--class")).isEqualTo(app.get("mainClass"));
    // the application jar, then the job's arguments, last
    List<String> tail = new ArrayList<>(List.of((String) app.get("mainApplicationFile")));
    tail.addAll((List<String>) app.get("arguments"));
    assertThat(submitted.args()).endsWith(tail.toArray(String[]::new));

    Map<String, String> conf = submitted.conf();
    assertThat(conf)
        .containsEntry("spark.kubernetes.namespace", scheduled.getMetadata().getNamespace())
        .containsEntry("spark.kubernetes.container.image", (String) app.get("image"))
        .containsEntry(
            "spark.kubernetes.authenticate.driver.serviceAccountName",
            (String) driver.get("serviceAccount"))
        .containsEntry(
            "spark.kubernetes.authenticate.executor.serviceAccountName",
            (String) executor.get("serviceAccount"))
        .containsEntry("spark.driver.cores", String.valueOf(driver.get("cores")))
        .containsEntry("spark.kubernetes.driver.limit.cores", (String) driver.get("coreLimit"))
        .containsEntry("spark.driver.memory", (String) driver.get("memory"))
        .containsEntry("spark.executor.instances", String.valueOf(executor.get("instances")))
        .containsEntry("spark.executor.cores", String.valueOf(executor.get("cores")))
        .containsEntry("spark.kubernetes.executor.limit.cores", (String) executor.get("coreLimit"))
        .containsEntry("spark.executor.memory", (String) executor.get("memory"));
    for (String role : List.of("driver", "executor")) {
      Path template = Path.of(conf.get("spark.kubernetes." + role + ".podTemplateFile"));
      assertThat(template)
          .isEqualTo(
              TestPaths.PROJECT.resolve("deploy/spark-submit/" + role + "-pod-template.yaml"));
      assertThat(Manifests.load(template))
          .singleElement()
          .satisfies(p -> assertThat(p.getKind()).isEqualTo("Pod"));
    }

    Submitted other =
        submit(
            Map.of(
                "K8S_API",
                "https://127.0.0.1:6443",
                "FLEETCOST_IMAGE",
                "registry.example/fleetcost:0.1.1"));
    assertThat(other.conf())
        .containsEntry("spark.kubernetes.container.image", "registry.example/fleetcost:0.1.1");
  }

  @Test
  void withoutTheApiServerItStopsAndSaysWhatToSet() throws Exception {
    Submitted submitted = submit(Map.of());
    assertThat(submitted.exitCode()).isNotZero();
    assertThat(submitted.args()).isEmpty();
    assertThat(submitted.stderr()).contains("K8S_API", "set K8S_API to the API server URL");
  }
}
