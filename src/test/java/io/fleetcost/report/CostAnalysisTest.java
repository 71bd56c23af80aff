package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.report.CostAnalysis.ByLever;
import io.fleetcost.report.CostAnalysis.ByProvider;
import io.fleetcost.report.CostAnalysis.ByTeam;
import io.fleetcost.savings.Effort;
import io.fleetcost.savings.FleetAssembly;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.Risk;
import io.fleetcost.savings.SavingsResult;
import io.fleetcost.savings.Scope;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code summary.json}'s {@code cost_analysis} on figures made up here: USD, EUR at 1.1 and JPY
 * without a rate, over 730 hours so that the monthly figures are the window's.
 */
class CostAnalysisTest {
  private static final Instant FROM = Instant.parse("2025-11-01T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(730));

  private static final CostAnalysis ANALYSIS =
      CostAnalysis.of(
          new CostAnalysis.Window("2025-11-01", "2025-12-01", 30, 730, "the window's end"),
          List.of(
              spend("AWS", "USD", "730"),
              spend("Azure", "EUR", "365"),
              spend("GCP", "JPY", "1000")),
          new FleetAssembly.Coverage(
              4,
              3,
              100.004,
              90.0,
              10.004,
              0.100_04,
              Map.of("node", 3L),
              List.of(),
              List.of(
                  new FleetAssembly.UnprofiledResource(
                      "AWS", "i-x", "g5.xlarge", 1, "USD", new BigDecimal("73.005")))),
          2,
          new SavingsResult(
              List.of(
                  opportunity("op-a", Lever.IDLE, "AWS", "team-a", "USD", "400"),
                  opportunity("op-b", Lever.SPOT, "Azure", "team-b", "EUR", "100")),
              List.of(
                  new SavingsResult.ResourceOutcome(
                      "i-a", "AWS", "team-a", "USD", new BigDecimal("500"), new BigDecimal("100")),
                  new SavingsResult.ResourceOutcome(
                      "i-b",
                      "Azure",
                      "team-b",
                      "EUR",
                      new BigDecimal("200"),
                      new BigDecimal("100"))),
              List.of()),
          7,
          Map.of("EUR", new BigDecimal("1.1")));

  @Test
  void totalsAreConvertedToUsdAndACurrencyWithoutARateIsLeftOutAndNamed() {
    assertThat(ANALYSIS.monthlyEstimateUsd()).isEqualTo(new BigDecimal("1131.50")); // 730 + 401.50
    assertThat(ANALYSIS.monthlyEstimateByCurrency())
        .containsExactly(
            Map.entry("EUR", new BigDecimal("365.00")),
            Map.entry("JPY", new BigDecimal("1000.00")),
            Map.entry("USD", new BigDecimal("730.00")));
    assertThat(ANALYSIS.gpuMonthlyCostUsd()).isEqualTo(new BigDecimal("720.00")); // 500 + 220
    assertThat(ANALYSIS.projectedGpuMonthlyCostUsd()).isEqualTo(new BigDecimal("210.00"));
    assertThat(ANALYSIS.identifiedMonthlySavingsUsd()).isEqualTo(new BigDecimal("510.00"));
    assertThat(ANALYSIS.identifiedMonthlySavingsByCurrency())
        .containsExactly(
            Map.entry("EUR", new BigDecimal("100.00")), Map.entry("USD", new BigDecimal("400.00")));
    assertThat(ANALYSIS.exchangeRatesToUsd()).containsExactly(Map.entry("EUR", "1.1"));
    assertThat(ANALYSIS.currenciesWithoutRate()).containsExactly("JPY");
    assertThat(ANALYSIS.opportunityCount()).isEqualTo(2);
  }

  @Test
  void theBreakdownCoversEveryProviderEveryLeverInOrderAndTeamsByTheLargerSaving() {
    assertThat(ANALYSIS.breakdown().byProvider())
        .containsExactly(
            new ByProvider("AWS", usd("730.00"), usd("500.00"), usd("400.00"), 1),
            new ByProvider("Azure", usd("401.50"), usd("220.00"), usd("110.00"), 1),
            new ByProvider("GCP", usd("0.00"), usd("0.00"), usd("0.00"), 0));
    assertThat(ANALYSIS.breakdown().byLever())
        .containsExactly(
            new ByLever("idle", usd("400.00"), 1),
            new ByLever("zombie", usd("0.00"), 0),
            new ByLever("rightsize", usd("0.00"), 0),
            new ByLever("mig", usd("0.00"), 0),
            new ByLever("spot", usd("110.00"), 1));
    assertThat(ANALYSIS.breakdown().byTeam())
        .containsExactly(
            new ByTeam("team-a", usd("500.00"), usd("400.00"), 1),
            new ByTeam("team-b", usd("220.00"), usd("110.00"), 1));
    assertThat(ANALYSIS.optimizationOpportunities())
        .extracting(o -> o.get("rank") + " " + o.get("monthly_saving_usd"))
        .containsExactly("1 400.00", "2 110.00");
  }

  @Test
  void coverageIsRoundedAndTheUnmeasuredResourcesSummed() {
    CostAnalysis.Coverage coverage = ANALYSIS.coverage();
    assertThat(coverage.gpuHoursTotal()).isEqualTo(100.0);
    assertThat(coverage.gpuHoursUnjoined()).isEqualTo(10.0);
    assertThat(coverage.gpuHoursUnjoinedShare()).isEqualTo(0.1);
    assertThat(coverage.resourcesAnalyzed()).isEqualTo(2);
    assertThat(coverage.workloadsProfiled()).isEqualTo(7);
    // 73.005 is a tie: to the even cent, 73.00 (Money.cents)
    assertThat(coverage.unmeasuredGpuResources())
        .isEqualTo(
            new CostAnalysis.UnmeasuredResources(1, 1, usd("73.00"), Map.of("USD", usd("73.00"))));
  }

  private static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }

  private static ProviderSpend spend(String provider, String currency, String cost) {
    return new ProviderSpend(provider, currency, new BigDecimal(cost), 10, FROM, TO);
  }

  private static Opportunity opportunity(
      String id, Lever lever, String provider, String owner, String currency, String saving) {
    BigDecimal amount = new BigDecimal(saving);
    return Opportunity.builder()
        .id(id)
        .lever(lever)
        .resourceId("i-" + id)
        .provider(provider)
        .accountId("111122223333")
        .region("region-1")
        .instanceType("g5.xlarge")
        .gpuModel("A10G")
        .gpuCount(1)
        .owner(owner)
        .scope(Scope.RESOURCE)
        .currency(currency)
        .currentMonthlyCost(amount)
        .projectedMonthlyCost(BigDecimal.ZERO)
        .monthlySaving(amount)
        .confidence(0.9)
        .risk(Risk.LOW)
        .effort(Effort.COMMAND)
        .priority(BigDecimal.ONE)
        .action("stop it")
        .build();
  }
}
