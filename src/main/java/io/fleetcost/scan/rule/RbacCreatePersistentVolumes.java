package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.Rbac;
import java.util.List;
import java.util.Set;

/** Creating PersistentVolumes allows a hostPath volume: the node's filesystem. */
public final class RbacCreatePersistentVolumes extends RbacCheck {
  public RbacCreatePersistentVolumes() {
    super(
        new CheckInfo(
            "rbac-create-persistent-volumes", "Subject can create PersistentVolumes", "rbac", 5,
            List.of("ClusterRole", "ClusterRoleBinding"), List.of(), List.of("C-0278"),
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
