package io.fleetcost.savings.lever;

import io.fleetcost.catalog.MigProfile;
import java.util.List;

/**
 * What one GPU holds: its used memory slices, compute slices and instances per profile. It only
 * fills up.
 */
final class GpuFill {
  private final List<MigProfile> order;
  private final int[] instanceKeys;
  private final int[] instances;
  private int memoryUsed; // one bit per memory slice
  private int compute;

  GpuFill(List<MigProfile> order, int[] instanceKeys) {
    this.order = order;
    this.instanceKeys = instanceKeys;
    this.instances = new int[order.size()];
  }

  private GpuFill(GpuFill other) {
    this.order = other.order;
    this.instanceKeys = other.instanceKeys;
    this.instances = other.instances.clone();
    this.memoryUsed = other.memoryUsed;
    this.compute = other.compute;
  }

  /** The first allowed start slice where the profile fits now, or -1. */
  int start(int profile) {
    MigProfile p = order.get(profile);
    if (compute + p.computeSlices() > MigProfile.COMPUTE_SLICES
        || instances[instanceKeys[profile]] >= p.maxInstances()) {
      return -1;
    }
    int slices = (1 << p.memorySlices()) - 1;
    for (int start : p.placements()) {
      if ((memoryUsed & (slices << start)) == 0) {
        return start;
      }
    }
    return -1;
  }

  void place(int profile, int start) {
    MigProfile p = order.get(profile);
    memoryUsed |= ((1 << p.memorySlices()) - 1) << start;
    compute += p.computeSlices();
    instances[instanceKeys[profile]]++;
  }

  boolean isEmpty() {
    return compute == 0;
  }

  /** How many workloads of the profile it takes one after the other. */
  int capacity(int profile) {
    GpuFill trial = new GpuFill(this);
    int taken = 0;
    for (int start = trial.start(profile); start >= 0; start = trial.start(profile)) {
      trial.place(profile, start);
      taken++;
    }
    return taken;
  }

  /**
   * A copy with {@code count} more workloads of the profile, each at the first start slice free.
   */
  GpuFill plus(int profile, int count) {
    GpuFill next = new GpuFill(this);
    for (int i = 0; i < count; i++) {
      next.place(profile, next.start(profile));
    }
    return next;
  }

  /**
   * Per profile of the order, the index of the first profile with its name: instances are counted
   * per name.
   */
  static int[] instanceKeys(List<MigProfile> order) {
    int[] keys = new int[order.size()];
    for (int i = 0; i < order.size(); i++) {
      keys[i] = i;
      for (int j = 0; j < i; j++) {
        if (order.get(j).profile().equals(order.get(i).profile())) {
          keys[i] = j;
          break;
        }
      }
    }
    return keys;
  }
}
