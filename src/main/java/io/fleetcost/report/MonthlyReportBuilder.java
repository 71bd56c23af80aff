package io.fleetcost.report;

import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.RealizedRow;
import io.fleetcost.history.RunRow;
import io.fleetcost.history.SavingStatus;
import io.fleetcost.report.MonthlyReport.BudgetLine;
import io.fleetcost.report.MonthlyReport.DataQuality;
import io.fleetcost.report.MonthlyReport.ExecutiveSummary;
import io.fleetcost.report.MonthlyReport.Header;
import io.fleetcost.report.MonthlyReport.ReasonCount;
import io.fleetcost.report.MonthlyReport.SpendBreakdown;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the {@link MonthlyReport} from what the history holds for the month. Pure Java; BigDecimal
 * arithmetic. The summary, spend, budget and data-quality figures are built here; the savings
 * sections by {@link SavingsSections}, the MIG plans by {@link MigPlansSection}, the cloud's
 * recommendations by {@link CloudRecommendationsSection}, the security posture by {@link
 * SecuritySection}.
 */
public final class MonthlyReportBuilder {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private MonthlyReportBuilder() {}

  /**
   * The report of {@code snapshot.month()} as of {@code snapshot.asOf()}: month to date, or the
   * complete month when the snapshot is of a closed month.
   *
   * @throws IllegalArgumentException when the snapshot has no complete run up to {@code asOf}
   */
  public static MonthlyReport build(HistorySnapshot snapshot, ReportOptions options) {
    Objects.requireNonNull(snapshot, "snapshot is null");
    Objects.requireNonNull(options, "options is null");
    RunRow asOfRun = RunHistory.asOfRun(snapshot);
    SpendFigures spend = new SpendFigures(snapshot);
    ReportText text = new ReportText(options.currency());
    Header header =
        new Header(
            snapshot.organization(),
            snapshot.job(),
            snapshot.month(),
            text.month(snapshot.month()),
            snapshot.asOf(),
            snapshot.closed());
    return new MonthlyReport(
        options,
        header,
        summary(snapshot, asOfRun, spend),
        breakdowns(spend, options),
        budgets(snapshot, spend),
        SavingsSections.waterfall(asOfRun, snapshot.opportunities()),
        SavingsSections.opportunities(snapshot.opportunities(), options),
        SavingsSections.realized(snapshot.realized()),
        MigPlansSection.of(snapshot.opportunities()),
        CloudRecommendationsSection.of(asOfRun.externalRecommendations(), options),
        SecuritySection.of(snapshot, options),
        dataQuality(asOfRun, spend),
        ReportDefinitions.monthly(),
        SavingsComputations.of(snapshot.opportunities()),
        sections(!asOfRun.externalRecommendations().isEmpty()),
        MonthlyReport.InputWarning.of(asOfRun));
  }

  /**
   * The sections in page order, numbered; cloud recommendations only when the run imported some.
   */
  static List<MonthlyReport.Section> sections(boolean cloudRecommendations) {
    List<MonthlyReport.Section> sections = new ArrayList<>();
    sections.add(new MonthlyReport.Section("summary", "1", "Executive summary"));
    sections.add(new MonthlyReport.Section("spend", "2", "Spend"));
    sections.add(new MonthlyReport.Section("spend-provider", "2.1", "Spend by provider"));
    sections.add(new MonthlyReport.Section("spend-account", "2.2", "Spend by account"));
    sections.add(new MonthlyReport.Section("spend-service", "2.3", "Spend by service"));
    sections.add(new MonthlyReport.Section("spend-team", "2.4", "Spend by team"));
    List<String[]> numbered = new ArrayList<>();
    numbered.add(new String[] {"budgets", "Budget vs actual"});
    numbered.add(new String[] {"waterfall", "Savings waterfall"});
    numbered.add(new String[] {"opportunities", "Top opportunities"});
    numbered.add(new String[] {"realized", "Realized savings"});
    numbered.add(new String[] {"mig-plans", "MIG plans"});
    if (cloudRecommendations) {
      numbered.add(new String[] {"cloud-recommendations", "Cloud recommendations"});
    }
    numbered.add(new String[] {"security", "Security posture"});
    numbered.add(new String[] {"data-quality", "Data quality"});
    int number = 3;
    for (String[] section : numbered) {
      sections.add(new MonthlyReport.Section(section[0], String.valueOf(number++), section[1]));
    }
    sections.add(
        new MonthlyReport.Section("appendix", "A", "Appendix A: how the figures are computed"));
    sections.add(
        new MonthlyReport.Section(
            "computations", "B", "Appendix B: how these figures were computed"));
    return sections;
  }

  private static ExecutiveSummary summary(
      HistorySnapshot snapshot, RunRow asOfRun, SpendFigures spend) {
    BigDecimal thisMonth = spend.thisMonthTotal();
    BigDecimal compared = spend.comparedTotal();
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal inProgress = BigDecimal.ZERO;
    int realizedCount = 0;
    int inProgressCount = 0;
    for (RealizedRow row : snapshot.realized()) {
      BigDecimal saving =
          Optional.ofNullable(row.realizedMonthlySavingUsd()).orElse(BigDecimal.ZERO);
      if (row.status() == SavingStatus.REALIZED) {
        realized = realized.add(saving);
        realizedCount++;
      } else if (row.status() == SavingStatus.IN_PROGRESS) {
        inProgress = inProgress.add(saving);
        inProgressCount++;
      }
    }
    return new ExecutiveSummary(
        thisMonth,
        spend.covered(),
        spend.projectMonth(thisMonth),
        spend.previousMonthTotal(),
        compared,
        spend.comparedPeriod(),
        SpendFigures.change(thisMonth, compared),
        asOfRun.identifiedMonthlyUsd(),
        asOfRun.opportunities(),
        realized,
        realizedCount,
        inProgress,
        inProgressCount,
        asOfRun.spendMonthlyUsd(),
        savingsRate(realized, asOfRun.spendMonthlyUsd()),
        spend.rowsWithoutRate());
  }

  /**
   * Realized savings in percent of what the bill would be without them: {@code realized ÷ (runRate
   * + realized) × 100}. The run rate already shows the lower bill, so adding the realized savings
   * back gives the spend before them. Null when that denominator is not positive.
   */
  static BigDecimal savingsRate(BigDecimal realized, BigDecimal runRate) {
    BigDecimal before = Optional.ofNullable(runRate).orElse(BigDecimal.ZERO).add(realized);
    return before.signum() <= 0
        ? null
        : realized.multiply(HUNDRED).divide(before, 6, RoundingMode.HALF_EVEN);
  }

  private static List<SpendBreakdown> breakdowns(SpendFigures spend, ReportOptions options) {
    int top = options.breakdownRows();
    return List.of(
        spend.breakdown(
            "spend-provider",
            "Spend by provider",
            "Provider",
            row -> SpendFigures.orNone(row.provider()),
            top),
        spend.breakdown(
            "spend-account",
            "Spend by account",
            "Billing account / sub-account",
            SpendFigures::account,
            top),
        spend.breakdown(
            "spend-service",
            "Spend by service",
            "Service",
            row -> SpendFigures.orNone(row.service()),
            top),
        spend.breakdown("spend-team", "Spend by team", "Team", SpendFigures::team, top));
  }

  private static List<BudgetLine> budgets(HistorySnapshot snapshot, SpendFigures spend) {
    Map<String, BigDecimal> actualByTeam = spend.thisMonthBy(SpendFigures::team);
    TreeSet<String> teams = new TreeSet<>(snapshot.budgets().keySet());
    teams.addAll(actualByTeam.keySet());
    List<BudgetLine> lines = new ArrayList<>();
    for (String team : teams) {
      BigDecimal budget = snapshot.budgets().get(team);
      BigDecimal actual = actualByTeam.getOrDefault(team, BigDecimal.ZERO);
      BigDecimal projected = spend.projectMonth(actual);
      BudgetLine.Status status;
      BigDecimal used = null;
      if (budget == null) {
        status = BudgetLine.Status.NO_BUDGET;
      } else {
        used =
            budget.signum() == 0
                ? null
                : actual.multiply(HUNDRED).divide(budget, 6, RoundingMode.HALF_EVEN);
        status =
            actual.compareTo(budget) > 0
                ? BudgetLine.Status.OVER_BUDGET
                : projected.compareTo(budget) > 0
                    ? BudgetLine.Status.PROJECTED_OVER
                    : BudgetLine.Status.WITHIN_BUDGET;
      }
      lines.add(new BudgetLine(team, budget, actual, projected, used, status));
    }
    return lines;
  }

  private static DataQuality dataQuality(RunRow run, SpendFigures spend) {
    List<ReasonCount> reasons =
        Optional.ofNullable(run.quarantinedByReason()).orElse(Map.of()).entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(e -> new ReasonCount(e.getKey(), e.getValue()))
            .toList();
    BigDecimal unjoinedShare =
        run.gpuHours() <= 0
            ? null
            : BigDecimal.valueOf(run.unjoinedGpuHours())
                .multiply(HUNDRED)
                .divide(BigDecimal.valueOf(run.gpuHours()), 6, RoundingMode.HALF_EVEN);
    return new DataQuality(
        run.billingRowsRead(),
        run.billingRowsQuarantined(),
        reasons,
        run.telemetryValuesRead(),
        run.telemetryValuesQuarantined(),
        run.gpuHours(),
        run.unjoinedGpuHours(),
        unjoinedShare,
        run.gpusProfiled(),
        run.resourcesWithoutTelemetry(),
        run.unmeasuredGpuMonthlyUsd(),
        spend.rowsWithoutRate());
  }
}
