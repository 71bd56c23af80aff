package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.history.OpportunityRow;
import io.fleetcost.savings.MigPlacement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MIG plans section on opportunities made up here. */
class MigPlansSectionTest {
  private static final List<MigPlacement> POOL_PLAN =
      List.of(
          new MigPlacement("i-0a", "GPU-0", "3g.40gb", 0, 3, 4, "team/a", "i-0b GPU-0"),
          new MigPlacement("i-0a", "GPU-1", "3g.40gb", 0, 3, 4, "team/b", "i-0b GPU-1"),
          new MigPlacement("i-0a", "GPU-1", "1g.10gb", 4, 1, 1, "team/c", "i-0a GPU-3"));

  @Test
  void opportunitiesThatShareTheirPoolsPlanShowItOnce() {
    List<MigPlan> plans =
        MigPlansSection.of(
            List.of(
                opportunity(3, "mig", "i-0b", POOL_PLAN, "200"),
                opportunity(1, "idle", "i-0idle", List.of(), "900"),
                opportunity(2, "mig", "i-0a", POOL_PLAN, "100"),
                opportunity(4, "MIG", "i-0c", List.of(), "50")));
    assertThat(plans).extracting(MigPlan::ranks).containsExactly(List.of(2, 3), List.of(4));
    MigPlan pool = plans.get(0);
    assertThat(pool.resources()).containsExactly("i-0a", "i-0b");
    assertThat(pool.monthlySavingUsd()).isEqualByComparingTo("300");
    assertThat(pool.workloads()).isEqualTo(3);
    assertThat(pool.targets())
        .containsExactly(new PlanTarget("i-0a", 2, "2 × 3g.40gb, 1 × 1g.10gb", 3));
    assertThat(plans.get(1).targets()).isEmpty();
    assertThat(plans.get(1).workloads()).isZero();
  }

  static OpportunityRow opportunity(
      int rank, String lever, String resource, List<MigPlacement> plan, String savingUsd) {
    BigDecimal saving = new BigDecimal(savingUsd);
    return OpportunityRow.builder()
        .runDate(LocalDate.of(2025, 11, 14))
        .id("opportunity-" + rank)
        .rank(rank)
        .lever(lever)
        .resourceId(resource)
        .provider("AWS")
        .accountId("111122223333")
        .region("us-east-1")
        .instanceType("p4d.24xlarge")
        .gpuModel("NVIDIA A100")
        .gpuCount(8)
        .owner("research")
        .currency("USD")
        .currentMonthlyCost(saving)
        .projectedMonthlyCost(BigDecimal.ZERO)
        .monthlySaving(saving)
        .monthlySavingUsd(saving)
        .confidence(0.9)
        .risk("low")
        .effort(1)
        .priority(BigDecimal.ONE)
        .action("partition it")
        .plan(plan)
        .build();
  }
}
