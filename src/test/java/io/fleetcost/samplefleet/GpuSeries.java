package io.fleetcost.samplefleet;

import java.util.Arrays;
import java.util.Objects;

/**
 * One GPU's samples at the fleet's fixed step from its start. The arrays are copied in and out, so
 * a series cannot change after it is built; writers read single samples with {@link #utilAt(int)}
 * and {@link #memoryUsedAt(int)}.
 *
 * @param modelName as nvidia-smi and DCGM report it, e.g. {@code NVIDIA A100-SXM4-80GB}
 * @param namespace the Kubernetes namespace of the pod using the GPU; null when no pod uses it
 * @param pod the pod using the GPU; null on plain VMs and for an unallocated GPU of a node
 * @param container the pod's container using the GPU; null when {@code pod} is
 * @param utilPercent GPU utilization, 0–100
 * @param memoryUsedMib frame buffer used, 0–{@code memoryTotalMib}
 */
public record GpuSeries(
    int index,
    String uuid,
    String modelName,
    int memoryTotalMib,
    String namespace,
    String pod,
    String container,
    double[] utilPercent,
    double[] memoryUsedMib) {
  public GpuSeries {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    Objects.requireNonNull(uuid, "uuid is null");
    Objects.requireNonNull(modelName, "modelName is null");
    if (memoryTotalMib <= 0) {
      throw new IllegalArgumentException("memoryTotalMib must be positive for " + uuid);
    }
    if (pod == null && (namespace != null || container != null)) {
      throw new IllegalArgumentException(
          "a GPU without a pod has no namespace or container: " + uuid);
    }
    utilPercent = Objects.requireNonNull(utilPercent, "utilPercent is null").clone();
    memoryUsedMib = Objects.requireNonNull(memoryUsedMib, "memoryUsedMib is null").clone();
    if (utilPercent.length != memoryUsedMib.length) {
      throw new IllegalArgumentException(
          "utilPercent and memoryUsedMib differ in length for "
              + uuid
              + ": "
              + utilPercent.length
              + " and "
              + memoryUsedMib.length);
    }
    for (int step = 0; step < utilPercent.length; step++) {
      if (!(utilPercent[step] >= 0 && utilPercent[step] <= 100)) {
        throw new IllegalArgumentException(
            "utilization of " + uuid + " at step " + step + " is not 0–100: " + utilPercent[step]);
      }
      if (!(memoryUsedMib[step] >= 0 && memoryUsedMib[step] <= memoryTotalMib)) {
        throw new IllegalArgumentException(
            "memory used of "
                + uuid
                + " at step "
                + step
                + " is not 0–"
                + memoryTotalMib
                + ": "
                + memoryUsedMib[step]);
      }
    }
  }

  /**
   * The shape of the brief's model, for a GPU whose pod's container name is not known (no container
   * label).
   */
  public GpuSeries(
      int index,
      String uuid,
      String modelName,
      int memoryTotalMib,
      String namespace,
      String pod,
      double[] utilPercent,
      double[] memoryUsedMib) {
    this(index, uuid, modelName, memoryTotalMib, namespace, pod, null, utilPercent, memoryUsedMib);
  }

  public int steps() {
    return utilPercent.length;
  }

  public double utilAt(int step) {
    return utilPercent[step];
  }

  public double memoryUsedAt(int step) {
    return memoryUsedMib[step];
  }

  @Override
  public double[] utilPercent() {
    return utilPercent.clone();
  }

  @Override
  public double[] memoryUsedMib() {
    return memoryUsedMib.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GpuSeries that
        && index == that.index
        && memoryTotalMib == that.memoryTotalMib
        && uuid.equals(that.uuid)
        && modelName.equals(that.modelName)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(pod, that.pod)
        && Objects.equals(container, that.container)
        && Arrays.equals(utilPercent, that.utilPercent)
        && Arrays.equals(memoryUsedMib, that.memoryUsedMib);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, uuid, modelName, memoryTotalMib, namespace, pod, container)
        + 31 * Arrays.hashCode(utilPercent)
        + 961 * Arrays.hashCode(memoryUsedMib);
  }

  @Override
  public String toString() {
    return "GpuSeries[index="
        + index
        + ", uuid="
        + uuid
        + ", modelName="
        + modelName
        + ", pod="
        + pod
        + ", steps="
        + utilPercent.length
        + "]";
  }
}
