package io.fleetcost.samplefleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample fleet has the shape issue 3 asks of it, looks like real fleets, and its README lists every case. */
class SampleFleetTest {
  static final SampleFleet.Plan PLAN = SampleFleet.build();
  static final Catalog CATALOG = Catalog.bundled();

  private static List<FleetInstance> withTelemetry() {
    return PLAN.fleet().instances().stream().filter(i -> !i.gpus().isEmpty()).toList();
  }

  @Test
  void atLeastSixtyInstancesWithThreeHundredGpusOfEightTypesOnThreeClouds() {
    assertThat(withTelemetry()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(withTelemetry().stream().mapToInt(i -> i.gpus().size()).sum()).isGreaterThanOrEqualTo(300);
    Set<String> types = withTelemetry().stream().map(FleetInstance::instanceType).collect(Collectors.toSet());
    assertThat(types).hasSizeGreaterThanOrEqualTo(8);
    assertThat(types.stream().filter(t -> CATALOG.migTableOf(t).isPresent())).as("MIG-capable types").isNotEmpty();
    assertThat(types.stream().filter(t -> CATALOG.migTableOf(t).isEmpty())).as("types without MIG").isNotEmpty();
    assertThat(withTelemetry().stream().map(FleetInstance::provider).distinct()).containsExactlyInAnyOrder("AWS", "GCP", "Azure");
    assertThat(PLAN.fleet().step().multipliedBy(PLAN.fleet().steps()).toDays()).isGreaterThanOrEqualTo(14);
    // Kubernetes nodes report through DCGM, plain VMs through nvidia-smi: both kinds are there
    assertThat(withTelemetry().stream().filter(FleetInstance::isKubernetesNode)).hasSizeGreaterThan(10);
    assertThat(withTelemetry().stream().filter(i -> !i.isKubernetesNode())).hasSizeGreaterThan(10);
  }

  @Test
  void everyLeverIsPlantedAndSoAreHealthyBusyGpus() {
    Map<String, Long> byLever =
        PLAN.cases().stream().collect(Collectors.groupingBy(SampleFleet.PlantedCase::expectedLever, Collectors.counting()));
    assertThat(byLever.keySet()).contains("idle", "zombie", "rightsize", "mig", "spot", "none");
    assertThat(PLAN.cases().stream().filter(c -> c.planted().startsWith("over-provisioned count"))).isNotEmpty();
    assertThat(PLAN.cases().stream().filter(c -> c.planted().startsWith("oversized model"))).isNotEmpty();
    assertThat(PLAN.cases().stream().filter(c -> c.planted().startsWith("busy"))).hasSizeGreaterThan(10);
    assertThat(PLAN.cases()).hasSize(PLAN.fleet().instances().size());
  }

  @Test
  void utilizationLooksLikeRealFleetsMostGpusLightlyUsed() {
    // analytics-anchors.md 4: median GPU utilization 5-50 %; 30-60 % of GPU-hours on devices averaging below 30 %
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
  void theSameSeedGivesTheSameFleet() {
    assertThat(SampleFleetGenerator.fingerprint(SampleFleet.build())).isEqualTo(SampleFleetGenerator.fingerprint(PLAN));
  }

  @Test
  void theReadmeListsEveryPlantedCaseWithItsLever() throws IOException {
    String readme = Files.readString(TestPaths.sample("fleet/README.md"));
    assertThat(PLAN.cases()).isNotEmpty();
    for (SampleFleet.PlantedCase c : PLAN.cases()) {
      assertThat(readme)
          .as("README row of %s", c.resourceId())
          .containsPattern("\\| `" + java.util.regex.Pattern.quote(c.resourceId()) + "` \\|[^\\n]*\\| " + c.expectedLever() + " \\|");
    }
  }
}
