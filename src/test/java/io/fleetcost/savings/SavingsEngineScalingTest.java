package io.fleetcost.savings;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.bench.SyntheticFleet;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.SavingsThresholds;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The MIG pool searches' work, counted rather than timed, grows about as the fleet does: on the
 * benchmark's synthetic fleets ({@link SyntheticFleet}: four Kubernetes clusters whatever the size,
 * so that MIG pools grow with the fleet), ten times the GPUs take at most fifteen times the steps
 * (classes of moves weighed, class trees searched, GPUs tried by the final packings). The search as
 * it was, which packed the pool again for every move of every round, weighs about forty times the
 * moves for ten times the GPUs, each move a packing of the whole pool.
 */
class SavingsEngineScalingTest {
  static final Catalog CATALOG = Catalog.bundled();
  static final long SEED = 20261127L;

  @Test
  void tenTimesTheGpusTakeAtMostFifteenTimesTheMigSearchSteps() {
    SavingsEngine engine = new SavingsEngine(CATALOG, SavingsThresholds.DEFAULTS);
    List<BilledResource> small = SyntheticFleet.assembled(CATALOG, 1_000, SEED);
    List<BilledResource> large = SyntheticFleet.assembled(CATALOG, 10_000, SEED);
    LongAdder smallSteps = new LongAdder();
    LongAdder largeSteps = new LongAdder();
    SavingsResult smallResult = engine.evaluate(small, smallSteps);
    SavingsResult largeResult = engine.evaluate(large, largeSteps);

    double gpus = (double) gpus(large) / gpus(small);
    assertThat(gpus).isBetween(9.8, 10.2);
    assertThat(migShare(largeResult))
        .as("MIG is a large part of the large fleet's savings")
        .isGreaterThan(0.1);
    assertThat(migShare(smallResult)).isGreaterThan(0.1);
    assertThat(smallSteps.sum()).isPositive();
    assertThat((double) largeSteps.sum() / smallSteps.sum())
        .as("steps %d and %d", smallSteps.sum(), largeSteps.sum())
        .isLessThanOrEqualTo(1.5 * gpus);
  }

  private static int gpus(List<BilledResource> fleet) {
    return fleet.stream().mapToInt(r -> r.gpus().size()).sum();
  }

  private static double migShare(SavingsResult result) {
    double all =
        result.opportunities().stream().mapToDouble(o -> o.monthlySaving().doubleValue()).sum();
    double mig =
        result.opportunities().stream()
            .filter(o -> o.lever() == Lever.MIG)
            .mapToDouble(o -> o.monthlySaving().doubleValue())
            .sum();
    return mig / all;
  }
}
