package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/**
 * Creating PersistentVolumes allows a hostPath volume: the node's filesystem. The verbs, groups and
 * resources of Kubescape's C-0278 (rules/rule-can-create-pv/raw.rego L28–L36), but only through a
 * ClusterRoleBinding (PersistentVolumes are cluster-scoped), so not mapped to it.
 */
final class RbacCreatePersistentVolumes extends RbacCheck {
  RbacCreatePersistentVolumes() {
    super(
        new CheckInfo(
            "rbac-create-persistent-volumes",
            "Subject can create PersistentVolumes",
            "rbac",
            5,
            List.of("ClusterRole", "ClusterRoleBinding"),
            List.of(),
            List.of(),
            "Provision volumes through StorageClasses and PersistentVolumeClaims; keep PersistentVolume create to"
                + " administrators."));
  }

  @Override
  boolean matches(JsonNode rule) {
    return Rbac.grants(rule, Set.of("create"), Set.of(""), Set.of("persistentvolumes"));
  }

  @Override
  boolean clusterScopedOnly() {
    return true;
  }

  @Override
  String what() {
    return "can create PersistentVolumes";
  }
}
