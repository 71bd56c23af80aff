package io.fleetcost.savings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationComparisonTest {
  private static Opportunity ours(Lever lever, String resource, String provider, String saving) {
    BigDecimal current = new BigDecimal("1000.00");
    BigDecimal amount = new BigDecimal(saving);
    return Opportunity.builder()
        .id(lever.cliName() + "-" + resource)
        .lever(lever)
        .resourceId(resource)
        .provider(provider)
        .accountId("111122223333")
        .region("us-east-1")
        .instanceType("g5.xlarge")
        .gpuModel("A10G")
        .gpuCount(1)
        .owner("team")
        .scope(Scope.RESOURCE)
        .currency("USD")
        .currentMonthlyCost(current)
        .projectedMonthlyCost(current.subtract(amount))
        .monthlySaving(amount)
        .confidence(0.9)
        .risk(Risk.LOW)
        .effort(Effort.COMMAND)
        .priority(amount)
        .action("act")
        .build();
  }

  private static ExternalRecommendation theirs(
      String resource, String action, String target, String saving) {
    return new ExternalRecommendation(
        "aws-cost-explorer",
        "111122223333",
        resource,
        "box",
        "g5.4xlarge",
        "US East (N. Virginia)",
        action,
        target,
        new BigDecimal("1186.24"),
        new BigDecimal(saving),
        "USD",
        "CPU_OVER_PROVISIONED");
  }

  @Test
  void eachResourceGetsOneVerdict() {
    List<Opportunity> opportunities =
        List.of(
            ours(Lever.IDLE, "i-idle", "AWS", "734.38"),
            ours(Lever.SPOT, "i-spot", "AWS", "400.00"),
            ours(Lever.RIGHTSIZE, "i-resize", "AWS", "250.00"),
            ours(Lever.MIG, "i-resize", "AWS", "100.00"),
            ours(Lever.IDLE, "i-ours", "AWS", "50.00"),
            ours(Lever.IDLE, "vm-azure", "Azure", "900.00"));
    List<ExternalRecommendation> recommendations =
        List.of(
            theirs("i-idle", "TERMINATE", null, "734.38"),
            theirs("i-spot", "MODIFY", "g5.2xlarge", "300.45"),
            theirs("i-resize", "MODIFY", "g5.2xlarge", "300.45"),
            theirs("i-theirs", "TERMINATE", null, "80.00"));

    List<RecommendationComparison.Row> rows =
        RecommendationComparison.compare(opportunities, recommendations, "AWS");

    assertThat(rows)
        .extracting(RecommendationComparison.Row::resourceId)
        .as("sorted by resource; the Azure VM is not compared with AWS's recommendations")
        .containsExactly("i-idle", "i-ours", "i-resize", "i-spot", "i-theirs");
    assertThat(rows)
        .extracting(RecommendationComparison.Row::verdict)
        .containsExactly("agree", "fleetcost only", "agree", "differ", "cloud only");
    RecommendationComparison.Row resize = rows.get(2);
    assertThat(resize.levers()).containsExactly("rightsize", "mig");
    // 250.00 + 100.00
    assertThat(resize.fleetcostMonthlySaving()).isEqualByComparingTo("350.00");
    assertThat(resize.detail())
        .isEqualTo("the cloud: resize g5.4xlarge to g5.2xlarge; FleetCost: rightsize then mig");
    assertThat(rows.get(3).detail())
        .isEqualTo("the cloud: resize g5.4xlarge to g5.2xlarge; FleetCost: spot");
    assertThat(rows.get(4).fleetcostMonthlySaving()).isNull();
    assertThat(rows.get(4).detail())
        .isEqualTo("the cloud: terminate g5.4xlarge; FleetCost proposes nothing");
    assertThat(RecommendationComparison.counts(rows))
        .containsExactly(
            Map.entry("agree", 2L),
            Map.entry("differ", 1L),
            Map.entry("cloud only", 1L),
            Map.entry("fleetcost only", 1L));
  }
}
