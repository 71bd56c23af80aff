package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.SpendRow;
import io.fleetcost.report.MonthlyReport.BudgetLine;
import io.fleetcost.report.MonthlyReport.BudgetLine.Status;
import io.fleetcost.report.MonthlyReport.ExecutiveSummary;
import io.fleetcost.report.MonthlyReport.SpendBreakdown;
import io.fleetcost.report.MonthlyReport.SpendLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Expectations are recomputed from the fixture's figures (see {@link ReportFixture}); the
 * arithmetic is written out.
 */
class MonthlyReportBuilderTest {
  private static final HistorySnapshot SNAPSHOT = ReportFixture.acme().snapshot();
  private static final MonthlyReport REPORT =
      MonthlyReportBuilder.build(SNAPSHOT, ReportOptions.defaults());

  private static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void spendThisMonthIsMonthToDateAndComparedWithTheSameDaysOfThePreviousMonth() {
    ExecutiveSummary summary = REPORT.summary();
    // November 1–14, 3,300 a day (aws 2,100 + gcp 700 + azure 500); the EUR rows have no rate and
    // are left out.
    assertThat(summary.spendThisMonth())
        .isEqualByComparingTo(usd("3300").multiply(BigDecimal.valueOf(14))); // 46,200
    assertThat(summary.covered().first()).isEqualTo(LocalDate.of(2025, 11, 1));
    assertThat(summary.covered().days()).isEqualTo(14);
    assertThat(summary.covered().daysInMonth()).isEqualTo(30);
    assertThat(summary.covered().label()).isEqualTo("1–14 Nov, 14 days");
    assertThat(summary.spendRowsWithoutRate()).isEqualTo(14);
    // 46,200 ÷ 14 × 30 = 99,000
    assertThat(summary.projectedMonthSpend()).isEqualByComparingTo(usd("99000"));
    // October: 3,100 a day (aws 2,000 + gcp 700 + azure 400): whole month 31 × 3,100, same days 14
    // × 3,100.
    assertThat(summary.previousMonthSpend()).isEqualByComparingTo(usd("96100"));
    assertThat(summary.comparedSpend()).isEqualByComparingTo(usd("43400"));
    assertThat(summary.comparedPeriod()).isEqualTo("1–14 Oct");
    // 46,200 − 43,400 = 2,800; 2,800 ÷ 43,400 = 6.4516…%
    assertThat(summary.change().amount()).isEqualByComparingTo(usd("2800"));
    assertThat(summary.change().percent().setScale(4, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo(usd("6.4516"));
    assertThat(new ReportText("USD").signedPercent(summary.change().percent())).isEqualTo("+6.5%");
  }

  @Test
  void monthOverMonthChangeIsNotAvailableWithoutPreviousMonthData() {
    List<SpendRow> novemberOnly =
        SNAPSHOT.spend().stream().filter(row -> row.usageDate().getMonthValue() == 11).toList();
    MonthlyReport report =
        MonthlyReportBuilder.build(withSpend(novemberOnly), ReportOptions.defaults());

    assertThat(report.summary().previousMonthSpend()).isNull();
    assertThat(report.summary().change()).isNull();
    assertThat(report.spendBreakdowns().get(0).total().change()).isNull();
    assertThat(new ReportText("USD").money(report.summary().previousMonthSpend())).isEqualTo("n/a");
  }

  @Test
  void savingsAndTheEffectiveSavingsRate() {
    ExecutiveSummary summary = REPORT.summary();
    assertThat(summary.identifiedMonthly()).isEqualByComparingTo(usd("31502.70"));
    // realized rows: (1,000 − 0) + (5,000 − 2,500) + (10.00 − 9.25) = 3,500.75; in progress: (900 −
    // 600) + (2,000 − 1,800)
    assertThat(summary.realizedMonthly()).isEqualByComparingTo(usd("3500.75"));
    assertThat(summary.realizedCount()).isEqualTo(3);
    assertThat(summary.inProgressMonthly()).isEqualByComparingTo(usd("500"));
    assertThat(summary.inProgressCount()).isEqualTo(2);
    // 3,500.75 ÷ (100,375.00 + 3,500.75) × 100 = 3,500.75 ÷ 103,875.75 × 100 = 3.3701…%
    BigDecimal expected = usd("350075").divide(usd("103875.75"), 6, RoundingMode.HALF_EVEN);
    assertThat(summary.savingsRatePercent()).isEqualByComparingTo(expected);
    assertThat(new ReportText("USD").percent(summary.savingsRatePercent())).isEqualTo("3.4%");
  }

  @Test
  void savingsRateIsNotAvailableWithoutSpendOrSavings() {
    assertThat(MonthlyReportBuilder.savingsRate(BigDecimal.ZERO, BigDecimal.ZERO)).isNull();
    // 250 ÷ (750 + 250) = 25%
    assertThat(MonthlyReportBuilder.savingsRate(usd("250"), usd("750")))
        .isEqualByComparingTo(usd("25"));
  }

  @Test
  void budgetsFlagActualAndProjectedOverspendWithALabel() {
    Map<String, BudgetLine> byTeam =
        REPORT.budgets().stream().collect(Collectors.toMap(BudgetLine::team, Function.identity()));
    // inference: 14 × (600 + 200 + 200) = 14,000 > budget 12,000
    assertThat(byTeam.get("inference").actual()).isEqualByComparingTo(usd("14000"));
    assertThat(byTeam.get("inference").status()).isEqualTo(Status.OVER_BUDGET);
    assertThat(byTeam.get("inference").projected())
        .isEqualByComparingTo(usd("30000")); // 14,000 ÷ 14 × 30
    // ml-research: 14 × (1,000 + 300 + 100) = 19,600 ≤ 25,000, but 19,600 ÷ 14 × 30 = 42,000 >
    // 25,000
    assertThat(byTeam.get("ml-research").actual()).isEqualByComparingTo(usd("19600"));
    assertThat(byTeam.get("ml-research").projected()).isEqualByComparingTo(usd("42000"));
    assertThat(byTeam.get("ml-research").status()).isEqualTo(Status.PROJECTED_OVER);
    assertThat(byTeam.get("ml-research").status().label()).isEqualTo("Projected over budget");
    // ml-platform: 14 × (400 + 50 + 100) = 7,700, projected 16,500 ≤ 20,000; used 7,700 ÷ 20,000 =
    // 38.5%
    assertThat(byTeam.get("ml-platform").status()).isEqualTo(Status.WITHIN_BUDGET);
    assertThat(byTeam.get("ml-platform").usedPercent()).isEqualByComparingTo(usd("38.5"));
    // data-eng: 14 × (100 + 150 + 100) = 4,900 (the EUR rows have no rate)
    assertThat(byTeam.get("data-eng").actual()).isEqualByComparingTo(usd("4900"));
    assertThat(byTeam.get("security").actual()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(byTeam.get("security").status()).isEqualTo(Status.WITHIN_BUDGET);
    assertThat(
            REPORT.budgets().stream().filter(line -> line.status().flagged()).map(BudgetLine::team))
        .containsExactly("inference", "ml-research");
  }

  @Test
  void teamsWithSpendButNoBudgetAreListed() {
    HistorySnapshot snapshot = ReportFixture.acme().snapshot();
    Map<String, BigDecimal> budgets = Map.of("inference", usd("12000"));
    HistorySnapshot onlyInference =
        new HistorySnapshot(
            snapshot.organization(),
            snapshot.job(),
            snapshot.month(),
            snapshot.closed(),
            snapshot.asOf(),
            snapshot.runs(),
            snapshot.spend(),
            snapshot.opportunities(),
            snapshot.findings(),
            snapshot.realized(),
            snapshot.gpuProfiles(),
            budgets);
    List<BudgetLine> lines =
        MonthlyReportBuilder.build(onlyInference, ReportOptions.defaults()).budgets();
    assertThat(lines)
        .filteredOn(line -> line.team().equals("ml-research"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.status()).isEqualTo(Status.NO_BUDGET);
              assertThat(line.budget()).isNull();
            });
  }

  @Test
  void waterfallStepsTakeTheLeverStagesOffTheGpuCostInOrder() {
    Waterfall waterfall = REPORT.waterfall();
    BigDecimal eliminate =
        usd("1500.00")
            .multiply(BigDecimal.valueOf(6))
            .add(usd("750.50").multiply(BigDecimal.valueOf(4))); // 12,002.00
    BigDecimal reshape =
        usd("1200.00")
            .multiply(BigDecimal.valueOf(6))
            .add(usd("2000.00").multiply(BigDecimal.valueOf(3))); // 13,200.00
    BigDecimal spot = usd("900.10").multiply(BigDecimal.valueOf(7)); // 6,300.70
    assertThat(waterfall.start()).isEqualByComparingTo(usd("80000.00"));
    assertThat(waterfall.steps())
        .extracting(WaterfallStep::saving)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(eliminate, reshape, spot);
    assertThat(waterfall.steps())
        .extracting(WaterfallStep::opportunities)
        .containsExactly(10, 9, 7);
    assertThat(waterfall.steps().get(0).after())
        .isEqualByComparingTo(usd("67998.00")); // 80,000 − 12,002
    // 80,000 − 12,002.00 − 13,200.00 − 6,300.70 = 48,497.30, and the steps add up to the identified
    // savings
    assertThat(waterfall.projected()).isEqualByComparingTo(usd("48497.30"));
    BigDecimal steps =
        waterfall.steps().stream()
            .map(WaterfallStep::saving)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(waterfall.start().subtract(steps)).isEqualByComparingTo(waterfall.projected());
    assertThat(steps).isEqualByComparingTo(REPORT.summary().identifiedMonthly());
  }

  @Test
  void breakdownsKeepTheTopRowsAndAnOtherRowThatMakesTheColumnsAddUp() {
    MonthlyReport report =
        MonthlyReportBuilder.build(
            SNAPSHOT, new ReportOptions(ReportOptions.PageSize.A4, 3, 20, 10, "USD"));
    SpendBreakdown services = report.spendBreakdowns().get(2);
    assertThat(services.title()).isEqualTo("Spend by service");
    // November 14 days: EC2 14 × 1,000, SageMaker 14 × 600, EKS 14 × 400; the other 9 services
    // 46,200 − 28,000
    assertThat(services.lines())
        .extracting(SpendLine::name)
        .containsExactly("Amazon EC2", "Amazon SageMaker", "Amazon EKS", "Other (9 more)");
    assertThat(services.lines())
        .extracting(SpendLine::thisMonth)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(usd("14000"), usd("8400"), usd("5600"), usd("18200"));
    // October 1–14: EC2 14 × 950, SageMaker 14 × 550, EKS 14 × 400; other 43,400 − 26,600
    assertThat(services.lines())
        .extracting(SpendLine::previousMonth)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(usd("13300"), usd("7700"), usd("5600"), usd("16800"));
    assertThat(services.lines().get(3).other()).isTrue();
    assertThat(services.total().thisMonth()).isEqualByComparingTo(usd("46200"));
    for (SpendBreakdown breakdown : report.spendBreakdowns()) {
      assertAddsUp(breakdown);
    }
  }

  @Test
  void centsAreApportionedSoRoundedRowsAddUpToTheRoundedTotal() {
    // One day, three providers at 10.004 each: rounded one by one 3 × 10.00 = 30.00, but the total
    // 30.012 shows 30.01.
    LocalDate day = LocalDate.of(2025, 11, 1);
    List<SpendRow> rows =
        List.of("aws", "gcp", "azure").stream()
            .map(
                p ->
                    new SpendRow(
                        day,
                        day,
                        p,
                        "acct",
                        null,
                        "svc",
                        "team",
                        "USD",
                        usd("10.004"),
                        usd("10.004"),
                        usd("10.004"),
                        1))
            .toList();
    SpendBreakdown providers =
        MonthlyReportBuilder.build(withSpend(rows), ReportOptions.defaults())
            .spendBreakdowns()
            .get(0);

    assertThat(providers.total().thisMonth()).isEqualByComparingTo(usd("30.01"));
    // each floored to 10.00; the missing cent goes to the first of the equal remainders (name
    // order: aws)
    assertThat(providers.lines())
        .extracting(SpendLine::thisMonth)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(usd("10.01"), usd("10.00"), usd("10.00"));
    assertAddsUp(providers);
    // 10.005 + 20.005 + 30.005 = 60.015 → 60.02 half-even: two cents to the first two equal
    // remainders
    assertThat(Cents.apportion(List.of(usd("10.005"), usd("20.005"), usd("30.005"))))
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(usd("10.01"), usd("20.01"), usd("30.00"));
  }

  @Test
  void topOpportunitiesAreRankedWithACountOfTheRest() {
    Opportunities opportunities = REPORT.opportunities();
    assertThat(opportunities.top()).hasSize(20);
    assertThat(opportunities.top())
        .extracting(OpportunityLine::rank)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    assertThat(opportunities.total()).isEqualTo(26);
    assertThat(opportunities.more()).isEqualTo(6); // 26 − 20
    assertThat(opportunities.totalMonthlySaving()).isEqualByComparingTo(usd("31502.70"));
    assertThat(opportunities.top().get(0).resource()).isEqualTo("gpu-node-idle-0");
  }

  @Test
  void migPlansSummarizeWhereThePlacementsGoPerTargetResource() {
    // the first MIG opportunity carries a two-workload plan; the other two have empty plans of
    // their own
    assertThat(REPORT.migPlans())
        .extracting(MigPlan::ranks)
        .containsExactly(List.of(17), List.of(18), List.of(19));
    MigPlan plan = REPORT.migPlans().get(0);
    assertThat(plan.workloads()).isEqualTo(2);
    // both workloads go on GPU-0 of i-0mig0: one 3g.40gb and one 2g.20gb slice
    assertThat(plan.targets())
        .containsExactly(new PlanTarget("i-0mig0", 1, "1 × 3g.40gb, 1 × 2g.20gb", 2));
    assertThat(REPORT.migPlans().get(1).targets()).isEmpty();
  }

  @Test
  void cloudRecommendationsListDisagreementsFirstThenTheLargerSaving() {
    assertThat(REPORT.cloudRecommendations().imported())
        .as("the default fixture imports none")
        .isFalse();

    CloudRecommendations cloud =
        MonthlyReportBuilder.build(
                ReportFixture.acme().cloudRecommendations().snapshot(), ReportOptions.defaults())
            .cloudRecommendations();
    assertThat(cloud.source()).isEqualTo("AWS Cost Explorer rightsizing");
    assertThat(cloud.counts())
        .containsExactly(
            new VerdictCount("agree", 2),
            new VerdictCount("differ", 1),
            new VerdictCount("cloud only", 1),
            new VerdictCount("fleetcost only", 1));
    // differ first; then the agreements by the larger saving: i-0agree2 max(700.00, 1,500.00) =
    // 1,500.00 before
    // i-0agree max(1,000.00, 980.00) = 1,000.00; then cloud only
    assertThat(cloud.lines())
        .extracting(CloudRecommendationLine::resource)
        .containsExactly("notebook-7", "i-0agree2", "trainer-a", "i-0cloud");
    CloudRecommendationLine differ = cloud.lines().get(0);
    assertThat(differ.verdict()).isEqualTo("differ");
    assertThat(differ.cloud()).isEqualTo("Resize to g5.2xlarge");
    assertThat(differ.fleetcost()).isEqualTo("idle");
    assertThat(differ.cloudMonthlySaving()).isEqualByComparingTo(usd("300.45"));
    assertThat(differ.fleetcostMonthlySaving()).isEqualByComparingTo(usd("2920.00"));
    assertThat(cloud.lines().get(2).cloud()).isEqualTo("Terminate");
    assertThat(cloud.lines().get(3).fleetcost()).isEqualTo("nothing");
    assertThat(cloud.lines().get(3).fleetcostMonthlySaving()).isNull();
    assertThat(cloud.more()).isZero();
    assertThat(cloud.fleetcostOnly()).isEqualTo(1);
    assertThat(cloud.fleetcostOnlyMonthlySaving()).isEqualByComparingTo(usd("450.10"));

    // a two-row limit lists the disagreement and the larger agreement, and counts the other two
    CloudRecommendations two =
        MonthlyReportBuilder.build(
                ReportFixture.acme().cloudRecommendations().snapshot(),
                new ReportOptions(ReportOptions.PageSize.A4, 8, 2, 10, "USD"))
            .cloudRecommendations();
    assertThat(two.lines())
        .extracting(CloudRecommendationLine::resource)
        .containsExactly("notebook-7", "i-0agree2");
    assertThat(two.more()).isEqualTo(2);
  }

  @Test
  void securityPostureComesFromScannedRunsOnly() {
    Security security = REPORT.security();
    assertThat(security.scannedOn()).isEqualTo(ReportFixture.AS_OF);
    assertThat(security.score()).isEqualTo(72.5);
    assertThat(security.compliancePct()).isEqualTo(81.3);
    // 10 runs, the first 3 seeded
    assertThat(security.trend()).hasSize(7);
    assertThat(security.trend().get(0).runDate()).isEqualTo(LocalDate.of(2025, 10, 31));
    // 34 findings cycling over 5 checks (critical, high, high, medium, low): 7, 7 + 7, 7, 6
    assertThat(security.bySeverity())
        .containsExactly(
            new SeverityCount("critical", 7), new SeverityCount("high", 14),
            new SeverityCount("medium", 7), new SeverityCount("low", 6));
    assertThat(security.top()).hasSize(10);
    assertThat(security.top())
        .extracting(FindingLine::severity)
        .containsExactly(
            "critical",
            "critical",
            "critical",
            "critical",
            "critical",
            "critical",
            "critical",
            "high",
            "high",
            "high");
    assertThat(security.top().get(7).checkId()).isEqualTo("C-0045"); // weight 8 before C-0016's 7
    assertThat(security.totalFindings()).isEqualTo(34);
  }

  @Test
  void dataQualityComesFromTheAsOfRun() {
    MonthlyReport.DataQuality quality = REPORT.dataQuality();
    assertThat(quality.billingRowsQuarantined()).isEqualTo(62);
    assertThat(quality.quarantinedByReason())
        .extracting(MonthlyReport.ReasonCount::reason)
        .containsExactly("unknown_currency", "unparseable_amount", "missing_usage_date");
    // 403.2 unjoined of 8,064 GPU-hours = 5%
    assertThat(quality.unjoinedGpuHoursPercent()).isEqualByComparingTo(usd("5"));
    assertThat(quality.resourcesWithoutTelemetry()).isEqualTo(3);
    assertThat(quality.spendRowsWithoutRate()).isEqualTo(14);
  }

  @Test
  void appendixDefinesEveryHeadlineFigure() {
    assertThat(REPORT.appendix())
        .extracting(MonthlyReport.Definition::term)
        .contains(
            "Effective savings rate",
            "Realized savings",
            "Month-over-month change",
            "Monthly figures and the 730-hour month");
    assertThat(REPORT.header().period()).isEqualTo("November 2025");
    assertThat(REPORT.header().month()).isEqualTo(YearMonth.of(2025, 11));
  }

  private static void assertAddsUp(SpendBreakdown breakdown) {
    BigDecimal current =
        breakdown.lines().stream()
            .map(SpendLine::thisMonth)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(current)
        .as(breakdown.title() + " this month")
        .isEqualByComparingTo(breakdown.total().thisMonth());
    if (breakdown.total().previousMonth() != null) {
      BigDecimal before =
          breakdown.lines().stream()
              .map(SpendLine::previousMonth)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(before)
          .as(breakdown.title() + " previous month")
          .isEqualByComparingTo(breakdown.total().previousMonth());
      BigDecimal change =
          breakdown.lines().stream()
              .map(line -> line.change().amount())
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(change)
          .as(breakdown.title() + " change")
          .isEqualByComparingTo(breakdown.total().change().amount());
    }
  }

  private static HistorySnapshot withSpend(List<SpendRow> spend) {
    return new HistorySnapshot(
        SNAPSHOT.organization(),
        SNAPSHOT.job(),
        SNAPSHOT.month(),
        SNAPSHOT.closed(),
        SNAPSHOT.asOf(),
        SNAPSHOT.runs(),
        spend,
        SNAPSHOT.opportunities(),
        SNAPSHOT.findings(),
        SNAPSHOT.realized(),
        SNAPSHOT.gpuProfiles(),
        SNAPSHOT.budgets());
  }
}
