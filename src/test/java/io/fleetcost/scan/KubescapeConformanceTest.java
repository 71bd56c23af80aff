package io.fleetcost.scan;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.scan.rule.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Kubescape control a check claims ({@link CheckInfo#kubescape}) against hand-made manifests
 * that follow the control's Rego in kubescape/regolibrary. Each case is one scan of a few objects
 * and states Kubescape's verdict on one resource (a workload, a Namespace, a binding, or an RBAC
 * subject), with the line of the rule's raw.rego that decides it; the versions read are listed
 * below (docs/security-checks.md, "Kubescape controls", points here). FleetCost's verdict on the
 * resource for a control is "fails" when a check claiming the control has a finding on it (two
 * checks may share a control: host-pid and host-ipc are C-0038, rbac-escalate-bind and
 * rbac-impersonate are C-0191).
 *
 * <p>Kubescape evaluates Pod, Deployment, ReplicaSet, DaemonSet, StatefulSet, Job and CronJob (and
 * Namespaces, RBAC subjects and bindings); FleetCost applies the same tests to the pod templates of
 * other kinds as well (custom resources such as a PyTorchJob), which Kubescape does not read. The
 * cases use Kubescape's kinds.
 *
 * <p>The raw.rego read, as stored from kubescape/regolibrary (commit of the file's version;
 * "newest" where the newest stored version was found by its content and has no commit recorded):
 * rule-privileged-container newest (init and ephemeral containers), rule-allow-privilege-escalation
 * 0be7a5b, immutable-container-filesystem 0525a45, alert-any-hostpath 092885b, alert-rw-hostpath
 * 103648d, containers-mounting-docker-socket 0e81d40, host-network-access 1e4ef19,
 * host-pid-ipc-privileges 23bd81c, container-hostPort 0be7a5b, automount-service-account newest
 * ("honours Kubernetes precedence"; no rule on ServiceAccount objects), resources-cpu-requests
 * 002a5b7, resources-memory-requests 0e81d40, resources-cpu-limits 889545c, resources-memory-limits
 * 6780d5e, image-pull-policy-is-not-set-to-always 16b239c, naked-pods 61a5c1e,
 * pods-in-default-namespace 1e4ef19, rule-can-create-pod 2b15810, rule-can-bind-escalate 22233d3,
 * rule-can-impersonate-users-groups-v1 2c49dd1, rule-can-create-service-account-token 0e81d40,
 * rule-can-portforward-v1 109654a, rule-list-all-cluster-admins-v1 0e81d40,
 * anonymous-access-enabled 423f6d7, system-authenticated-allowed-to-take-over-cluster 7662ff5,
 * internal-networking newest (CiliumClusterwideNetworkPolicy coverage),
 * ensure_network_policy_configured_in_labels 0830cad, ingress-and-egress-blocked newest (Cilium
 * policies, the specs form), set-seccomp-profile-RuntimeDefault 22233d3, rule-secrets-in-env-var
 * 563d35e, pod-security-admission-applied f283759. Default configuration from
 * default-config-inputs.json 0e56b33 (no floatingImageTags).
 */
class KubescapeConformanceTest {
  @TempDir Path dir;

  /**
   * Controls no check claims any more, and why: a check must not claim them again without cases.
   */
  static final Map<String, String> DROPPED =
      Map.ofEntries(
          entry(
              "C-0002",
              "rbac-exec-attach follows Polaris: get as well as create, pods/attach as well as pods/exec"),
          entry(
              "C-0012",
              "secret-in-env and configmap-credentials match whole name parts; Kubescape matches substrings"
                  + " (TOKENIZERS_PARALLELISM, MONKEY) and marker words in values"),
          entry(
              "C-0013",
              "Kubescape also fails containers that allow privilege escalation and passes runAsUser 0 with"
                  + " runAsNonRoot; runs-as-root follows Polaris"),
          entry(
              "C-0015",
              "rbac-read-secrets lets resourceNames restrict a rule; Kubescape ignores resourceNames"),
          entry(
              "C-0018",
              "readiness-probe-missing judges long-running controllers only; Kubescape every pod, Jobs too"),
          entry(
              "C-0046",
              "dangerous-capabilities matches names in any case and with CAP_, in init containers too"),
          entry(
              "C-0055",
              "linux-hardening wants RuntimeDefault or Localhost seccomp and drop ALL; Kubescape accepts any"
                  + " seccompProfile and any drop list"),
          entry(
              "C-0056",
              "liveness-probe-missing judges long-running controllers only; Kubescape every pod, Jobs too"),
          entry("C-0185", "rbac-cluster-admin follows Polaris (seven verbs count as *)"),
          entry("C-0186", "as C-0015"),
          entry(
              "C-0189",
              "Kubescape judges default ServiceAccounts and namespaces without another ServiceAccount;"
                  + " rbac-default-service-account judges bindings to default"),
          entry(
              "C-0278",
              "rbac-create-persistent-volumes counts ClusterRoleBindings only (a RoleBinding cannot grant a"
                  + " cluster-scoped resource); Kubescape counts RoleBindings too"),
          entry("C-0279", "as C-0278, for nodes/proxy"),
          entry("C-0280", "as C-0278, for certificate signing request approval"),
          entry("C-0281", "as C-0278, for webhook configurations"));

  /**
   * One manifest set and Kubescape's verdict on one resource ({@code Kind/namespace/name}) of it.
   */
  record Case(String resource, String manifests, boolean kubescapeFails) {}

  static Case fails(String resource, String... documents) {
    return new Case(resource, String.join("\n---\n", documents), true);
  }

  static Case passes(String resource, String... documents) {
    return new Case(resource, String.join("\n---\n", documents), false);
  }

  // Manifests, in YAML's flow style. Workloads live in namespace ml and carry the label app:
  // <name>.

  static final String IMAGE = "registry.example.com/app:1.0";

  static String container(String fields) {
    return "{name: main, image: " + IMAGE + (fields.isEmpty() ? "" : ", " + fields) + "}";
  }

  /** A pod spec with one container. */
  static String spec(String containerFields) {
    return "{containers: [" + container(containerFields) + "]}";
  }

  static String pod(String name, String spec) {
    return "{apiVersion: v1, kind: Pod, metadata: {name: "
        + name
        + ", namespace: ml, labels: {app: "
        + name
        + "}}, spec: "
        + spec
        + "}";
  }

  static String workload(String kind, String name, String spec) {
    String api = kind.equals("Job") ? "batch/v1" : "apps/v1";
    return "{apiVersion: "
        + api
        + ", kind: "
        + kind
        + ", metadata: {name: "
        + name
        + ", namespace: ml}, spec: {selector:"
        + " {matchLabels: {app: "
        + name
        + "}}, template: {metadata: {labels: {app: "
        + name
        + "}}, spec: "
        + spec
        + "}}}";
  }

  static String cronJob(String name, String spec) {
    return "{apiVersion: batch/v1, kind: CronJob, metadata: {name: "
        + name
        + ", namespace: ml}, spec: {schedule: '0 1 * * *',"
        + " jobTemplate: {spec: {template: {metadata: {labels: {app: "
        + name
        + "}}, spec: "
        + spec
        + "}}}}}";
  }

  static String namespace(String name, String labels) {
    return "{apiVersion: v1, kind: Namespace, metadata: {name: "
        + name
        + (labels.isEmpty() ? "" : ", labels: " + labels)
        + "}}";
  }

  static String role(String name, String rules) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: "
        + name
        + ", namespace: ml}, rules: "
        + rules
        + "}";
  }

  static String clusterRole(String name, String rules) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: "
        + name
        + "}, rules: "
        + rules
        + "}";
  }

  static String roleBinding(String name, String roleKind, String roleName, String subject) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: "
        + name
        + ", namespace: ml},"
        + " roleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
        + roleKind
        + ", name: "
        + roleName
        + "}, subjects: ["
        + subject
        + "]}";
  }

  static String clusterRoleBinding(String name, String roleName, String subject) {
    return "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: '"
        + name
        + "'},"
        + " roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "
        + roleName
        + "}, subjects: ["
        + subject
        + "]}";
  }

  static String group(String name) {
    return "{apiGroup: rbac.authorization.k8s.io, kind: Group, name: '" + name + "'}";
  }

  static String user(String name) {
    return "{apiGroup: rbac.authorization.k8s.io, kind: User, name: '" + name + "'}";
  }

  /** A Role in ml with one rule, bound to the Group devs. */
  static String[] roleForDevs(String rule) {
    return new String[] {
      role("r", "[" + rule + "]"), roleBinding("rb", "Role", "r", group("devs"))
    };
  }

  static final String DEVS = "Group//devs";

  static String networkPolicy(String name, String namespace, String spec) {
    return "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: "
        + name
        + ", namespace: "
        + namespace
        + "}, spec: "
        + spec
        + "}";
  }

  static String ciliumPolicy(String name, String namespace, String specs) {
    return "{apiVersion: cilium.io/v2, kind: CiliumNetworkPolicy, metadata: {name: "
        + name
        + ", namespace: "
        + namespace
        + "}, "
        + specs
        + "}";
  }

  static String clusterwideCiliumPolicy(String name, String specs) {
    return "{apiVersion: cilium.io/v2, kind: CiliumClusterwideNetworkPolicy, metadata: {name: "
        + name
        + "}, "
        + specs
        + "}";
  }

  static final String WEB = "Deployment/ml/web";
  static final String WEB_DEPLOYMENT = workload("Deployment", "web", spec(""));

  // The cases, per control. "L<n>" is the line of the rule's raw.rego.

  /** C-0057 Privileged container: rules/rule-privileged-container/raw.rego. */
  static List<Case> privilegedContainer() {
    return List.of(
        // L209: container.securityContext.privileged == true (L74: a Deployment)
        fails(
            "Deployment/ml/p",
            workload("Deployment", "p", spec("securityContext: {privileged: true}"))),
        // L202-L203: SYS_ADMIN in capabilities.add, privileged not set (L139: a CronJob)
        fails(
            "CronJob/ml/c",
            cronJob("c", spec("securityContext: {capabilities: {add: [SYS_ADMIN]}}"))),
        // L31: initContainers count, L209
        fails(
            "Pod/ml/i",
            pod(
                "i",
                "{initContainers: ["
                    + container("securityContext: {privileged: true}")
                    + "], containers: ["
                    + container("")
                    + "]}")),
        // L119: ephemeralContainers of a workload's template count too, L209
        fails(
            "DaemonSet/ml/e",
            workload(
                "DaemonSet",
                "e",
                "{containers: ["
                    + container("")
                    + "], ephemeralContainers: ["
                    + container("securityContext: {privileged: true}")
                    + "]}")),
        // L203: the name is compared exactly; sys_admin is not SYS_ADMIN
        passes("Pod/ml/l", pod("l", spec("securityContext: {capabilities: {add: [sys_admin]}}"))),
        // L209: privileged: false
        passes(
            "Job/ml/f",
            workload(
                "Job",
                "f",
                spec(
                    "securityContext: {privileged: false, capabilities: {add: [NET_BIND_SERVICE]}}"))));
  }

  /** C-0016 Allow privilege escalation: rules/rule-allow-privilege-escalation/raw.rego. */
  static List<Case> privilegeEscalation() {
    String psp =
        "{apiVersion: policy/v1beta1, kind: PodSecurityPolicy, metadata: {name: restricted}, spec: %s}";
    return List.of(
        // L79-L82: allowPrivilegeEscalation neither false nor true, no PodSecurityPolicy
        fails("Pod/ml/u", pod("u", spec(""))),
        // L100-L102: allowPrivilegeEscalation == true
        fails(
            WEB,
            workload(
                "Deployment", "web", spec("securityContext: {allowPrivilegeEscalation: true}"))),
        // L79: false passes
        passes(
            WEB,
            workload(
                "Deployment", "web", spec("securityContext: {allowPrivilegeEscalation: false}"))),
        // L8: app containers only; the init container's unset field is not read
        passes(
            "Pod/ml/i",
            pod(
                "i",
                "{initContainers: ["
                    + container("")
                    + "], containers: ["
                    + container("securityContext: {allowPrivilegeEscalation: false}")
                    + "]}")),
        // L91-L93: a PodSecurityPolicy in the input that forbids escalation
        passes(WEB, WEB_DEPLOYMENT, psp.formatted("{allowPrivilegeEscalation: false}")),
        // L91-L93: a PodSecurityPolicy that does not forbid it
        fails(WEB, WEB_DEPLOYMENT, psp.formatted("{privileged: false}")));
  }

  /** C-0017 Immutable container filesystem: rules/immutable-container-filesystem/raw.rego. */
  static List<Case> immutableFilesystem() {
    return List.of(
        // L69: readOnlyRootFilesystem == false
        fails(
            WEB,
            workload(
                "Deployment", "web", spec("securityContext: {readOnlyRootFilesystem: false}"))),
        // L73-L74: not set
        fails("CronJob/ml/c", cronJob("c", spec(""))),
        // L74: true passes
        passes(
            WEB,
            workload("Deployment", "web", spec("securityContext: {readOnlyRootFilesystem: true}"))),
        // L8: app containers only
        passes(
            "Pod/ml/i",
            pod(
                "i",
                "{initContainers: ["
                    + container("")
                    + "], containers: ["
                    + container("securityContext: {readOnlyRootFilesystem: true}")
                    + "]}")));
  }

  /** C-0048 HostPath mount: rules/alert-any-hostpath/raw.rego. */
  static List<Case> hostPath() {
    return List.of(
        // L73: volume.hostPath.path (L31: a StatefulSet)
        fails(
            "StatefulSet/ml/s",
            workload(
                "StatefulSet",
                "s",
                "{containers: ["
                    + container("")
                    + "], volumes: [{name: d,"
                    + " hostPath: {path: /mnt/datasets}}]}")),
        // L55: a CronJob's volumes, L73
        fails(
            "CronJob/ml/c",
            cronJob(
                "c",
                "{containers: ["
                    + container("")
                    + "], volumes: [{name: d, hostPath: {path: /var/log}}]}")),
        // L73: an emptyDir is not a hostPath
        passes(
            "Pod/ml/e",
            pod("e", "{containers: [" + container("") + "], volumes: [{name: d, emptyDir: {}}]}")));
  }

  /** C-0045 Writable hostPath mount: rules/alert-rw-hostpath/raw.rego. */
  static List<Case> writableHostPath() {
    String volumes = ", volumes: [{name: d, hostPath: {path: /mnt/datasets}}]}";
    return List.of(
        // L39-L42: a hostPath volume that an app container mounts; L85: not mount.readOnly
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: ["
                    + container("volumeMounts: [{name: d, mountPath: /d}]")
                    + "]"
                    + volumes)),
        // L85: readOnly: false
        fails(
            "Pod/ml/p",
            pod(
                "p",
                "{containers: ["
                    + container("volumeMounts: [{name: d, mountPath: /d, readOnly: false}]")
                    + "]"
                    + volumes)),
        // L85: readOnly: true passes
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: ["
                    + container("volumeMounts: [{name: d, mountPath: /d, readOnly: true}]")
                    + "]"
                    + volumes)),
        // L42: no container mounts the volume
        passes(
            WEB, workload("Deployment", "web", "{containers: [" + container("") + "]" + volumes)),
        // L40: an init container's mount is not read
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                "{initContainers: ["
                    + container("volumeMounts: [{name: d, mountPath: /d}]")
                    + "], containers: ["
                    + container("")
                    + "]"
                    + volumes)));
  }

  /** C-0074 Container runtime socket mounted: rules/containers-mounting-docker-socket/raw.rego. */
  static List<Case> runtimeSocket() {
    String mounts = "volumeMounts: [{name: s, mountPath: /var/run/x.sock}]";
    return List.of(
        // L75: /var/run/docker.sock; L34: a container with volumeMounts
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: ["
                    + container(mounts)
                    + "], volumes: [{name: s, hostPath:"
                    + " {path: /var/run/docker.sock}}]}")),
        // L83: /run/containerd/containerd.sock
        fails(
            "Pod/ml/p",
            pod(
                "p",
                "{containers: ["
                    + container(mounts)
                    + "], volumes: [{name: s, hostPath: {path:"
                    + " /run/containerd/containerd.sock}}]}")),
        // L74-L88: /var/run/containerd/containerd.sock is not one of the four paths
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: ["
                    + container(mounts)
                    + "], volumes: [{name: s, hostPath:"
                    + " {path: /var/run/containerd/containerd.sock}}]}")),
        // L12: no container has volumeMounts
        passes(
            "Pod/ml/n",
            pod(
                "n",
                "{containers: ["
                    + container("")
                    + "], volumes: [{name: s, hostPath: {path:"
                    + " /var/run/docker.sock}}]}")));
  }

  /** C-0041 HostNetwork access: rules/host-network-access/raw.rego. */
  static List<Case> hostNetwork() {
    return List.of(
        // L59: podspec.hostNetwork == true (L26: a workload's template)
        fails(
            "Job/ml/j",
            workload("Job", "j", "{hostNetwork: true, containers: [" + container("") + "]}")),
        // L8: a Pod, L59
        fails("Pod/ml/p", pod("p", "{hostNetwork: true, containers: [" + container("") + "]}")),
        // L59: false
        passes(
            WEB,
            workload(
                "Deployment", "web", "{hostNetwork: false, containers: [" + container("") + "]}")));
  }

  /**
   * C-0038 Host PID/IPC privileges: rules/host-pid-ipc-privileges/raw.rego (host-pid and host-ipc
   * together).
   */
  static List<Case> hostPidIpc() {
    return List.of(
        // L113: podspec.hostPID == true
        fails(
            WEB,
            workload("Deployment", "web", "{hostPID: true, containers: [" + container("") + "]}")),
        // L117: podspec.hostIPC == true (L95: a CronJob)
        fails("CronJob/ml/c", cronJob("c", "{hostIPC: true, containers: [" + container("") + "]}")),
        // L113, L117: both false
        passes(
            "Pod/ml/p",
            pod("p", "{hostPID: false, hostIPC: false, containers: [" + container("") + "]}")));
  }

  /** C-0044 Container hostPort: rules/container-hostPort/raw.rego. */
  static List<Case> hostPort() {
    return List.of(
        // L68: a port with hostPort
        fails(
            WEB,
            workload("Deployment", "web", spec("ports: [{containerPort: 80, hostPort: 8080}]"))),
        // L68: port.hostPort is 0, which Rego takes as true
        fails("Pod/ml/z", pod("z", spec("ports: [{containerPort: 80, hostPort: 0}]"))),
        // L68: no hostPort
        passes(WEB, workload("Deployment", "web", spec("ports: [{containerPort: 80}]"))),
        // L8: an init container's hostPort is not read
        passes(
            "Pod/ml/i",
            pod(
                "i",
                "{initContainers: ["
                    + container("ports: [{containerPort: 80, hostPort: 8080}]")
                    + "], containers: ["
                    + container("")
                    + "]}")));
  }

  /**
   * C-0034 and C-0190, Automatic mapping of service account:
   * rules/automount-service-account/raw.rego.
   */
  static List<Case> automountServiceAccountToken() {
    String account =
        "{apiVersion: v1, kind: ServiceAccount, metadata: {name: runner, namespace: ml}%s}";
    return List.of(
        // L81: the pod spec says true
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{automountServiceAccountToken: true, containers: [" + container("") + "]}")),
        // L90-L98: the pod says nothing, its ServiceAccount (serviceAccountName) does not say false
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{serviceAccountName: runner, containers: [" + container("") + "]}"),
            account.formatted("")),
        // L107-L111: the pod says nothing and no matching ServiceAccount is in the input
        fails("CronJob/ml/c", cronJob("c", spec(""))),
        // L81, L91: false in the pod spec passes
        passes(
            "Pod/ml/p",
            pod("p", "{automountServiceAccountToken: false, containers: [" + container("") + "]}")),
        // L98, L111: the pod says nothing, its ServiceAccount says false
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                "{serviceAccountName: runner, containers: [" + container("") + "]}"),
            account.formatted(", automountServiceAccountToken: false")),
        // L146-L153: is_same_sa reads serviceAccountName only, so the deprecated serviceAccount
        // field means default,
        // which is not in the input (L107-L111)
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{serviceAccount: runner, containers: [" + container("") + "]}"),
            account.formatted(", automountServiceAccountToken: false")),
        // L140-L143: a workload without a namespace is in default; L159-L161: so is a
        // ServiceAccount without one
        passes(
            "Job//j",
            "{apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {template: {spec: "
                + spec("")
                + "}}}",
            "{apiVersion: v1, kind: ServiceAccount, metadata: {name: default},"
                + " automountServiceAccountToken: false}"));
  }

  /** C-0268 Ensure CPU requests are set: rules/resources-cpu-requests/raw.rego. */
  static List<Case> cpuRequests() {
    return List.of(
        // L32: not container.resources.requests.cpu
        fails(WEB, workload("Deployment", "web", spec("resources: {requests: {memory: 1Gi}}"))),
        // L9: a Pod
        fails("Pod/ml/p", pod("p", spec(""))),
        // L32: set
        passes(WEB, workload("Deployment", "web", spec("resources: {requests: {cpu: 500m}}"))),
        // L8: app containers only
        passes(
            "Pod/ml/i",
            pod(
                "i",
                "{initContainers: ["
                    + container("")
                    + "], containers: ["
                    + container("resources: {requests: {cpu: '1'}}")
                    + "]}")));
  }

  /** C-0269 Ensure memory requests are set: rules/resources-memory-requests/raw.rego. */
  static List<Case> memoryRequests() {
    return List.of(
        // L30: not container.resources.requests.memory
        fails(WEB, workload("Deployment", "web", spec("resources: {requests: {cpu: '1'}}"))),
        // L30: set
        passes(WEB, workload("Deployment", "web", spec("resources: {requests: {memory: 2Gi}}"))));
  }

  /** C-0270 Ensure CPU limits are set: rules/resources-cpu-limits/raw.rego. */
  static List<Case> cpuLimits() {
    return List.of(
        // L33: not container.resources.limits.cpu
        fails(WEB, workload("Deployment", "web", spec("resources: {limits: {memory: 1Gi}}"))),
        // L12: a Pod
        fails("Pod/ml/p", pod("p", spec(""))),
        // L33: set
        passes(WEB, workload("Deployment", "web", spec("resources: {limits: {cpu: '2'}}"))));
  }

  /** C-0271 Ensure memory limits are set: rules/resources-memory-limits/raw.rego. */
  static List<Case> memoryLimits() {
    return List.of(
        // L30: not container.resources.limits.memory
        fails(WEB, workload("Deployment", "web", spec("resources: {limits: {cpu: '1'}}"))),
        // L48: a CronJob
        fails("CronJob/ml/c", cronJob("c", spec(""))),
        // L30: set
        passes(WEB, workload("Deployment", "web", spec("resources: {limits: {memory: 4Gi}}"))));
  }

  /**
   * C-0075 Image pull policy on latest tag: rules/image-pull-policy-is-not-set-to-always/raw.rego.
   */
  static List<Case> pullPolicy() {
    return List.of(
        // L65: a :latest tag, L79: IfNotPresent
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: [{name: main, image: 'app:latest', imagePullPolicy: IfNotPresent}]}")),
        // L70: no tag, L75: Never
        fails(
            "Pod/ml/p",
            pod("p", "{containers: [{name: main, image: app, imagePullPolicy: Never}]}")),
        // L82-L88: a registry port is not a tag (the match ends in /)
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: [{name: main, image: 'registry:5000/app', imagePullPolicy: IfNotPresent}]}")),
        // L74-L80: latest with the policy unset (Kubernetes pulls it always)
        passes(
            WEB,
            workload("Deployment", "web", "{containers: [{name: main, image: 'app:latest'}]}")),
        // L82-L88: a tag
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: [{name: main, image: 'app:1.4', imagePullPolicy: IfNotPresent}]}")),
        // L82-L88: a digest's :<hex> counts as a tag
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                "{containers: [{name: main, image: 'app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',"
                    + " imagePullPolicy: IfNotPresent}]}")));
  }

  /** C-0073 Naked pods: rules/naked-pods/raw.rego. */
  static List<Case> nakedPods() {
    return List.of(
        // L8: not pod.metadata.ownerReferences
        fails("Pod/ml/p", pod("p", spec(""))),
        // L8: an owner
        passes(
            "Pod/ml/o",
            "{apiVersion: v1, kind: Pod, metadata: {name: o, namespace: ml, ownerReferences: [{apiVersion:"
                + " apps/v1, kind: ReplicaSet, name: web-5d9c, uid: 1}]}, spec: "
                + spec("")
                + "}"));
  }

  /** C-0061 Pods in default namespace: rules/pods-in-default-namespace/raw.rego. */
  static List<Case> defaultNamespace() {
    return List.of(
        // L27: metadata.namespace == "default"
        fails(
            "Deployment/default/web",
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: default},"
                + " spec: {template: {spec: "
                + spec("")
                + "}}}"),
        // L34: no namespace
        fails(
            "CronJob//c",
            "{apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {jobTemplate: {spec: {template:"
                + " {spec: "
                + spec("")
                + "}}}}}"),
        // L27, L34: another namespace
        passes(WEB, WEB_DEPLOYMENT));
  }

  /** C-0188 Minimize access to create pods: rules/rule-can-create-pod/raw.rego. */
  static List<Case> createPods() {
    return List.of(
        // L18, L22, L26: create on pods in the core group
        fails(DEVS, roleForDevs("{apiGroups: [''], resources: [pods], verbs: [create]}")),
        // L18, L22, L26: * in each list
        fails(
            DEVS,
            clusterRole("all", "[{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]"),
            clusterRoleBinding("devs-all", "all", group("devs"))),
        // L26: deployments are not pods
        passes(DEVS, roleForDevs("{apiGroups: [apps], resources: [deployments], verbs: [create]}")),
        // L18: get is not create
        passes(DEVS, roleForDevs("{apiGroups: [''], resources: [pods], verbs: [get, list]}")));
  }

  /**
   * C-0191 Limit bind, impersonate and escalate: rules/rule-can-bind-escalate,
   * rules/rule-can-impersonate-users-groups-v1.
   */
  static List<Case> bindEscalateImpersonate() {
    return List.of(
        // rule-can-bind-escalate L72-L80: escalate on roles
        fails(
            DEVS,
            roleForDevs(
                "{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}")),
        // rule-can-bind-escalate L21-L29: bind on clusterroles
        fails(
            DEVS,
            roleForDevs(
                "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}")),
        // rule-can-impersonate-users-groups-v1 L15-L23: impersonate users
        fails(DEVS, roleForDevs("{apiGroups: [''], resources: [users], verbs: [impersonate]}")),
        // rule-can-bind-escalate L21, L72: get is neither bind nor escalate
        passes(
            DEVS,
            roleForDevs(
                "{apiGroups: [rbac.authorization.k8s.io], resources: [roles, clusterroles], verbs: [get, list]}")),
        // rule-can-bind-escalate L76: escalate in the core group does not count
        passes(DEVS, roleForDevs("{apiGroups: [''], resources: [roles], verbs: [escalate]}")));
  }

  /** C-0065 No impersonation: rules/rule-can-impersonate-users-groups-v1/raw.rego. */
  static List<Case> impersonate() {
    return List.of(
        // L15, L19, L23: impersonate on serviceaccounts
        fails(
            DEVS,
            roleForDevs("{apiGroups: [''], resources: [serviceaccounts], verbs: [impersonate]}")),
        // L15, L23: * verbs on groups
        fails(DEVS, roleForDevs("{apiGroups: ['*'], resources: [groups], verbs: ['*']}")),
        // L19, L23: userextras in authentication.k8s.io is not in the lists
        passes(
            DEVS,
            roleForDevs(
                "{apiGroups: [authentication.k8s.io], resources: [userextras/scopes], verbs: [impersonate]}")),
        // L15: bind is not impersonate
        passes(
            DEVS,
            roleForDevs(
                "{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [bind]}")));
  }

  /**
   * C-0282 Minimize access to service account token creation:
   * rules/rule-can-create-service-account-token/raw.rego.
   */
  static List<Case> serviceAccountTokens() {
    return List.of(
        // L21, L25, L29: create on serviceaccounts/token
        fails(
            DEVS,
            roleForDevs("{apiGroups: [''], resources: [serviceaccounts/token], verbs: [create]}")),
        // L21: get is not create
        passes(
            DEVS,
            roleForDevs("{apiGroups: [''], resources: [serviceaccounts/token], verbs: [get]}")),
        // L29: serviceaccounts is not serviceaccounts/token
        passes(
            DEVS, roleForDevs("{apiGroups: [''], resources: [serviceaccounts], verbs: [create]}")));
  }

  /** C-0063 Portforwarding privileges: rules/rule-can-portforward-v1/raw.rego. */
  static List<Case> portForward() {
    return List.of(
        // L14: get counts as well as create; L22: pods/portforward
        fails(DEVS, roleForDevs("{apiGroups: [''], resources: [pods/portforward], verbs: [get]}")),
        // L22: pods/* is in the list
        fails(DEVS, roleForDevs("{apiGroups: [''], resources: ['pods/*'], verbs: [create]}")),
        // L22: pods/exec is not
        passes(DEVS, roleForDevs("{apiGroups: [''], resources: [pods/exec], verbs: [create]}")),
        // L14: list is not in the verbs
        passes(
            DEVS, roleForDevs("{apiGroups: [''], resources: [pods/portforward], verbs: [list]}")));
  }

  /**
   * C-0035 Administrative Roles and C-0187 Minimize wildcard use:
   * rules/rule-list-all-cluster-admins-v1/raw.rego.
   */
  static List<Case> administrativeRoles() {
    return List.of(
        // L20, L24, L28: * verbs, * group, * resources through a ClusterRoleBinding
        fails(
            "ServiceAccount/ci/deployer",
            clusterRole("all", "[{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]"),
            clusterRoleBinding(
                "deployer-all", "all", "{kind: ServiceAccount, name: deployer, namespace: ci}")),
        // L24: the core group "" counts as well as *
        fails(DEVS, roleForDevs("{apiGroups: [''], resources: ['*'], verbs: ['*']}")),
        // L20: seven verbs are not * (Polaris counts them, Kubescape does not)
        passes(
            DEVS,
            roleForDevs(
                "{apiGroups: ['*'], resources: ['*'], verbs: [get, list, watch, create, update, patch, delete]}")),
        // L28: * verbs on pods only
        passes(DEVS, roleForDevs("{apiGroups: ['*'], resources: [pods], verbs: ['*']}")),
        // L24: * verbs and resources in the apps group only
        passes(DEVS, roleForDevs("{apiGroups: [apps], resources: ['*'], verbs: ['*']}")));
  }

  /**
   * C-0262 Anonymous user has RoleBinding: rules/anonymous-access-enabled/raw.rego; the binding is
   * the resource.
   */
  static List<Case> anonymousAccess() {
    return List.of(
        // L8, L24: a subject named system:anonymous
        fails(
            "RoleBinding/ml/rb",
            role("r", "[{apiGroups: [''], resources: [configmaps], verbs: [get]}]"),
            roleBinding("rb", "Role", "r", user("system:anonymous"))),
        // L28: system:unauthenticated; L5: every binding, a system: one too
        fails(
            "ClusterRoleBinding//system:public-info",
            clusterRoleBinding("system:public-info", "view", group("system:unauthenticated"))),
        // L24, L28: system:authenticated is neither
        passes(
            "ClusterRoleBinding//everyone",
            clusterRoleBinding("everyone", "view", group("system:authenticated"))));
  }

  /**
   * C-0265 system:authenticated user has elevated roles:
   * rules/system-authenticated-allowed-to-take-over-cluster/raw.rego.
   */
  static List<Case> authenticatedUsers() {
    String everyone = "Group//system:authenticated";
    return List.of(
        // L14, L17: the Group system:authenticated; L28: secrets, with any verb; L58-L63: a
        // ClusterRoleBinding and a ClusterRole
        fails(
            everyone,
            clusterRole("read-secrets", "[{apiGroups: [''], resources: [secrets], verbs: [get]}]"),
            clusterRoleBinding("all-read-secrets", "read-secrets", group("system:authenticated"))),
        // L28: nodes
        fails(
            everyone,
            clusterRole("nodes", "[{apiGroups: [''], resources: [nodes], verbs: [list]}]"),
            clusterRoleBinding("all-nodes", "nodes", group("system:authenticated"))),
        // L28: configmaps are not in the list
        passes(
            everyone,
            clusterRole("cms", "[{apiGroups: [''], resources: [configmaps], verbs: [get]}]"),
            clusterRoleBinding("all-cms", "cms", group("system:authenticated"))),
        // L50-L51: a RoleBinding is matched with a Role only, not with a ClusterRole
        passes(
            everyone,
            clusterRole("pods", "[{apiGroups: [''], resources: [pods], verbs: [get]}]"),
            roleBinding("all-pods", "ClusterRole", "pods", group("system:authenticated"))),
        // L14: a User of that name is not the Group
        passes(
            "User//system:authenticated",
            clusterRole("pods", "[{apiGroups: [''], resources: [pods], verbs: [get]}]"),
            clusterRoleBinding("user-pods", "pods", user("system:authenticated"))));
  }

  /**
   * C-0054, C-0206 and C-0049 (Cluster internal networking): rules/internal-networking/raw.rego.
   */
  static List<Case> internalNetworking() {
    String ml = "Namespace//ml";
    String allEndpoints = "endpointSelector: {}";
    return List.of(
        // L17, L21, L25: no policy names the namespace, no clusterwide policy covers it
        fails(ml, namespace("ml", "")),
        // L14-L17: any NetworkPolicy of the namespace, default-deny or not
        passes(
            ml,
            namespace("ml", ""),
            networkPolicy(
                "allow-web", "ml", "{podSelector: {matchLabels: {app: web}}, ingress: [{}]}")),
        // L42: a CiliumNetworkPolicy of the namespace
        passes(
            ml,
            namespace("ml", ""),
            ciliumPolicy("c", "ml", "spec: {" + allEndpoints + ", ingress: [{}]}")),
        // L17: a policy of another namespace
        fails(
            ml,
            namespace("ml", ""),
            networkPolicy("deny", "other", "{podSelector: {}, policyTypes: [Ingress]}")),
        // L60-L73, L107-L108: a clusterwide policy selecting every endpoint, with ingress rules
        passes(
            ml,
            namespace("ml", ""),
            clusterwideCiliumPolicy(
                "all", "spec: {" + allEndpoints + ", ingress: [{fromEntities: [cluster]}]}")),
        // L107-L113: selecting every endpoint without ingress or egress rules
        fails(
            ml,
            namespace("ml", ""),
            clusterwideCiliumPolicy("all", "spec: {" + allEndpoints + "}")),
        // L102-L105: default deny turned off in both directions
        fails(
            ml,
            namespace("ml", ""),
            clusterwideCiliumPolicy(
                "all",
                "spec: {"
                    + allEndpoints
                    + ", enableDefaultDeny: {ingress: false, egress: false}, egress: [{toEntities: [world]}]}")),
        // L90-L99: a clusterwide policy naming the namespace through
        // k8s:io.kubernetes.pod.namespace (the specs form)
        passes(
            ml,
            namespace("ml", ""),
            clusterwideCiliumPolicy(
                "ml-only",
                "specs: [{endpointSelector: {matchLabels: {'k8s:io.kubernetes.pod.namespace': ml}}, egress: [{toEntities: [kube-apiserver]}]}]")));
  }

  /** C-0260 Missing network policy: rules/ensure_network_policy_configured_in_labels/raw.rego. */
  static List<Case> missingNetworkPolicy() {
    return List.of(
        // L10: no policy
        fails(WEB, WEB_DEPLOYMENT),
        // L134: an empty podSelector in the namespace
        passes(
            WEB,
            WEB_DEPLOYMENT,
            networkPolicy("deny", "ml", "{podSelector: {}, policyTypes: [Ingress, Egress]}")),
        // L49-L50: every matchLabels pair is a label of the template
        passes(
            WEB,
            WEB_DEPLOYMENT,
            networkPolicy("web", "ml", "{podSelector: {matchLabels: {app: web}}}")),
        // L49-L50: matchExpressions are not read; a selector with them only selects nothing
        fails(
            WEB,
            WEB_DEPLOYMENT,
            networkPolicy(
                "web",
                "ml",
                "{podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}")),
        // L47: a policy of another namespace
        fails(WEB, WEB_DEPLOYMENT, networkPolicy("deny", "other", "{podSelector: {}}")),
        // L59-L60: a CiliumNetworkPolicy's endpointSelector matchLabels
        passes(
            WEB,
            WEB_DEPLOYMENT,
            ciliumPolicy("web", "ml", "spec: {endpointSelector: {matchLabels: {app: web}}}")),
        // L160: a CiliumClusterwideNetworkPolicy with an empty endpointSelector, any namespace
        passes(WEB, WEB_DEPLOYMENT, clusterwideCiliumPolicy("all", "spec: {endpointSelector: {}}")),
        // L57: a CiliumNetworkPolicy of another namespace
        fails(
            WEB,
            WEB_DEPLOYMENT,
            ciliumPolicy("web", "other", "spec: {endpointSelector: {matchLabels: {app: web}}}")),
        // L79-L80: a Pod's own labels
        passes(
            "Pod/ml/p",
            pod("p", spec("")),
            networkPolicy("p", "ml", "{podSelector: {matchLabels: {app: p}}}")),
        // L107-L108: a CronJob's job template labels
        passes(
            "CronJob/ml/c",
            cronJob("c", spec("")),
            networkPolicy("c", "ml", "{podSelector: {matchLabels: {app: c}}}")));
  }

  /** C-0030 Ingress and Egress blocked: rules/ingress-and-egress-blocked/raw.rego. */
  static List<Case> ingressEgressBlocked() {
    return List.of(
        // L97: no policy selects the workload
        fails(WEB, WEB_DEPLOYMENT),
        // L76: selected (L226), but the policy lists no policyTypes (L289, L294)
        fails(WEB, WEB_DEPLOYMENT, networkPolicy("all", "ml", "{podSelector: {}, ingress: [{}]}")),
        // L226, L289: an empty podSelector with Ingress
        passes(
            WEB,
            WEB_DEPLOYMENT,
            networkPolicy("deny-in", "ml", "{podSelector: {}, policyTypes: [Ingress]}")),
        // L234, L294: matching matchLabels with Egress
        passes(
            WEB,
            WEB_DEPLOYMENT,
            networkPolicy(
                "web-out",
                "ml",
                "{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}")),
        // L234: matchLabels that do not match select nothing (L97)
        fails(
            WEB,
            WEB_DEPLOYMENT,
            networkPolicy(
                "other",
                "ml",
                "{podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress, Egress]}")),
        // L19-L23, L177, L308: a CiliumNetworkPolicy in the specs form, matching labels, with
        // egress rules
        passes(
            WEB,
            WEB_DEPLOYMENT,
            ciliumPolicy(
                "web",
                "ml",
                "specs: [{endpointSelector: {matchLabels: {app: web}}, egress: [{toEntities: [world]}]}]")),
        // L184-L185 selects (empty endpointSelector), L302, L308: but has no ingress or egress
        // rules (L76)
        fails(WEB, WEB_DEPLOYMENT, ciliumPolicy("all", "ml", "spec: {endpointSelector: {}}")),
        // L177, L314: a CiliumClusterwideNetworkPolicy with matching labels and ingress rules
        passes(
            WEB,
            WEB_DEPLOYMENT,
            clusterwideCiliumPolicy(
                "web", "spec: {endpointSelector: {matchLabels: {app: web}}, ingress: [{}]}")),
        // L184-L185: matchExpressions make a selector selective, and matchLabels are absent (L176):
        // nothing selected (L97)
        fails(
            WEB,
            WEB_DEPLOYMENT,
            ciliumPolicy(
                "expr",
                "ml",
                "spec: {endpointSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}, ingress: [{}]}")),
        // L53: a Pod no policy selects
        fails(
            "Pod/ml/p",
            pod("p", spec("")),
            networkPolicy(
                "other", "ml", "{podSelector: {matchLabels: {app: q}}, policyTypes: [Ingress]}")));
  }

  /** C-0210 Seccomp profile RuntimeDefault: rules/set-seccomp-profile-RuntimeDefault/raw.rego. */
  static List<Case> seccompRuntimeDefault() {
    return List.of(
        // L106: neither the container nor the pod names a profile
        fails(WEB, WEB_DEPLOYMENT),
        // L98: the pod's RuntimeDefault
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                "{securityContext: {seccompProfile: {type: RuntimeDefault}}, containers: ["
                    + container("")
                    + "]}")),
        // L93: the container's own type, not RuntimeDefault, wins over the pod's
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                "{securityContext: {seccompProfile: {type: RuntimeDefault}}, containers: ["
                    + container("securityContext: {seccompProfile: {type: Unconfined}}")
                    + "]}")),
        // L89: the container's RuntimeDefault wins over the pod's Localhost
        passes(
            "Pod/ml/p",
            pod(
                "p",
                "{securityContext: {seccompProfile: {type: Localhost, localhostProfile: x.json}}, containers: ["
                    + container("securityContext: {seccompProfile: {type: RuntimeDefault}}")
                    + "]}")),
        // L102: the pod's Localhost profile is not RuntimeDefault
        fails(
            "CronJob/ml/c",
            cronJob(
                "c",
                "{securityContext: {seccompProfile: {type: Localhost, localhostProfile: x.json}},"
                    + " containers: ["
                    + container("")
                    + "]}")));
  }

  /** C-0207 Prefer using secrets as files: rules/rule-secrets-in-env-var/raw.rego. */
  static List<Case> secretsInEnv() {
    return List.of(
        // L31: env[].valueFrom.secretKeyRef
        fails(
            WEB,
            workload(
                "Deployment",
                "web",
                spec(
                    "env: [{name: HF_TOKEN, valueFrom: {secretKeyRef: {name: hf, key: token}}}]"))),
        // L9: a Pod
        fails(
            "Pod/ml/p",
            pod(
                "p",
                spec(
                    "env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]"))),
        // L31: a ConfigMap reference is not a Secret
        passes(
            WEB,
            workload(
                "Deployment",
                "web",
                spec(
                    "env: [{name: MODEL, valueFrom: {configMapKeyRef: {name: cfg, key: model}}}]"))),
        // L30: envFrom is not read
        passes(WEB, workload("Deployment", "web", spec("envFrom: [{secretRef: {name: s3}}]"))),
        // L29: app containers only
        passes(
            "Pod/ml/i",
            pod(
                "i",
                "{initContainers: ["
                    + container("env: [{name: T, valueFrom: {secretKeyRef: {name: t, key: t}}}]")
                    + "], containers: ["
                    + container("")
                    + "]}")));
  }

  /**
   * C-0192 Ensure the cluster has an active policy control mechanism:
   * rules/pod-security-admission-applied/raw.rego.
   */
  static List<Case> podSecurityAdmission() {
    String ml = "Namespace//ml";
    String webhook =
        "{apiVersion: admissionregistration.k8s.io/v1, kind: ValidatingWebhookConfiguration, metadata: {name: kyverno},"
            + " webhooks: [{name: validate.kyverno.svc, rules: [{apiGroups: [''], apiVersions: [v1], operations: [CREATE],"
            + " resources: [pods]%s}]}]}";
    return List.of(
        // L9, L26-L27: no pod-security.kubernetes.io/ label
        fails(ml, namespace("ml", "{team: research}")),
        // L27: any pod-security.kubernetes.io/ label, warn only too
        passes(ml, namespace("ml", "{pod-security.kubernetes.io/warn: baseline}")),
        // L6, L33: a webhook rule scoped other than Cluster guards every namespace
        passes(ml, namespace("ml", ""), webhook.formatted(", scope: Namespaced")),
        // L33: a rule without a scope does not count
        fails(ml, namespace("ml", ""), webhook.formatted("")),
        // L33: nor does scope Cluster
        fails(ml, namespace("ml", ""), webhook.formatted(", scope: Cluster")));
  }

  /** Control id -> its cases. */
  static final Map<String, List<Case>> CASES =
      Map.ofEntries(
          entry("C-0057", privilegedContainer()),
          entry("C-0016", privilegeEscalation()),
          entry("C-0017", immutableFilesystem()),
          entry("C-0048", hostPath()),
          entry("C-0045", writableHostPath()),
          entry("C-0074", runtimeSocket()),
          entry("C-0041", hostNetwork()),
          entry("C-0038", hostPidIpc()),
          entry("C-0044", hostPort()),
          entry("C-0034", automountServiceAccountToken()),
          entry("C-0190", automountServiceAccountToken()),
          entry("C-0268", cpuRequests()),
          entry("C-0269", memoryRequests()),
          entry("C-0270", cpuLimits()),
          entry("C-0271", memoryLimits()),
          entry("C-0075", pullPolicy()),
          entry("C-0073", nakedPods()),
          entry("C-0061", defaultNamespace()),
          entry("C-0188", createPods()),
          entry("C-0191", bindEscalateImpersonate()),
          entry("C-0065", impersonate()),
          entry("C-0282", serviceAccountTokens()),
          entry("C-0063", portForward()),
          entry("C-0035", administrativeRoles()),
          entry("C-0187", administrativeRoles()),
          entry("C-0262", anonymousAccess()),
          entry("C-0265", authenticatedUsers()),
          entry("C-0054", internalNetworking()),
          entry("C-0206", internalNetworking()),
          entry("C-0049", internalNetworking()),
          entry("C-0260", missingNetworkPolicy()),
          entry("C-0030", ingressEgressBlocked()),
          entry("C-0210", seccompRuntimeDefault()),
          entry("C-0207", secretsInEnv()),
          entry("C-0192", podSecurityAdmission()));

  static Set<String> claimed() {
    Set<String> ids = new TreeSet<>();
    Checks.all().forEach(c -> ids.addAll(c.info().kubescape()));
    return ids;
  }

  private ScanResult scan(Case c, int index) {
    try {
      Path file = Files.writeString(dir.resolve("case-" + index + ".yaml"), c.manifests());
      ManifestLoader.Loaded loaded = new ManifestLoader().load(List.of(file));
      assertThat(loaded.files())
          .allSatisfy(
              f -> assertThat(f.status()).as(c.manifests()).isEqualTo(ScannedFile.Status.READ));
      return new Scanner(Checks.all())
          .scan("case", new ClusterView(loaded.manifests()), loaded.files());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a control's cases; every disagreement with Kubescape is listed. */
  private void conforms(String control) {
    List<Case> cases = CASES.getOrDefault(control, List.of());
    assertThat(cases).as("cases for " + control).isNotEmpty();
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      ScanResult result = scan(c, i);
      int evaluated =
          result.checks().stream()
              .filter(r -> r.check().kubescape().contains(control))
              .mapToInt(CheckResult::evaluated)
              .sum();
      assertThat(evaluated).as("%s case %d evaluated nothing", control, i).isPositive();
      boolean weFail =
          result.findings().stream()
              .filter(f -> f.check().kubescape().contains(control))
              .anyMatch(
                  f -> Evaluation.key(f.kind(), f.namespace(), f.name()).equals(c.resource()));
      if (weFail != c.kubescapeFails()) {
        disagreements.add(
            "case "
                + i
                + " "
                + c.resource()
                + ": Kubescape "
                + (c.kubescapeFails() ? "fails" : "passes")
                + ", FleetCost "
                + (weFail ? "fails" : "passes")
                + "\n    "
                + c.manifests().replace("\n", "\n    "));
      }
    }
    assertThat(disagreements).as(control).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyClaimedControlAgreesWithItsRego() {
    return claimed().stream()
        .map(control -> DynamicTest.dynamicTest(control, () -> conforms(control)));
  }

  @Test
  void everyClaimedControlHasPassAndFailCasesAndNoCaseIsForAnUnclaimedOne() {
    assertThat(CASES.keySet()).containsExactlyInAnyOrderElementsOf(claimed());
    Map<String, String> counts = new TreeMap<>();
    CASES.forEach(
        (control, cases) -> {
          long failing = cases.stream().filter(Case::kubescapeFails).count();
          assertThat(failing).as("failing cases of " + control).isPositive();
          assertThat(cases.size() - failing).as("passing cases of " + control).isPositive();
          counts.put(control, (cases.size() - failing) + " pass / " + failing + " fail");
        });
    counts.forEach((control, n) -> System.out.println("  " + control + "  " + n));
  }

  @Test
  void noCheckClaimsADroppedControl() {
    assertThat(claimed()).doesNotContainAnyElementsOf(DROPPED.keySet());
  }
}
