package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import java.util.List;

/** Every check FleetCost runs, in the order of the README's catalogue. */
public final class Checks {
  private Checks() {}

  public static List<Check> all() {
    return List.of(
        new PrivilegedContainer(),
        new PrivilegeEscalation(),
        new RunsAsRoot(),
        new AddedCapabilities(),
        new CapabilitiesNotDropped(),
        new WritableRootFilesystem(),
        new HostPath(),
        new RuntimeSocketMount(),
        new HostNetwork(),
        new HostPid(),
        new HostIpc(),
        new HostPort(),
        new ProcMount(),
        new LinuxHardening(),
        new AutomountServiceAccountToken(),
        new SecretInEnv(),
        new CpuRequestsMissing(),
        new MemoryRequestsMissing(),
        new CpuLimitsMissing(),
        new MemoryLimitsMissing(),
        new GpuLimitsWithoutRequests(),
        new FloatingImageTag(),
        new PullPolicyFloating(),
        new LivenessProbeMissing(),
        new ReadinessProbeMissing(),
        new NakedPod(),
        new DefaultNamespace(),
        new ConfigMapCredentials(),
        new RbacClusterAdmin(),
        new RbacWildcard(),
        new RbacReadSecrets(),
        new RbacExecAttach(),
        new RbacCreatePods(),
        new RbacEscalation(),
        new RbacNodesProxy(),
        new RbacCreatePersistentVolumes(),
        new RbacServiceAccountTokens(),
        new RbacDefaultServiceAccount(),
        new RbacAnonymousAccess(),
        new RbacBindingToMissingRole(),
        new NamespaceWithoutDefaultDeny(),
        new WorkloadWithoutNetworkPolicy(),
        new IngressWithoutTls(),
        new SpotWithoutDisruptionProtection(),
        new UntaggedSpend());
  }
}
