package io.fleetcost.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The daily aggregates and their merge, by hand: no Spark. */
class GpuDayAggregatesTest {
  private static final long MINUTE = 60_000_000L;
  private static final long DAY = 1440 * MINUTE;
  private static final double NONE = Double.NaN;

  @Test
  void aDayIsSummedPerLabelSetWithEachSampleStandingForTheGapToTheNext() {
    GpuDaySeries day = new GpuDaySeries();
    // label set 7 (pod a) at 0, 15, 30 min; label set 9 (pod b) at 45 min; a sample without
    // activity at 60 min
    day.add(0, 10.0, 1000, 80000, 7);
    day.add(15 * MINUTE, 50.0, 3000, 80000, 7);
    day.add(30 * MINUTE, 0.0, 2000, 80000, 7);
    day.add(45 * MINUTE, 99.9, 4000, 80000, 9);
    day.add(60 * MINUTE, NONE, NONE, NONE, 9);

    // gap limit 20 min, active >= 5 %, idle < 1 %
    List<GpuDaySeries.LabelSetDay> sums = day.summarize(1200, 5, 1);

    assertThat(sums).extracting(GpuDaySeries.LabelSetDay::labelSet).containsExactly(7L, 9L);
    GpuDaySeries.LabelSetDay a = sums.get(0);
    assertThat(a.samples()).isEqualTo(3);
    assertThat(a.seconds()).isEqualTo(3 * 900d); // 15 min each
    assertThat(a.activitySum()).isEqualTo(60.0); // 10 + 50 + 0
    assertThat(a.activityMax()).isEqualTo(50.0);
    assertThat(a.activeSeconds()).isEqualTo(2 * 900d); // 10 and 50 are >= 5
    assertThat(a.idleSeconds()).isEqualTo(900d); // 0 is < 1
    assertThat(a.memory().values()).containsExactly(1000, 2000, 3000);
    assertThat(a.memoryMax()).isEqualTo(3000);
    assertThat(a.firstMicros()).isZero();
    assertThat(a.lastMicros()).isEqualTo(30 * MINUTE);
    GpuDaySeries.LabelSetDay b = sums.get(1);
    // 45 min stands for 15 min (to the sample at 60 min, which has no activity and counts for
    // nothing itself)
    assertThat(b.samples()).isEqualTo(1);
    assertThat(b.seconds()).isEqualTo(900d);
    assertThat(b.newestMicros())
        .as("any sample, with or without an activity")
        .isEqualTo(60 * MINUTE);
    assertThat(b.histogram().percentile(0.5)).isEqualTo(99.9);
  }

  @Test
  void theLastSampleOfADayStandsForTheGapBeforeItAndLongGapsAreCapped() {
    GpuDaySeries day = new GpuDaySeries();
    day.add(DAY - 90 * MINUTE, 20, NONE, NONE, 1);
    day.add(DAY - 15 * MINUTE, 40, NONE, NONE, 1);
    GpuDaySeries.LabelSetDay sums = day.summarize(1200, 5, 1).get(0);
    // 75 min to the next sample, capped at 20 min; the day's last: the 75 min before it, capped
    // again
    assertThat(sums.seconds()).isEqualTo(2 * 1200d);
    assertThat(sums.memory().values()).isEmpty();
    assertThat(sums.memoryMax()).isNaN();
  }

  @Test
  void mergedDaysGiveTheWindowsPercentilesAndSums() {
    // day 1: 10, 20, 30; day 2: 40, 50 (label set 1), 60 (label set 2), every sample 900 s
    GpuDaySeries one = new GpuDaySeries();
    one.add(0, 10, 100, 200, 1);
    one.add(15 * MINUTE, 20, 300, 200, 1);
    one.add(30 * MINUTE, 30, 200, 200, 1);
    GpuDaySeries two = new GpuDaySeries();
    two.add(DAY, 40, 100, 200, 1);
    two.add(DAY + 15 * MINUTE, 50, 100, 200, 1);
    two.add(DAY + 30 * MINUTE, 60, 500, 200, 2);

    GpuDayTotals totals = new GpuDayTotals();
    one.summarize(1200, 35, 15).forEach(totals::add);
    two.summarize(1200, 35, 15).forEach(totals::add);

    assertThat(totals.samples()).isEqualTo(6);
    assertThat(totals.seconds()).isEqualTo(6 * 900d);
    assertThat(totals.mean()).isCloseTo(35.0, within(1e-12)); // 210 / 6
    // nearest rank: p50 → ceil(3) = 3rd of 10..60 = 30; p95 → ceil(5.7) = 6th = 60
    assertThat(totals.percentile(0.5)).isEqualTo(30.0);
    assertThat(totals.percentile(0.95)).isEqualTo(60.0);
    assertThat(totals.max()).isEqualTo(60.0);
    assertThat(totals.activeSeconds()).isEqualTo(3 * 900d); // 40, 50, 60 >= 35
    assertThat(totals.idleSeconds()).isEqualTo(900d); // 10 < 15
    // memory 100, 100, 100, 200, 300, 500: p50 → 3rd = 100; p99 → ceil(5.94) = 6th = 500
    assertThat(totals.memoryPercentile(0.5)).isEqualTo(100.0);
    assertThat(totals.memoryPercentile(0.99)).isEqualTo(500.0);
    assertThat(totals.memoryTotalMax()).isEqualTo(200.0);
    assertThat(totals.first()).isZero();
    assertThat(totals.last()).isEqualTo(DAY + 30 * MINUTE);
  }

  @Test
  void valueCountsMergeSortedListsExactly() {
    ValueCounts counts = ValueCounts.of(new double[] {5, 1, 5, NONE, 3}, 5);
    assertThat(counts.values()).containsExactly(1, 3, 5);
    assertThat(counts.counts()).containsExactly(1, 1, 2);
    counts.merge(new double[] {2, 3, 9}, new long[] {4, 1, 1});
    assertThat(counts.values()).containsExactly(1, 2, 3, 5, 9);
    assertThat(counts.counts()).containsExactly(1, 4, 2, 2, 1);
    // 10 values: p50 → 5th (1, 2, 2, 2, 2) = 2; p90 → 9th = 5; p100 → 9
    assertThat(counts.nearestRank(0.5)).isEqualTo(2.0);
    assertThat(counts.nearestRank(0.9)).isEqualTo(5.0);
    assertThat(counts.nearestRank(1.0)).isEqualTo(9.0);
    assertThat(new ValueCounts().nearestRank(0.5)).isNaN();
  }

  @Test
  void histogramPercentilesAreExactOnTenthsAndWithinAHalfTenthOtherwise() {
    ActivityHistogram histogram = new ActivityHistogram();
    histogram.add(12.3);
    histogram.add(12.34);
    histogram.add(99.96);
    assertThat(histogram.percentile(0.33)).as("rank ceil(0.99) = 1").isEqualTo(12.3);
    assertThat(histogram.percentile(0.66))
        .as("rank ceil(1.98) = 2: 12.34, in the 12.3 bin")
        .isEqualTo(12.3);
    assertThat(histogram.percentile(1.0)).as("99.96 in the 100.0 bin").isEqualTo(100.0);
  }
}
