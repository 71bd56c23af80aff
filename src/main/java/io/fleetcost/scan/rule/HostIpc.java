package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import java.util.List;

/**
 * hostIPC shares the node's shared memory with the pod (NCCL does not need it: use an emptyDir with
 * medium Memory).
 */
final class HostIpc extends HostNamespace {
  HostIpc() {
    super(
        new CheckInfo(
            "host-ipc",
            "Pod shares the host IPC namespace",
            "workload",
            7,
            List.of("workloads"),
            List.of("hostIPCSet"),
            List.of("C-0038"),
            "Remove hostIPC: true; for PyTorch/NCCL shared memory mount an emptyDir with medium: Memory at /dev/shm."),
        "hostIPC",
        "IPC namespace");
  }
}
