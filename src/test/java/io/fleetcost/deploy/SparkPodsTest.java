package io.fleetcost.deploy;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fleetcost.TestPaths;
import io.fleetcost.deploy.Entrypoint.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.k8s.KubernetesConf;
import org.apache.spark.deploy.k8s.KubernetesDriverConf;
import org.apache.spark.deploy.k8s.KubernetesDriverSpec;
import org.apache.spark.deploy.k8s.KubernetesExecutorConf;
import org.apache.spark.deploy.k8s.SparkPod;
import org.apache.spark.deploy.k8s.submit.JavaMainAppResource;
import org.apache.spark.deploy.k8s.submit.KubernetesClientUtils;
import org.apache.spark.deploy.k8s.submit.KubernetesDriverBuilder;
import org.apache.spark.resource.ResourceProfile$;
import org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

/**
 * Spark's own pod builders (the spark-kubernetes module in the build, on this build's Spark core)
 * make the driver and executor pods from submit.sh's settings and the pod templates, offline, as
 * spark-submit and the driver would; then deploy/entrypoint.sh runs with each pod's arguments and
 * environment: what the image's entrypoint gets is what Spark gives, and the templates' hardening
 * survives Spark's completion of the pods.
 */
class SparkPodsTest {
  static final Path TEMPLATES = TestPaths.PROJECT.resolve("deploy/spark-submit");

  @TempDir Path dir;

  /** submit.sh's settings (SparkSubmitExampleTest checks the script passes them). */
  static SparkConf submitConf() {
    return new SparkConf(false)
        .set("spark.master", "k8s://https://127.0.0.1:6443")
        .set("spark.app.name", "fleetcost-nightly")
        .set("spark.submit.deployMode", "cluster")
        .set("spark.kubernetes.namespace", "fleetcost")
        .set("spark.kubernetes.container.image", DeployManifestsTest.IMAGE)
        .set("spark.kubernetes.container.image.pullPolicy", "IfNotPresent")
        .set("spark.kubernetes.authenticate.driver.serviceAccountName", "fleetcost-spark")
        .set("spark.kubernetes.authenticate.executor.serviceAccountName", "fleetcost")
        .set(
            "spark.kubernetes.driver.podTemplateFile",
            TEMPLATES.resolve("driver-pod-template.yaml").toString())
        .set(
            "spark.kubernetes.executor.podTemplateFile",
            TEMPLATES.resolve("executor-pod-template.yaml").toString())
        .set("spark.driver.cores", "1")
        .set("spark.kubernetes.driver.limit.cores", "1")
        .set("spark.driver.memory", "4g")
        .set("spark.executor.instances", "2")
        .set("spark.executor.cores", "2")
        .set("spark.kubernetes.executor.limit.cores", "2")
        .set("spark.executor.memory", "6g");
  }

  static KubernetesClient offlineClient() {
    // pod templates are read locally; nothing here calls the API server
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443").build())
        .build();
  }

  /**
   * The container's environment as the kubelet would give it: field references resolved to these
   * values.
   */
  static Map<String, String> environment(Container container, Map<String, String> fieldValues) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValueFrom() != null) {
        String field = var.getValueFrom().getFieldRef().getFieldPath();
        assertThat(fieldValues)
            .as("a value for field %s (%s)", field, var.getName())
            .containsKey(field);
        env.put(var.getName(), fieldValues.get(field));
      } else {
        env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
      }
    }
    return env;
  }

  static void assertCompletedPod(String role, Pod pod, Container container) {
    DeployManifestsTest.assertHardened(
        role, pod.getSpec().getSecurityContext(), container.getSecurityContext());
    DeployManifestsTest.assertScratch(
        role, container.getVolumeMounts(), pod.getSpec().getVolumes());
    assertThat(container.getImage()).isEqualTo(DeployManifestsTest.IMAGE);
    assertThat(container.getCommand()).as("Spark leaves the image's entrypoint").isNullOrEmpty();
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "nightly-cluster")
        .containsEntry("spark-role", role);
    assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).contains("data");
    Map<String, Quantity> limits = container.getResources().getLimits();
    assertThat(limits).containsKeys("cpu", "memory");
  }

  @Test
  void theDriverPodSparkBuildsStartsSparkSubmitThroughTheEntrypoint() throws Exception {
    SparkConf conf = submitConf();
    KubernetesDriverConf driverConf =
        KubernetesConf.createDriverConf(
            conf,
            "spark-0f1e2d3c4b5a",
            JavaMainAppResource.apply(Option.apply("local:///opt/fleetcost/fleetcost.jar")),
            "io.fleetcost.cli.FleetCostMain",
            new String[] {
              "run",
              "/etc/fleetcost/nightly.yaml",
              "--master",
              "k8s://https://kubernetes.default.svc"
            },
            Option.empty());
    KubernetesDriverSpec spec;
    try (KubernetesClient client = offlineClient()) {
      spec = new KubernetesDriverBuilder().buildFromFeatures(driverConf, client);
    }
    Pod pod = spec.pod().pod();
    Container container = spec.pod().container();
    assertCompletedPod("driver", pod, container);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("fleetcost-spark");
    assertThat(container.getResources().getLimits().get("cpu")).isEqualTo(new Quantity("1"));
    // spark-submit's client adds the spark.properties mount (/opt/spark/conf) when it creates the
    // pod, after the builder
    assertThat(container.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .contains("/etc/fleetcost", "/data");

    // spark.properties as Spark puts it in the driver's ConfigMap, where the pod's arguments point
    Map<String, String> confFiles =
        KubernetesClientUtils.buildSparkConfDirFilesMapJava(
            KubernetesClientUtils.configMapNameDriver(),
            conf,
            scala.jdk.javaapi.CollectionConverters.asJava(spec.systemProperties()));
    assertThat(confFiles).containsKey("spark.properties");
    Path sparkConfDir = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(sparkConfDir.resolve("spark.properties"), confFiles.get("spark.properties"));
    List<String> args =
        container.getArgs().stream()
            .map(a -> a.replace("/opt/spark/conf", sparkConfDir.toString()))
            .toList();
    assertThat(args.get(0)).isEqualTo("driver");

    Map<String, String> env = environment(container, Map.of("status.podIP", "10.4.0.17"));
    env.put("SPARK_CONF_DIR", sparkConfDir.toString());
    Launch launch = new Entrypoint(dir).run(env, args.toArray(String[]::new));
    assertThat(launch.exitCode()).as(launch.stderr()).isZero();
    assertThat(launch.javaArgs())
        .containsSubsequence(
            "-Xmx4g",
            "-cp",
            sparkConfDir + ":" + Entrypoint.CLASSPATH,
            "org.apache.spark.deploy.SparkSubmit",
            "--conf",
            "spark.driver.bindAddress=10.4.0.17",
            "--deploy-mode",
            "client",
            "--properties-file")
        .endsWith(
            "--class",
            "io.fleetcost.cli.FleetCostMain",
            "local:///opt/fleetcost/fleetcost.jar",
            "run",
            "/etc/fleetcost/nightly.yaml",
            "--master",
            "k8s://https://kubernetes.default.svc");
  }

  static SparkConf driverSideConf() {
    return submitConf()
        .set("spark.driver.host", "fleetcost-nightly-driver-svc.fleetcost.svc")
        .set("spark.driver.port", "7078")
        .set("spark.app.id", "spark-0f1e2d3c4b5a")
        .set("spark.executor.extraJavaOptions", "-Dfleetcost.probe=1");
  }

  /**
   * Executor 3's pod, as the driver's allocator builds it. Spark keeps the default resource profile
   * once per JVM (a driver has one SparkContext): made here from an earlier test's SparkSession, it
   * would give this pod that session's executor memory, so it is dropped before and after.
   */
  static SparkPod executorPod(SparkConf conf) {
    KubernetesExecutorConf executorConf =
        KubernetesConf.createExecutorConf(conf, "3", "spark-0f1e2d3c4b5a", Option.empty(), 0);
    synchronized (ResourceProfile$.MODULE$) {
      ResourceProfile$.MODULE$.clearDefaultProfile();
      try (KubernetesClient client = offlineClient()) {
        return new KubernetesExecutorBuilder()
            .buildFromFeatures(
                executorConf,
                new SecurityManager(
                    conf, Option.empty(), SecurityManager.$lessinit$greater$default$3()),
                client,
                ResourceProfile$.MODULE$.getOrCreateDefaultProfile(conf))
            .pod();
      } finally {
        ResourceProfile$.MODULE$.clearDefaultProfile();
      }
    }
  }

  @Test
  void anExecutorPodSparkBuildsStartsTheKubernetesBackendThroughTheEntrypoint() throws Exception {
    // as the suite's SparkSession leaves it when it ran first: a default profile with 1g executors
    ResourceProfile$.MODULE$.getOrCreateDefaultProfile(new SparkConf(false));
    SparkConf conf = driverSideConf();
    SparkPod executor = executorPod(conf);
    Pod pod = executor.pod();
    Container container = executor.container();
    assertCompletedPod("executor", pod, container);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("fleetcost");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(container.getResources().getLimits().get("cpu")).isEqualTo(new Quantity("2"));
    assertThat(container.getArgs()).containsExactly("executor");

    Map<String, String> env =
        environment(
            container,
            Map.of("status.podIP", "10.4.1.23", "metadata.name", "fleetcost-nightly-exec-3"));
    Launch launch = new Entrypoint(dir).run(env, container.getArgs().toArray(String[]::new));
    assertThat(launch.exitCode()).as(launch.stderr()).isZero();
    assertThat(launch.javaArgs())
        .contains("-Dfleetcost.probe=1")
        .containsSubsequence(
            "-Xms6144m",
            "-Xmx6144m",
            "-cp",
            "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend")
        .endsWith(
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
            "fleetcost-nightly-exec-3");
  }

  /**
   * The driver's Kubernetes client (fabric8 7.4.0 over Vert.x, with this build's Netty) sends an
   * executor pod to an API server: a stub on 127.0.0.1 stands in for it.
   */
  @Test
  void theBuildsKubernetesClientCreatesTheExecutorPodOverHttp() throws Exception {
    SparkPod executor = executorPod(driverSideConf());
    Pod pod =
        new PodBuilder(executor.pod())
            .editSpec()
            .withContainers(executor.container())
            .endSpec()
            .build();
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    try {
      server.stubFor(
          WireMock.post("/api/v1/namespaces/fleetcost/pods")
              .willReturn(
                  WireMock.aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody(Manifests.SERIALIZATION.asJson(pod))));
      Config config =
          new ConfigBuilder(Config.empty())
              .withMasterUrl("http://127.0.0.1:" + server.port())
              .withNamespace("fleetcost")
              .withRequestRetryBackoffLimit(0)
              .build();
      Pod created;
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        created = client.pods().inNamespace("fleetcost").resource(pod).create();
      }
      assertThat(created.getSpec().getContainers())
          .singleElement()
          .satisfies(c -> assertThat(c.getImage()).isEqualTo(DeployManifestsTest.IMAGE));
      List<LoggedRequest> requests =
          server.findAll(
              WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v1/namespaces/fleetcost/pods")));
      assertThat(requests).hasSize(1);
      Pod sent = Manifests.SERIALIZATION.unmarshal(requests.get(0).getBodyAsString(), Pod.class);
      assertCompletedPod("executor", sent, sent.getSpec().getContainers().get(0));
      assertThat(sent.getSpec().getContainers().get(0).getArgs()).containsExactly("executor");
    } finally {
      server.stop();
    }
  }
}
