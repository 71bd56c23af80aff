package io.fleetcost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fleetcost.TestPaths;
import io.fleetcost.deploy.Manifests.Loaded;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests in deploy/ parsed as Kubernetes objects with the fabric8 model: the CronJob's pod,
 * the SparkApplication's driver and executor (a custom resource: its security contexts converted to
 * the typed model) and the spark-submit pod templates are all hardened the same way (non-root UID
 * 10001, read-only root, no privilege escalation, no capabilities, RuntimeDefault seccomp, /tmp an
 * emptyDir), with resource limits, and one image.
 */
class DeployManifestsTest {
  static final String IMAGE = "ghcr.io/example/fleetcost:0.1.0";
  static final long UID = 10001;
  static List<Loaded> all;

  @BeforeAll
  static void load() throws IOException {
    all = Manifests.all();
  }

  @Test
  void everyManifestParsesAsAKnownKindWithoutUnknownFields() {
    assertThat(all)
        .extracting(l -> l.object().getKind() + "/" + l.object().getMetadata().getName())
        .containsExactlyInAnyOrder(
            "ConfigMap/fleetcost-job",
            "CronJob/fleetcost-nightly",
            "Namespace/fleetcost",
            "NetworkPolicy/default-deny-all",
            "NetworkPolicy/fleetcost-egress",
            "PersistentVolumeClaim/fleetcost-data",
            "ServiceAccount/fleetcost",
            "NetworkPolicy/fleetcost-spark-cluster-internal",
            "NetworkPolicy/fleetcost-spark-driver-apiserver",
            "PersistentVolumeClaim/fleetcost-data-shared",
            "ServiceAccount/fleetcost-spark",
            "Role/fleetcost-spark-driver",
            "RoleBinding/fleetcost-spark-driver",
            "ScheduledSparkApplication/fleetcost-nightly-cluster",
            "Pod/fleetcost-driver-template",
            "Pod/fleetcost-executor-template");
    for (Loaded l : all) {
      HasMetadata o = l.object();
      assertThat(o instanceof GenericKubernetesResource)
          .as("%s is typed", l.file())
          .isEqualTo(o.getKind().equals("ScheduledSparkApplication"));
      assertThat(Manifests.unknownFields(o))
          .as("fields the model does not know in %s", l.file())
          .isEmpty();
      if (!o.getKind().equals("Namespace")) {
        assertThat(o.getMetadata().getNamespace())
            .as("%s %s", o.getKind(), o.getMetadata().getName())
            .isEqualTo("fleetcost");
      }
      assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "fleetcost");
    }
  }

  @Test
  void aMisspeltFieldIsFound() {
    HasMetadata pod =
        Manifests.parse(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      securityContext: {readOnlyRootFileSystem: true}
                """)
            .get(0);
    assertThat(Manifests.unknownFields(pod))
        .singleElement()
        .asString()
        .contains("SecurityContext", "readOnlyRootFileSystem");
  }

  /** The pod-level and container-level hardening every FleetCost pod has. */
  static void assertHardened(String what, PodSecurityContext pod, SecurityContext container) {
    assertThat(pod).as("%s: pod securityContext", what).isNotNull();
    assertThat(pod.getRunAsNonRoot()).as("%s runAsNonRoot", what).isTrue();
    assertThat(pod.getRunAsUser()).as("%s runAsUser", what).isEqualTo(UID);
    assertThat(pod.getRunAsGroup()).as("%s runAsGroup", what).isEqualTo(UID);
    assertThat(pod.getFsGroup()).as("%s fsGroup", what).isEqualTo(UID);
    assertThat(pod.getSeccompProfile().getType())
        .as("%s seccomp", what)
        .isEqualTo("RuntimeDefault");
    assertThat(container).as("%s: container securityContext", what).isNotNull();
    assertThat(container.getAllowPrivilegeEscalation())
        .as("%s allowPrivilegeEscalation", what)
        .isFalse();
    assertThat(container.getReadOnlyRootFilesystem())
        .as("%s readOnlyRootFilesystem", what)
        .isTrue();
    assertThat(container.getPrivileged()).as("%s privileged", what).isFalse();
    assertThat(container.getRunAsNonRoot())
        .as("%s container runAsNonRoot", what)
        .isNotEqualTo(Boolean.FALSE);
    assertThat(container.getRunAsUser())
        .as("%s container runAsUser overrides nothing", what)
        .isIn(null, UID);
    assertThat(container.getCapabilities().getDrop()).as("%s drops", what).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).as("%s adds", what).isNullOrEmpty();
  }

  /** /tmp is a size-limited emptyDir, the one writable path besides the data volume. */
  static void assertScratch(String what, List<VolumeMount> mounts, List<Volume> volumes) {
    VolumeMount tmp =
        mounts.stream()
            .filter(m -> m.getMountPath().equals("/tmp"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(what + ": no /tmp mount"));
    Volume scratch =
        volumes.stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
    assertThat(scratch.getEmptyDir()).as("%s /tmp", what).isNotNull();
    assertThat(scratch.getEmptyDir().getSizeLimit()).as("%s /tmp size limit", what).isNotNull();
    assertThat(volumes)
        .as("%s volumes", what)
        .allSatisfy(v -> assertThat(v.getHostPath()).isNull());
  }

  @Test
  void theCronJobsPodIsHardenedWithLimitsAndRunsTheCli() {
    CronJob cronJob = Manifests.one(all, CronJob.class, "fleetcost-nightly");
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isEqualTo("fleetcost");
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);
    assertHardened("CronJob", pod.getSecurityContext(), container.getSecurityContext());
    assertScratch("CronJob", container.getVolumeMounts(), pod.getVolumes());
    assertThat(container.getImage()).isEqualTo(IMAGE);
    assertThat(container.getCommand()).as("the image's entrypoint runs").isNullOrEmpty();
    assertThat(container.getArgs()).containsExactly("run", "/etc/fleetcost/nightly.yaml");
    Map<String, Quantity> limits = container.getResources().getLimits();
    Map<String, Quantity> requests = container.getResources().getRequests();
    assertThat(limits).containsKeys("cpu", "memory", "ephemeral-storage");
    assertThat(requests).containsKeys("cpu", "memory", "ephemeral-storage");
    assertThat(Quantity.getAmountInBytes(limits.get("memory")))
        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getPodFailurePolicy().getRules())
        .anySatisfy(r -> assertThat(r.getAction()).isEqualTo("FailJob"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @Test
  void theSparkApplicationsDriverAndExecutorsAreHardenedSizedAndUseTheImagesEntrypoint()
      throws IOException {
    GenericKubernetesResource scheduled =
        Manifests.custom(all, "ScheduledSparkApplication", "fleetcost-nightly-cluster");
    assertThat(scheduled.getApiVersion()).isEqualTo("sparkoperator.k8s.io/v1beta2");
    assertThat((String) scheduled.get("spec", "concurrencyPolicy")).isEqualTo("Forbid");
    Map<String, Object> app = map(scheduled.get("spec", "template"));
    assertThat(app)
        .containsEntry("type", "Java")
        .containsEntry("mode", "cluster")
        .containsEntry("image", IMAGE);
    assertThat(app)
        .containsEntry("mainClass", "io.fleetcost.cli.FleetCostMain")
        .containsEntry("mainApplicationFile", "local:///opt/fleetcost/fleetcost.jar");
    assertThat(app.get("sparkVersion")).isEqualTo(pomProperty("spark.version"));
    assertThat((List<String>) app.get("arguments"))
        .containsExactly(
            "run",
            "/etc/fleetcost/nightly.yaml",
            "--master",
            "k8s://https://kubernetes.default.svc");
    List<Volume> volumes =
        List.of(Manifests.SERIALIZATION.convertValue(app.get("volumes"), Volume[].class));
    assertThat(volumes).allSatisfy(v -> assertThat(Manifests.unknownFields(v)).isEmpty());
    NetworkPolicy internal =
        Manifests.one(all, NetworkPolicy.class, "fleetcost-spark-cluster-internal");

    for (String role : List.of("driver", "executor")) {
      Map<String, Object> spec = map(app.get(role));
      PodSecurityContext podContext =
          Manifests.SERIALIZATION.convertValue(
              spec.get("podSecurityContext"), PodSecurityContext.class);
      SecurityContext containerContext =
          Manifests.SERIALIZATION.convertValue(spec.get("securityContext"), SecurityContext.class);
      assertThat(Manifests.unknownFields(podContext)).isEmpty();
      assertThat(Manifests.unknownFields(containerContext)).isEmpty();
      assertHardened(role, podContext, containerContext);
      VolumeMount[] mounts =
          Manifests.SERIALIZATION.convertValue(spec.get("volumeMounts"), VolumeMount[].class);
      assertScratch(role, List.of(mounts), volumes);
      assertThat(mounts).extracting(VolumeMount::getMountPath).contains("/data");
      // cores and a core limit (the operator's coreLimit is the pod's cpu limit), memory in Spark's
      // format
      assertThat(spec.get("cores")).as("%s cores", role).isInstanceOf(Integer.class);
      assertThat(spec.get("coreLimit"))
          .as("%s coreLimit", role)
          .isEqualTo(String.valueOf(spec.get("cores")));
      assertThat((String) spec.get("memory")).as("%s memory", role).matches("\\d+[mg]");
      assertThat(spec.get("image")).as("%s overrides no image", role).isNull();
      // the labels the cluster-internal network policy selects
      assertThat(map(spec.get("labels")))
          .containsAllEntriesOf(internal.getSpec().getPodSelector().getMatchLabels());
    }
    Map<String, Object> driver = map(app.get("driver"));
    Map<String, Object> executor = map(app.get("executor"));
    assertThat(executor.get("instances")).isEqualTo(2);
    assertThat((List<Object>) driver.get("configMaps"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(map(c))
                    .containsEntry("name", "fleetcost-job")
                    .containsEntry("path", "/etc/fleetcost"));
    assertThat(Manifests.one(all, ConfigMap.class, "fleetcost-job").getData())
        .containsKey("nightly.yaml");
    assertThat(executor.get("configMaps")).as("executors do not read the job file").isNull();

    // the driver's account has the API token and is the one the Role is bound to; the executors'
    // has none
    ServiceAccount driverAccount =
        Manifests.one(all, ServiceAccount.class, (String) driver.get("serviceAccount"));
    ServiceAccount executorAccount =
        Manifests.one(all, ServiceAccount.class, (String) executor.get("serviceAccount"));
    assertThat(driverAccount.getAutomountServiceAccountToken()).isTrue();
    assertThat(executorAccount.getAutomountServiceAccountToken()).isFalse();
    assertThat(Manifests.one(all, RoleBinding.class, "fleetcost-spark-driver").getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo(driverAccount.getMetadata().getName()));

    // /data is a claim every pod can mount at once
    String claim =
        volumes.stream()
            .filter(v -> v.getName().equals("data"))
            .findFirst()
            .orElseThrow()
            .getPersistentVolumeClaim()
            .getClaimName();
    assertThat(Manifests.one(all, PersistentVolumeClaim.class, claim).getSpec().getAccessModes())
        .containsExactly("ReadWriteMany");
  }

  @Test
  void theSparkSubmitPodTemplatesAreHardenedLikeTheOthers() {
    for (String role : List.of("driver", "executor")) {
      Pod template = Manifests.one(all, Pod.class, "fleetcost-" + role + "-template");
      PodSpec pod = template.getSpec();
      assertThat(pod.getContainers())
          .singleElement()
          .satisfies(c -> assertThat(c.getName()).isEqualTo("spark-kubernetes-" + role));
      Container container = pod.getContainers().get(0);
      assertHardened(role + " template", pod.getSecurityContext(), container.getSecurityContext());
      assertScratch(role + " template", container.getVolumeMounts(), pod.getVolumes());
      assertThat(container.getImage()).isEqualTo(IMAGE);
      assertThat(pod.getServiceAccountName())
          .isEqualTo(role.equals("driver") ? "fleetcost-spark" : "fleetcost");
      assertThat(pod.getAutomountServiceAccountToken()).isEqualTo(role.equals("driver"));
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getPersistentVolumeClaim() != null)
          .singleElement()
          .satisfies(
              v ->
                  assertThat(v.getPersistentVolumeClaim().getClaimName())
                      .isEqualTo("fleetcost-data-shared"));
    }
  }

  @Test
  void oneImageEverywhereAndItIsTheOneTheDockerfileBuilds() throws IOException {
    String dockerfile = Files.readString(TestPaths.PROJECT.resolve("deploy/Dockerfile"));
    assertThat(dockerfile).contains("docker build -f deploy/Dockerfile -t " + IMAGE + " .");
    assertThat(dockerfile)
        .contains(
            "org.opencontainers.image.version=\""
                + IMAGE.substring(IMAGE.lastIndexOf(':') + 1)
                + "\"");
    assertThat(Files.readString(TestPaths.PROJECT.resolve("deploy/spark-submit/submit.sh")))
        .contains("FLEETCOST_IMAGE:-" + IMAGE + "}");
    Pattern image = Pattern.compile("(?m)^\\s*-?\\s*image:\\s*(\\S+)");
    for (Loaded l : all) {
      Matcher m = image.matcher(Files.readString(l.file()));
      while (m.find()) {
        assertThat(m.group(1)).as("image in %s", l.file()).isEqualTo(IMAGE);
      }
    }
  }

  static String pomProperty(String name) throws IOException {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(Files.readString(TestPaths.PROJECT.resolve("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
