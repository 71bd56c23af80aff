package io.fleetcost.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.scan.rule.NamespaceWithoutDefaultDeny;
import io.fleetcost.scan.rule.ServiceExposedOutsideCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FleetCost's own network rules (no peer has them): default deny, NetworkPolicy or Cilium, and
 * Service exposure.
 */
class NetworkRulesTest {
  @TempDir Path dir;

  static final String NAMESPACE = "{apiVersion: v1, kind: Namespace, metadata: {name: ml}}";

  private List<String> failing(Check check, String... documents) throws IOException {
    Path file = Files.writeString(dir.resolve("m.yaml"), String.join("\n---\n", documents));
    ManifestLoader.Loaded loaded = new ManifestLoader().load(List.of(file));
    ScanResult result =
        new Scanner(List.of(check)).scan("t", new ClusterView(loaded.manifests()), loaded.files());
    assertThat(result.checks().get(0).evaluated()).isPositive();
    return result.findings().stream().map(f -> f.name() + ": " + f.message()).toList();
  }

  @Test
  void aNetworkPolicyDenyingBothDirectionsToEveryPodIsADefaultDeny() throws IOException {
    String deny =
        "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: deny, namespace: ml},"
            + " spec: {podSelector: {}, policyTypes: [Ingress, Egress]}}";
    assertThat(failing(new NamespaceWithoutDefaultDeny(), NAMESPACE, deny)).isEmpty();
    // ingress only: the policy's effective types are its policyTypes
    assertThat(
            failing(
                new NamespaceWithoutDefaultDeny(),
                NAMESPACE,
                deny.replace("[Ingress, Egress]", "[Ingress]")))
        .singleElement()
        .asString()
        .contains("for egress")
        .doesNotContain("ingress and");
  }

  @Test
  void ciliumDefaultDenyIsEveryEndpointSelectedWithEmptyRules() throws IOException {
    String cilium =
        "{apiVersion: cilium.io/v2, kind: CiliumNetworkPolicy, metadata: {name: deny, namespace: ml},"
            + " spec: {endpointSelector: {}, ingress: [{}], egress: [{}]}}";
    assertThat(failing(new NamespaceWithoutDefaultDeny(), NAMESPACE, cilium)).isEmpty();
    // a rule that allows something is not a deny
    assertThat(
            failing(
                new NamespaceWithoutDefaultDeny(),
                NAMESPACE,
                cilium.replace("egress: [{}]", "egress: [{toEntities: [world]}]")))
        .singleElement()
        .asString()
        .contains("for egress");
    // default deny turned off for ingress
    assertThat(
            failing(
                new NamespaceWithoutDefaultDeny(),
                NAMESPACE,
                cilium.replace(
                    "ingress: [{}]", "ingress: [{}], enableDefaultDeny: {ingress: false}")))
        .singleElement()
        .asString()
        .contains("for ingress");
    // a policy of another namespace denies nothing here
    assertThat(
            failing(
                new NamespaceWithoutDefaultDeny(),
                NAMESPACE,
                cilium.replace("namespace: ml", "namespace: other")))
        .filteredOn(f -> f.startsWith("ml:"))
        .singleElement()
        .asString()
        .contains("ingress and egress");
  }

  @Test
  void aClusterwideCiliumDefaultDenyCoversEveryNamespaceOrTheOneItNames() throws IOException {
    String clusterwide =
        "{apiVersion: cilium.io/v2, kind: CiliumClusterwideNetworkPolicy, metadata: {name: deny},"
            + " specs: [{endpointSelector: {}, ingress: [{}], egress: [{}]}]}";
    assertThat(failing(new NamespaceWithoutDefaultDeny(), NAMESPACE, clusterwide)).isEmpty();
    String named =
        clusterwide.replace(
            "endpointSelector: {}",
            "endpointSelector: {matchLabels: {'k8s:io.kubernetes.pod.namespace': ml}}");
    assertThat(failing(new NamespaceWithoutDefaultDeny(), NAMESPACE, named)).isEmpty();
    assertThat(
            failing(
                new NamespaceWithoutDefaultDeny(),
                NAMESPACE,
                named.replace("pod.namespace': ml", "pod.namespace': other")))
        .hasSize(1);
  }

  @Test
  void nodePortsAndPublicLoadBalancersAreExposedInternalOrRestrictedOnesAreNot()
      throws IOException {
    String service =
        "{apiVersion: v1, kind: Service, metadata: {name: s, namespace: ml%s}, spec: {type: %s, ports: [{port: 80}]%s}}";
    assertThat(failing(new ServiceExposedOutsideCluster(), service.formatted("", "NodePort", "")))
        .hasSize(1);
    assertThat(
            failing(new ServiceExposedOutsideCluster(), service.formatted("", "LoadBalancer", "")))
        .hasSize(1);
    assertThat(failing(new ServiceExposedOutsideCluster(), service.formatted("", "ClusterIP", "")))
        .isEmpty();
    assertThat(
            failing(
                new ServiceExposedOutsideCluster(),
                service.formatted(
                    ", annotations: {networking.gke.io/load-balancer-type: Internal}",
                    "LoadBalancer",
                    "")))
        .isEmpty();
    assertThat(
            failing(
                new ServiceExposedOutsideCluster(),
                service.formatted("", "LoadBalancer", ", loadBalancerSourceRanges: [10.0.0.0/8]")))
        .isEmpty();
  }
}
