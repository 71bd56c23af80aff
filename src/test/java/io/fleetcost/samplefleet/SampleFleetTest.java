package io.fleetcost.samplefleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.catalog.Catalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sample fleet has the shape issue 3 asks of it, looks like real fleets, and its README lists
 * every case.
 */
class SampleFleetTest {
  static final SampleFleet.Plan PLAN = SampleFleet.build();
  static final Catalog CATALOG = Catalog.bundled();

  private static List<FleetInstance> withTelemetry() {
    // the instances running when the samples start (the VMs retired in October send none)
    return PLAN.fleet().instances().stream()
        .filter(i -> !i.gpus().isEmpty() && PLAN.fleet().billedAs(i, PLAN.fleet().start()) != null)
        .toList();
  }

  @Test
  void atLeastSixtyInstancesWithThreeHundredGpusOfEightTypesOnThreeClouds() {
    assertThat(withTelemetry()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(withTelemetry().stream().mapToInt(i -> i.gpus().size()).sum())
        .isGreaterThanOrEqualTo(300);
    Set<String> types =
        withTelemetry().stream().map(FleetInstance::instanceType).collect(Collectors.toSet());
    assertThat(types).hasSizeGreaterThanOrEqualTo(8);
    assertThat(types.stream().filter(t -> CATALOG.migTableOf(t).isPresent()))
        .as("MIG-capable types")
        .isNotEmpty();
    assertThat(types.stream().filter(t -> CATALOG.migTableOf(t).isEmpty()))
        .as("types without MIG")
        .isNotEmpty();
    assertThat(withTelemetry().stream().map(FleetInstance::provider).distinct())
        .containsExactlyInAnyOrder("AWS", "GCP", "Azure");
    assertThat(PLAN.fleet().step().multipliedBy(PLAN.fleet().steps()).toDays())
        .isGreaterThanOrEqualTo(14);
    // Kubernetes nodes report through DCGM, plain VMs through nvidia-smi: both kinds are there
    assertThat(withTelemetry().stream().filter(FleetInstance::isKubernetesNode))
        .hasSizeGreaterThan(10);
    assertThat(withTelemetry().stream().filter(i -> !i.isKubernetesNode())).hasSizeGreaterThan(10);
  }

  @Test
  void everyLeverIsPlantedAndSoAreHealthyBusyGpus() {
    Map<String, Long> byLever =
        PLAN.cases().stream()
            .collect(
                Collectors.groupingBy(
                    SampleFleet.PlantedCase::expectedLever, Collectors.counting()));
    assertThat(byLever.keySet()).contains("idle", "zombie", "rightsize", "mig", "spot", "none");
    assertThat(PLAN.cases().stream().filter(c -> c.planted().startsWith("over-provisioned count")))
        .isNotEmpty();
    assertThat(PLAN.cases().stream().filter(c -> c.planted().startsWith("oversized model")))
        .isNotEmpty();
    assertThat(PLAN.cases().stream().filter(c -> c.planted().startsWith("busy")))
        .hasSizeGreaterThan(10);
    assertThat(PLAN.cases()).hasSize(PLAN.fleet().instances().size());
  }

  @Test
  void utilizationLooksLikeRealFleetsMostGpusLightlyUsed() {
    // analytics-anchors.md 4: median GPU utilization 5-50 %; 30-60 % of GPU-hours on devices
    // averaging below 30 %
    List<Double> means = new ArrayList<>();
    for (FleetInstance instance : withTelemetry()) {
      for (GpuSeries gpu : instance.gpus()) {
        double sum = 0;
        for (int step = 0; step < gpu.steps(); step++) {
          sum += gpu.utilAt(step);
        }
        means.add(sum / gpu.steps());
      }
    }
    Collections.sort(means);
    double median = means.get(means.size() / 2);
    long light = means.stream().filter(m -> m < 30).count();
    assertThat(median).isBetween(5.0, 50.0);
    assertThat((double) light / means.size()).isBetween(0.30, 0.60);
  }

  @Test
  void billsCoverTwoFullMonthsBeforeTheSampledDaysWithTheUsualChurn() {
    Fleet fleet = PLAN.fleet();
    assertThat(fleet.billedFrom()).isEqualTo(java.time.Instant.parse("2026-09-01T00:00:00Z"));
    assertThat(fleet.billedEnd()).isEqualTo(java.time.Instant.parse("2026-11-15T00:00:00Z"));
    // September and October: instances retired, one started, a price change, a commitment starting
    assertThat(
            fleet.changes().stream()
                .filter(
                    c ->
                        c.pricing() == null
                            && c.from().isBefore(fleet.start())
                            && c.from().isAfter(fleet.billedFrom())))
        .as("retired before the samples")
        .hasSize(2);
    assertThat(
            fleet.changes().stream()
                .filter(c -> c.pricing() == null && c.from().equals(fleet.billedFrom())))
        .as("started later")
        .hasSize(1);
    assertThat(fleet.changes().stream().filter(c -> c.pricing() == PricingModel.COMMITTED))
        .as("a commitment starting")
        .isNotEmpty();
    assertThat(
            fleet.changes().stream()
                .filter(
                    c ->
                        c.pricing() == PricingModel.ON_DEMAND
                            && c.hourlyCost().compareTo(onDemandOf(c)) > 0))
        .as("on-demand prices cut in October")
        .isNotEmpty();
  }

  @Test
  void threeOpportunitiesAreActedOnDaysBeforeTheRunDateAndShowOnTheBill() {
    assertThat(PLAN.actions())
        .extracting(SampleFleet.PlantedAction::lever)
        .containsExactly("idle", "spot", "mig");
    Fleet fleet = PLAN.fleet();
    for (SampleFleet.PlantedAction action : PLAN.actions()) {
      FleetInstance instance =
          fleet.instances().stream()
              .filter(i -> SampleFleet.billedResourceId(i).equals(action.resourceId()))
              .findFirst()
              .orElseThrow();
      FleetInstance before = fleet.billedAs(instance, action.on().minusSeconds(3600));
      FleetInstance after = fleet.billedAs(instance, action.on());
      assertThat(before).as("%s before %s", action.resourceId(), action.on()).isNotNull();
      assertThat(before.pricing()).isEqualTo(PricingModel.ON_DEMAND);
      // some days before the run date (14 Nov) and after the first seeded report (7 Nov)
      assertThat(action.on())
          .isBetween(
              java.time.Instant.parse("2026-11-09T00:00:00Z"),
              java.time.Instant.parse("2026-11-12T00:00:00Z"));
      if (action.lever().equals("spot")) {
        assertThat(after.pricing()).isEqualTo(PricingModel.SPOT);
        assertThat(after.hourlyCost()).isLessThan(before.hourlyCost());
      } else {
        assertThat(after).as("%s deleted", action.resourceId()).isNull();
      }
    }
  }

  private static BigDecimal onDemandOf(BillingChange change) {
    return PLAN.fleet().instances().stream()
        .filter(i -> i.resourceId().equals(change.resourceId()))
        .findFirst()
        .orElseThrow()
        .hourlyOnDemand();
  }

  @Test
  void theSameSeedGivesTheSameFleet() {
    assertThat(SampleFleetGenerator.fingerprint(SampleFleet.build()))
        .isEqualTo(SampleFleetGenerator.fingerprint(PLAN));
  }

  @Test
  void theReadmeListsEveryPlantedCaseWithItsLever() throws IOException {
    String readme = Files.readString(TestPaths.sample("fleet/README.md"));
    assertThat(PLAN.cases()).isNotEmpty();
    for (SampleFleet.PlantedCase c : PLAN.cases()) {
      assertThat(readme)
          .as("README row of %s", c.resourceId())
          .containsPattern(
              "\\| `"
                  + java.util.regex.Pattern.quote(c.resourceId())
                  + "` \\|[^\\n]*\\| "
                  + c.expectedLever()
                  + " \\|");
    }
  }
}
