package io.fleetcost.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The merge pass of {@link GpuProfiles#fromDays} without Spark: rows sorted by GPU in, one row per
 * GPU with samples and one per pod on it out, the GPUs' rows as each GPU's days are read.
 */
class GpuProfileMergePassTest {
  @Test
  void eachGpusDaysMergeIntoItsRowFollowedByItsPodsShares() {
    List<Row> in =
        List.of(
            day(1, null, 10, 36_000, 400, 1_000, 2_000, List.of(400), List.of(10L)),
            day(1, 7L, 5, 18_000, 250, 5_000, 6_000, List.of(500), List.of(5L)),
            day(1, 8L, 0, 0, 0, 0, 0, List.of(), List.of()),
            day(2, null, 0, 0, 0, 0, 0, List.of(), List.of()),
            day(3, null, 4, 7_200, 40, 3_000, 4_000, List.of(100), List.of(4L)));

    List<Row> out = new ArrayList<>();
    new GpuProfileMergePass().call(in.iterator()).forEachRemaining(out::add);

    // GPU 1: its own row, then pod 7's share (pod 8 has no samples); GPU 2 has none; then GPU 3
    assertThat(out)
        .extracting(r -> r.get(0) + "/" + r.get(16))
        .containsExactly("1/null", "1/7", "3/null");
    Row gpu = out.get(0);
    assertThat(gpu.getLong(1)).isEqualTo(15);
    assertThat(gpu.getDouble(2)).isEqualTo(15d);
    assertThat(gpu.getDouble(3)).isCloseTo(650d / 15, within(1e-12));
    assertThat(gpu.getDouble(4)).isCloseTo(40d, within(0.05));
    assertThat(gpu.getDouble(5)).isCloseTo(50d, within(0.05));
    assertThat(gpu.getDouble(6)).isCloseTo(50d, within(0.05));
    assertThat(gpu.getLong(14)).isEqualTo(1_000);
    assertThat(gpu.getLong(15)).isEqualTo(6_000);
    assertThat(gpu.isNullAt(19)).isTrue();
    Row pod = out.get(1);
    assertThat(pod.getLong(1)).isEqualTo(5);
    assertThat(pod.getDouble(2)).isEqualTo(5d);
    assertThat(pod.getLong(14)).isEqualTo(5_000);
    assertThat(pod.isNullAt(10)).isTrue();
    assertThat((Integer[]) pod.get(19)).containsExactly(500);
    assertThat((Long[]) pod.get(20)).containsExactly(5L);
    assertThat(out.get(2).getLong(1)).isEqualTo(4);
  }

  @Test
  void aPartitionWithoutRowsGivesNone() {
    Iterator<Row> out = new GpuProfileMergePass().call(List.<Row>of().iterator());
    assertThat(out.hasNext()).isFalse();
  }

  /** A row of the pass's input: GPU ref, pod ref, then {@link GpuDays#STATS}. */
  private static Row day(
      long gpu,
      Long pod,
      long samples,
      double seconds,
      double activitySum,
      long first,
      long last,
      List<Integer> bins,
      List<Long> counts) {
    return RowFactory.create(
        gpu,
        pod,
        samples,
        seconds,
        activitySum,
        samples == 0 ? null : activitySum / samples,
        seconds,
        0d,
        samples == 0 ? null : first,
        samples == 0 ? null : last,
        last,
        seq(bins),
        seq(counts),
        seq(List.<Double>of()),
        seq(List.<Long>of()),
        null,
        null);
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> values) {
    return CollectionConverters.asScala(values).toList();
  }
}
