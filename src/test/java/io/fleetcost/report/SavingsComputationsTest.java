package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.GpuUsage;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.SavingsEngine;
import io.fleetcost.summary.SummaryJson;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The appendix "How these figures were computed" on a fleet the real savings engine evaluates, one
 * resource per lever, with the bundled catalog's prices and the default thresholds. Each figure
 * shown is checked three ways: worked out by hand here, recomputed from the opportunity's evidence
 * map with the lever's formula written in this test, and against the opportunity's own monthly
 * saving.
 */
class SavingsComputationsTest {
  private static final double WINDOW = 336; // 14 days of samples
  private static List<Opportunity> opportunities;
  private static List<Computation> computations;

  @BeforeAll
  static void evaluate() throws JsonProcessingException {
    List<BilledResource> fleet = new ArrayList<>();
    // g5.xlarge billed USD 241.44 over 240 h: 241.44 x 730 / 240 = 734.38 a month; mean 0.2 %, p99
    // 0.8 %: idle
    fleet.add(
        resource(
            "i-idle",
            "g5.xlarge",
            "241.44",
            240,
            Map.of(),
            List.of(gpu("g0", 0.2, 0.5, 0.8, 0, 0, 24))));
    // the same, holding 12 of 24 GiB at the median without work: a zombie
    fleet.add(
        resource(
            "i-zombie",
            "g5.xlarge",
            "241.44",
            240,
            Map.of(),
            List.of(gpu("g0", 0.1, 0.3, 0.5, 12, 12, 24))));
    // g5.12xlarge billed 1,361.28 over 240 h: 1,361.28 x 730 / 240 = 4,140.56; one of 4 GPUs works
    // (mean 6.4 % < 30 %)
    List<GpuUsage> oversized = new ArrayList<>(List.of(gpu("g0", 25, 40, 55, 10, 8, 24)));
    for (int i = 1; i < 4; i++) {
      oversized.add(gpu("g" + i, 0.2, 0.5, 0.8, 0, 0, 24));
    }
    fleet.add(resource("i-oversized", "g5.12xlarge", "1361.28", 240, Map.of(), oversized));
    // p4de.24xlarge billed 20,036.383 over 730 h: 20,036.383 a month; 8 light notebooks (p95 10 %,
    // 25 GiB) in a cluster
    List<GpuUsage> notebooks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      notebooks.add(gpu("nb-" + i, 6, 10, 12, 25, 12.5, 80));
    }
    fleet.add(
        new BilledResource(
            "AWS",
            "acct-1",
            "i-notebooks",
            "p4de.24xlarge",
            "us-east-1",
            "USD",
            new BigDecimal("20036.383"),
            "Standard",
            Map.of(),
            "research",
            "eks-ml",
            notebooks,
            basis("20036.383", 730)));
    // a busy training job (mean 60 %: no right-size, no MIG) on g5.xlarge, 734.38 a month
    fleet.add(
        resource(
            "i-trainer",
            "g5.xlarge",
            "241.44",
            240,
            Map.of("workload-type", "training"),
            List.of(gpu("g0", 60, 90, 95, 20, 18, 24))));
    opportunities =
        new SavingsEngine(Catalog.bundled(), SavingsThresholds.DEFAULTS)
            .evaluate(fleet)
            .opportunities();
    assertThat(opportunities)
        .extracting(Opportunity::lever)
        .containsExactlyInAnyOrder(Lever.values());
    computations = SavingsComputations.of(rows(opportunities));
  }

  @Test
  void oneComputationPerLeverInTheOrderTheLeversApply() {
    assertThat(computations)
        .extracting(Computation::lever)
        .containsExactly("idle", "zombie", "rightsize", "mig", "spot");
    assertThat(computations).allSatisfy(c -> assertThat(c.problem()).isNull());
  }

  @Test
  void idleAndZombieSaveTheWholeMonthlyCostOnTheBill() {
    for (String lever : List.of("idle", "zombie")) {
      Computation c = computation(lever);
      // 241.44 x 730 / 240 = 734.38; stopped: 734.38 - 0.00 = 734.38
      assertThat(step(c, "Monthly cost on the bill").arithmetic())
          .isEqualTo("USD 241.44 × 730 h ÷ 240 h");
      assertThat(step(c, "Monthly cost on the bill").result()).isEqualByComparingTo("734.38");
      assertThat(c.monthlySaving()).isEqualByComparingTo("734.38");
      Opportunity o = opportunity(lever);
      assertThat(c.monthlySaving()).isEqualByComparingTo(o.monthlySaving());
      Map<String, Object> billing = billing(o);
      BigDecimal recomputed =
          new BigDecimal(billing.get("effective_cost_in_window").toString())
              .multiply(BigDecimal.valueOf(730))
              .divide(
                  BigDecimal.valueOf((Double) billing.get("billed_hours")),
                  2,
                  RoundingMode.HALF_EVEN);
      assertThat(step(c, "Monthly cost on the bill").result()).isEqualByComparingTo(recomputed);
    }
    assertThat(computation("zombie").inputs())
        .anySatisfy(i -> assertThat(i.value()).isEqualTo("12.0 GiB on 1 GPU"));
  }

  @Test
  void rightsizeScalesTheCostByTheCatalogsOnDemandPrices() {
    Computation c = computation("rightsize");
    // 0.526 / 5.672 = 0.092736...; 4,140.56 x 0.526 / 5.672 = 0.526 x 730 = 383.98; saving 4,140.56
    // - 383.98 = 3,756.58
    assertThat(step(c, "Price ratio").arithmetic())
        .isEqualTo("USD 0.526/h ÷ USD 5.672/h = 0.092736");
    assertThat(step(c, "Projected monthly cost").result()).isEqualByComparingTo("383.98");
    assertThat(c.monthlySaving()).isEqualByComparingTo("3756.58");
    Opportunity o = opportunity("rightsize");
    assertThat(c.monthlySaving()).isEqualByComparingTo(o.monthlySaving());
    BigDecimal before =
        new BigDecimal(billing(o).get("monthly_cost_before_this_lever_unrounded").toString());
    BigDecimal ratio =
        new BigDecimal(o.evidence().get("on_demand_hourly_to").toString())
            .divide(
                new BigDecimal(o.evidence().get("on_demand_hourly_from").toString()),
                MathContext.DECIMAL64);
    BigDecimal projected =
        before.multiply(ratio, MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_EVEN);
    assertThat(step(c, "Projected monthly cost").result())
        .isEqualByComparingTo(projected)
        .isEqualByComparingTo(o.projectedMonthlyCost());
  }

  @Test
  void migSavesTheFreedGpusShareOfTheCost() {
    Computation c = computation("mig");
    // 8 notebooks need 4 GPUs (two 3g.40gb each): 4 of 8 freed; 20,036.383 / 8 = 2,504.547875 a
    // GPU;
    // 20,036.383 - 2,504.547875 x 4 = 10,018.1915 -> 10,018.19; saving 20,036.38 - 10,018.19 =
    // 10,018.19
    assertThat(step(c, "Cost per GPU").result()).isEqualByComparingTo("2504.55");
    assertThat(step(c, "Projected monthly cost").result()).isEqualByComparingTo("10018.19");
    assertThat(c.monthlySaving()).isEqualByComparingTo("10018.19");
    Opportunity o = opportunity("mig");
    assertThat(c.monthlySaving()).isEqualByComparingTo(o.monthlySaving());
    BigDecimal before =
        new BigDecimal(billing(o).get("monthly_cost_before_this_lever_unrounded").toString());
    int sharing = (Integer) o.evidence().get("gpus_sharing_cost");
    int freed = (Integer) o.evidence().get("gpus_freed");
    assertThat(sharing).isEqualTo(8);
    assertThat(freed).isEqualTo(4);
    BigDecimal projected =
        before.subtract(
            before
                .divide(BigDecimal.valueOf(sharing), MathContext.DECIMAL64)
                .multiply(BigDecimal.valueOf(freed)));
    assertThat(step(c, "Projected monthly cost").result())
        .isEqualByComparingTo(projected.setScale(2, RoundingMode.HALF_EVEN));
  }

  @Test
  void spotSavesTheDiscountLessTheInterruptionOverhead() {
    Computation c = computation("spot");
    // 1 - 0.3521 / 1.006 = 0.65; bucket 5-10 % -> overhead 0.10; saving 734.38 x 0.65 x 0.9 =
    // 429.6123;
    // projected 734.38 - 429.6123 = 304.7677 -> 304.77; saving 734.38 - 304.77 = 429.61
    assertThat(step(c, "Spot discount").arithmetic())
        .isEqualTo("1 − USD 0.3521/h ÷ USD 1.006/h = 0.65");
    assertThat(step(c, "Projected monthly cost").result()).isEqualByComparingTo("304.77");
    assertThat(c.monthlySaving()).isEqualByComparingTo("429.61");
    Opportunity o = opportunity("spot");
    assertThat(c.monthlySaving()).isEqualByComparingTo(o.monthlySaving());
    BigDecimal before =
        new BigDecimal(billing(o).get("monthly_cost_before_this_lever_unrounded").toString());
    BigDecimal discount =
        BigDecimal.ONE.subtract(
            new BigDecimal(o.evidence().get("spot_hourly").toString())
                .divide(
                    new BigDecimal(o.evidence().get("on_demand_hourly").toString()),
                    MathContext.DECIMAL64));
    double overhead = (Double) o.evidence().get("interruption_overhead");
    BigDecimal saving = before.multiply(discount).multiply(BigDecimal.valueOf(1 - overhead));
    assertThat(step(c, "Projected monthly cost").result())
        .isEqualByComparingTo(before.subtract(saving).setScale(2, RoundingMode.HALF_EVEN));
  }

  @Test
  void theLastStepOfEveryComputationIsTheOpportunitysSavingAndTheAppendixShowsIt() {
    String html =
        new ReportRenderer()
            .monthlyReportHtml(
                MonthlyReportBuilder.build(
                        ReportFixture.acme().snapshot(), ReportOptions.defaults())
                    .withComputations(computations));
    for (Computation c : computations) {
      ComputationStep last = c.steps().get(c.steps().size() - 1);
      assertThat(last.name()).isEqualTo("Monthly saving");
      assertThat(last.result()).isEqualByComparingTo(opportunity(c.lever()).monthlySaving());
      for (ComputationStep step : c.steps()) {
        assertThat(html).contains(step.arithmetic());
        if (step.result() != null) {
          assertThat(html).contains(io.fleetcost.model.MoneyText.money(step.result(), "USD"));
        }
      }
    }
    assertThat(html)
        .contains("USD 241.44 × 730 h ÷ 240 h", "USD 4,140.56 − USD 383.98", "USD 3,756.58");
  }

  private static Computation computation(String lever) {
    return computations.stream().filter(c -> c.lever().equals(lever)).findFirst().orElseThrow();
  }

  private static Opportunity opportunity(String lever) {
    return opportunities.stream()
        .filter(o -> o.lever().cliName().equals(lever))
        .findFirst()
        .orElseThrow();
  }

  private static ComputationStep step(Computation c, String name) {
    return c.steps().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> billing(Opportunity o) {
    return (Map<String, Object>) o.evidence().get("billing");
  }

  /** The opportunities as the history keeps them: ranked, the evidence as JSON with sorted keys. */
  private static List<OpportunityRow> rows(List<Opportunity> opportunities)
      throws JsonProcessingException {
    List<OpportunityRow> rows = new ArrayList<>();
    int rank = 0;
    for (Opportunity o : opportunities) {
      String evidence = SummaryJson.mapper().writeValueAsString(new TreeMap<>(o.evidence()));
      rows.add(
          OpportunityRow.builder()
              .runDate(ReportFixture.AS_OF)
              .id(o.id())
              .rank(++rank)
              .lever(o.lever().cliName())
              .resourceId(o.resourceId())
              .resourceName(o.resourceName())
              .provider(o.provider())
              .accountId(o.accountId())
              .region(o.region())
              .instanceType(o.instanceType())
              .gpuModel(o.gpuModel())
              .gpuCount(o.gpuCount())
              .owner(o.owner())
              .currency(o.currency())
              .currentMonthlyCost(o.currentMonthlyCost())
              .projectedMonthlyCost(o.projectedMonthlyCost())
              .monthlySaving(o.monthlySaving())
              .monthlySavingUsd(o.monthlySaving())
              .confidence(o.confidence())
              .risk(o.risk().id())
              .effort(o.effort().level())
              .priority(o.priority())
              .action(o.action())
              .evidenceJson(evidence)
              .build());
    }
    return rows;
  }

  private static BilledResource resource(
      String id,
      String type,
      String windowCost,
      double billedHours,
      Map<String, String> tags,
      List<GpuUsage> gpus) {
    BigDecimal monthly =
        new BigDecimal(windowCost)
            .multiply(BigDecimal.valueOf(730))
            .divide(BigDecimal.valueOf(billedHours), MathContext.DECIMAL128);
    return new BilledResource(
        "AWS",
        "acct-1",
        id,
        type,
        "us-east-1",
        "USD",
        monthly,
        "Standard",
        tags,
        "research",
        null,
        gpus,
        basis(windowCost, billedHours));
  }

  private static BilledResource.BillingBasis basis(String windowCost, double billedHours) {
    return new BilledResource.BillingBasis(
        null,
        new BigDecimal(windowCost),
        billedHours,
        10,
        BigDecimal.ZERO,
        0,
        "2025-11-01T00:00:00Z",
        "2025-11-11T00:00:00Z",
        "2025-11-11T00:00:00Z",
        List.of("cur.csv:2"));
  }

  private static GpuUsage gpu(
      String key,
      double mean,
      double p95,
      double p99,
      double memoryMaxGib,
      double memoryP50Gib,
      double totalGib) {
    return new GpuUsage(
        key,
        "node-" + key,
        null,
        WINDOW,
        1.0,
        mean,
        mean,
        p95,
        p99,
        Math.max(p99, mean),
        mean < 1 ? WINDOW : 0,
        memoryP50Gib * 1024,
        memoryMaxGib * 1024,
        memoryMaxGib * 1024,
        totalGib * 1024,
        List.of("ns/" + key));
  }
}
