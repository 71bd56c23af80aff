package io.fleetcost.savings.lever;

import io.fleetcost.catalog.MigProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * How many GPUs {@link MigLever#pack} uses for these workloads, whatever the pool: first-fit
 * decreasing run on groups of consecutive GPUs filled alike rather than on single GPUs and
 * workloads, so the time depends on the number of profiles only.
 */
final class GpusNeeded {
  private GpusNeeded() {}

  /**
   * @param order the table's {@link MigLever#packingOrder}
   * @param workloads how many workloads need each profile of {@code order}
   */
  static int of(List<MigProfile> order, int[] workloads) {
    int[] instanceKeys = GpuFill.instanceKeys(order);
    List<FilledAlike> groups = new ArrayList<>();
    for (int profile = 0; profile < order.size(); profile++) {
      int left = workloads[profile];
      for (int g = 0; g < groups.size() && left > 0; g++) {
        FilledAlike group = groups.get(g);
        int perGpu = group.fill().capacity(profile);
        if (perGpu == 0) {
          continue;
        }
        if (left >= perGpu * group.gpus()) {
          groups.set(g, new FilledAlike(group.fill().plus(profile, perGpu), group.gpus()));
          left -= perGpu * group.gpus();
          continue;
        }
        // the first GPUs of the group take perGpu each, the next one the rest, the others stay as
        // they are
        int full = left / perGpu;
        int rest = left % perGpu;
        List<FilledAlike> split = new ArrayList<>();
        if (full > 0) {
          split.add(new FilledAlike(group.fill().plus(profile, perGpu), full));
        }
        if (rest > 0) {
          split.add(new FilledAlike(group.fill().plus(profile, rest), 1));
        }
        int unchanged = group.gpus() - full - (rest > 0 ? 1 : 0);
        if (unchanged > 0) {
          split.add(new FilledAlike(group.fill(), unchanged));
        }
        groups.remove(g);
        groups.addAll(g, split);
        left = 0;
      }
      if (left > 0) {
        GpuFill empty = new GpuFill(order, instanceKeys);
        int perGpu = empty.capacity(profile);
        if (left / perGpu > 0) {
          groups.add(new FilledAlike(empty.plus(profile, perGpu), left / perGpu));
        }
        if (left % perGpu > 0) {
          groups.add(new FilledAlike(empty.plus(profile, left % perGpu), 1));
        }
      }
    }
    return groups.stream().mapToInt(FilledAlike::gpus).sum();
  }

  /** A run of consecutive GPUs that hold the same slices. */
  private record FilledAlike(GpuFill fill, int gpus) {}
}
