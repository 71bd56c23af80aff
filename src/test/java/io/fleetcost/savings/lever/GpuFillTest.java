package io.fleetcost.savings.lever;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.MigProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One GPU's MIG slices as packing fills them, and the GPUs a set of workloads needs. */
class GpuFillTest {
  /** A100-40GB in packing order: 7g.40gb, 4g.20gb, 3g.20gb, 2g.10gb, 1g.10gb, 1g.5gb. */
  private static final List<MigProfile> ORDER =
      MigLever.packingOrder(Catalog.bundled().migProfiles("A100-40GB"));

  private static int profile(String name) {
    for (int i = 0; i < ORDER.size(); i++) {
      if (ORDER.get(i).profile().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static GpuFill empty() {
    return new GpuFill(ORDER, GpuFill.instanceKeys(ORDER));
  }

  @Test
  void anEmptyGpuTakesAsManyOfAProfileAsItsSlicesAndInstancesAllow() {
    assertThat(empty().isEmpty()).isTrue();
    assertThat(empty().capacity(profile("7g.40gb"))).isEqualTo(1);
    assertThat(empty().capacity(profile("3g.20gb"))).isEqualTo(2);
    assertThat(empty().capacity(profile("1g.10gb"))).isEqualTo(4);
    assertThat(empty().capacity(profile("1g.5gb"))).isEqualTo(7);
  }

  @Test
  void aProfileGoesAtTheFirstAllowedStartWithFreeMemorySlices() {
    GpuFill fill = empty();
    fill.place(profile("4g.20gb"), fill.start(profile("4g.20gb")));

    assertThat(fill.isEmpty()).isFalse();
    assertThat(fill.start(profile("4g.20gb"))).isEqualTo(-1); // one instance at most
    assertThat(fill.start(profile("3g.20gb"))).isEqualTo(4);
    fill.place(profile("3g.20gb"), 4);
    assertThat(fill.start(profile("1g.5gb"))).isEqualTo(-1); // the 7 compute slices are taken
  }

  @Test
  void plusFillsACopyAndLeavesTheGpuAsItWas() {
    GpuFill fill = empty();
    GpuFill next = fill.plus(profile("1g.5gb"), 3);

    assertThat(fill.capacity(profile("1g.5gb"))).isEqualTo(7);
    assertThat(next.capacity(profile("1g.5gb"))).isEqualTo(4);
  }

  @Test
  void gpusNeededCountsTheGpusFirstFitFills() {
    int[] workloads = new int[ORDER.size()];
    workloads[profile("1g.5gb")] = 7;
    assertThat(GpusNeeded.of(ORDER, workloads)).isEqualTo(1);
    workloads[profile("1g.5gb")] = 8;
    assertThat(GpusNeeded.of(ORDER, workloads)).isEqualTo(2);

    int[] large = new int[ORDER.size()];
    large[profile("4g.20gb")] = 3;
    large[profile("3g.20gb")] = 3;
    assertThat(GpusNeeded.of(ORDER, large)).isEqualTo(3); // each 4g shares its GPU with a 3g
    assertThat(GpusNeeded.of(ORDER, new int[ORDER.size()])).isZero();
  }
}
