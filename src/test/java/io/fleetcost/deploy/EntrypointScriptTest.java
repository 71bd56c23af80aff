package io.fleetcost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.deploy.Entrypoint.Launch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.deploy.k8s.Constants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/entrypoint.sh, the image's entrypoint, run for real with a fake {@code java}: the exact
 * command line of each mode, the arguments taken from the environment Spark sets on its pods (the
 * names from Spark's own {@code Constants}), java replacing the shell (exec: the JVM gets the pod's
 * signals), and a missing variable failing with its name.
 */
class EntrypointScriptTest {
  static final String DRIVER_MAIN = "org.apache.spark.deploy.SparkSubmit";
  static final String EXECUTOR_MAIN =
      "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend";
  static final String CLI_MAIN = "io.fleetcost.cli.FleetCostMain";

  @TempDir Path dir;
  Entrypoint entrypoint;

  @BeforeEach
  void fakeJava() throws IOException {
    entrypoint = new Entrypoint(dir);
  }

  static List<String> jvmFlags() throws IOException {
    List<String> flags = new ArrayList<>(Entrypoint.pomJvmFlags());
    flags.add("-Djava.io.tmpdir=/tmp");
    return flags;
  }

  @SafeVarargs
  static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  @Test
  void theScriptIsExecutableAndItsMainClassesAreOnTheBuildsClassPath()
      throws ClassNotFoundException {
    assertThat(Files.isExecutable(Entrypoint.SCRIPT)).isTrue();
    for (String main : List.of(DRIVER_MAIN, EXECUTOR_MAIN, CLI_MAIN)) {
      assertThat(Class.forName(main, false, getClass().getClassLoader())).isNotNull();
    }
  }

  @Test
  void runAndEveryOtherCommandGoToTheFleetCostCli() throws Exception {
    List<String> cli =
        concat(
            jvmFlags(), List.of("-XX:MaxRAMPercentage=75", "-cp", Entrypoint.CLASSPATH, CLI_MAIN));
    Launch run = entrypoint.run(Map.of(), "run", "/etc/fleetcost/nightly.yaml");
    assertThat(run.exitCode()).isZero();
    assertThat(run.javaArgs())
        .containsExactlyElementsOf(concat(cli, List.of("run", "/etc/fleetcost/nightly.yaml")));
    assertThat(run.javaPid()).as("java replaces the shell (exec)").isEqualTo(run.scriptPid());

    // the image's default command, and another subcommand with a path
    assertThat(entrypoint.run(Map.of(), "--help").javaArgs())
        .containsExactlyElementsOf(concat(cli, List.of("--help")));
    assertThat(entrypoint.run(Map.of(), "scan", "deploy/").javaArgs())
        .containsExactlyElementsOf(concat(cli, List.of("scan", "deploy/")));
    // an argument with a space stays one argument
    assertThat(entrypoint.run(Map.of(), "validate", "/etc/a job.yaml").javaArgs())
        .endsWith(CLI_MAIN, "validate", "/etc/a job.yaml");
  }

  @Test
  void driverRunsSparkSubmitInClientModeSizedFromSparksPropertiesFile() throws Exception {
    // Java properties syntax, escapes included, as Properties.load reads it (SparkPodsTest uses
    // Spark's own file)
    Path properties = dir.resolve("spark.properties");
    Files.writeString(
        properties,
        "#Java properties\nspark.master=k8s\\://https\\://kubernetes.default.svc\\:443\nspark.driver.memory=4g\n"
            + "spark.driver.extraJavaOptions=-Dfleetcost.a\\=b -XX\\:+UseG1GC\nspark.driver.memoryOverhead=512m\n");
    List<String> podArgs =
        List.of(
            "--properties-file",
            properties.toString(),
            "--class",
            CLI_MAIN,
            "local:///opt/fleetcost/fleetcost.jar",
            "run",
            "/etc/fleetcost/nightly.yaml",
            "--master",
            "k8s://https://kubernetes.default.svc");
    List<String> args = new ArrayList<>(List.of("driver"));
    args.addAll(podArgs);
    Launch driver =
        entrypoint.run(
            Entrypoint.env(
                Constants.ENV_DRIVER_BIND_ADDRESS(),
                "10.4.0.17",
                Constants.ENV_SPARK_CONF_DIR(),
                "/opt/spark/conf"),
            args.toArray(String[]::new));
    assertThat(driver.exitCode()).as(driver.stderr()).isZero();
    assertThat(driver.javaArgs())
        .containsExactlyElementsOf(
            concat(
                jvmFlags(),
                List.of(
                    "-Xmx4g",
                    "-Dfleetcost.a=b",
                    "-XX:+UseG1GC",
                    "-cp",
                    "/opt/spark/conf:" + Entrypoint.CLASSPATH,
                    DRIVER_MAIN,
                    "--conf",
                    "spark.driver.bindAddress=10.4.0.17",
                    "--deploy-mode",
                    "client"),
                podArgs));
    assertThat(driver.javaPid()).isEqualTo(driver.scriptPid());
  }

  @Test
  void aDriverWithoutPropertiesTakesSparksDefaultHeapOrSparkDriverMemory() throws Exception {
    Launch plain =
        entrypoint.run(
            Entrypoint.env("SPARK_DRIVER_BIND_ADDRESS", "10.4.0.17"),
            "driver",
            "--class",
            CLI_MAIN,
            "x.jar");
    assertThat(plain.javaArgs())
        .containsSubsequence("-Xmx1g", "-cp", Entrypoint.CLASSPATH, DRIVER_MAIN)
        .endsWith("--class", CLI_MAIN, "x.jar");
    Launch sized =
        entrypoint.run(
            Entrypoint.env("SPARK_DRIVER_BIND_ADDRESS", "10.4.0.17", "SPARK_DRIVER_MEMORY", "3g"),
            "driver",
            "--class",
            CLI_MAIN,
            "x.jar");
    assertThat(sized.javaArgs()).contains("-Xmx3g").doesNotContain("-Xmx1g");
  }

  @Test
  void aDriverWithoutItsBindAddressOrWithAnUnreadablePropertiesFileFailsWithTheReason()
      throws Exception {
    Launch unbound = entrypoint.run(Map.of(), "driver", "--class", CLI_MAIN, "x.jar");
    assertThat(unbound.exitCode()).isEqualTo(2);
    assertThat(unbound.javaStarted()).isFalse();
    assertThat(unbound.stderr()).contains("SPARK_DRIVER_BIND_ADDRESS is not set");

    Launch missing =
        entrypoint.run(
            Entrypoint.env("SPARK_DRIVER_BIND_ADDRESS", "10.4.0.17"),
            "driver",
            "--properties-file",
            dir.resolve("none").toString(),
            "x.jar");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.javaStarted()).isFalse();
    assertThat(missing.stderr()).contains("cannot be read");
  }

  static Map<String, String> executorEnv() {
    return Entrypoint.env(
        Constants.ENV_DRIVER_URL(),
        "spark://CoarseGrainedScheduler@fleetcost-nightly-driver-svc.fleetcost.svc:7078",
        Constants.ENV_EXECUTOR_ID(),
        "3",
        Constants.ENV_EXECUTOR_CORES(),
        "2",
        Constants.ENV_APPLICATION_ID(),
        "spark-0f1e2d3c4b5a",
        Constants.ENV_EXECUTOR_POD_IP(),
        "10.4.1.23",
        Constants.ENV_RESOURCE_PROFILE_ID(),
        "0",
        Constants.ENV_EXECUTOR_POD_NAME(),
        "fleetcost-nightly-exec-3",
        Constants.ENV_EXECUTOR_MEMORY(),
        "6g",
        Constants.ENV_SPARK_CONF_DIR(),
        "/opt/spark/conf",
        Constants.ENV_JAVA_OPT_PREFIX() + "0",
        "-Dspark.driver.port=7078",
        Constants.ENV_JAVA_OPT_PREFIX() + "10",
        "-Dten",
        Constants.ENV_JAVA_OPT_PREFIX() + "2",
        "-Dtwo with a space",
        Constants.ENV_JAVA_OPT_PREFIX() + "1",
        "-Done");
  }

  @Test
  void executorRunsKubernetesExecutorBackendWithItsPodsEnvironment() throws Exception {
    Launch executor = entrypoint.run(executorEnv(), "executor");
    assertThat(executor.exitCode()).as(executor.stderr()).isZero();
    assertThat(executor.javaArgs())
        .containsExactlyElementsOf(
            concat(
                jvmFlags(),
                List.of(
                    "-Dspark.driver.port=7078",
                    "-Done",
                    "-Dtwo with a space",
                    "-Dten",
                    "-Xms6g",
                    "-Xmx6g",
                    "-cp",
                    "/opt/spark/conf:" + Entrypoint.CLASSPATH,
                    EXECUTOR_MAIN,
                    "--driver-url",
                    "spark://CoarseGrainedScheduler@fleetcost-nightly-driver-svc.fleetcost.svc:7078",
                    "--executor-id",
                    "3",
                    "--cores",
                    "2",
                    "--app-id",
                    "spark-0f1e2d3c4b5a",
                    "--hostname",
                    "10.4.1.23",
                    "--resourceProfileId",
                    "0",
                    "--podName",
                    "fleetcost-nightly-exec-3")));
    assertThat(executor.javaPid()).isEqualTo(executor.scriptPid());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SPARK_DRIVER_URL",
        "SPARK_EXECUTOR_ID",
        "SPARK_EXECUTOR_CORES",
        "SPARK_APPLICATION_ID",
        "SPARK_EXECUTOR_POD_IP",
        "SPARK_RESOURCE_PROFILE_ID",
        "SPARK_EXECUTOR_POD_NAME",
        "SPARK_EXECUTOR_MEMORY"
      })
  void anExecutorWithoutOneOfItsVariablesFailsNamingIt(String variable) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(executorEnv());
    assertThat(env.remove(variable))
        .as("%s is one of Spark's executor variables", variable)
        .isNotNull();
    Launch executor = entrypoint.run(env, "executor");
    assertThat(executor.exitCode()).isEqualTo(2);
    assertThat(executor.javaStarted()).isFalse();
    assertThat(executor.stderr()).contains(variable + " is not set");

    env.put(variable, "");
    assertThat(entrypoint.run(env, "executor").stderr())
        .as("empty counts as missing")
        .contains(variable + " is not set");
  }

  @Test
  void hadoopConfAndExtraClassPathJoinTheClassPath() throws Exception {
    Launch run =
        entrypoint.run(
            Entrypoint.env(
                "HADOOP_CONF_DIR", "/etc/hadoop", "SPARK_EXTRA_CLASSPATH", "/opt/extra/*"),
            "run",
            "j.yaml");
    assertThat(run.javaArgs())
        .containsSubsequence(
            "-cp", "/etc/hadoop:" + Entrypoint.CLASSPATH + ":/opt/extra/*", CLI_MAIN);
  }
}
