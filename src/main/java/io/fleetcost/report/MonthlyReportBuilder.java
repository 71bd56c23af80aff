package io.fleetcost.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.history.FindingRow;
import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.history.RealizedRow;
import io.fleetcost.history.RecommendationRow;
import io.fleetcost.history.RunRow;
import io.fleetcost.report.MonthlyReport.BudgetLine;
import io.fleetcost.report.MonthlyReport.CloudRecommendationLine;
import io.fleetcost.report.MonthlyReport.CloudRecommendations;
import io.fleetcost.report.MonthlyReport.DataQuality;
import io.fleetcost.report.MonthlyReport.ExecutiveSummary;
import io.fleetcost.report.MonthlyReport.FindingLine;
import io.fleetcost.report.MonthlyReport.Header;
import io.fleetcost.report.MonthlyReport.MigPlan;
import io.fleetcost.report.MonthlyReport.Opportunities;
import io.fleetcost.report.MonthlyReport.OpportunityLine;
import io.fleetcost.report.MonthlyReport.ReasonCount;
import io.fleetcost.report.MonthlyReport.Security;
import io.fleetcost.report.MonthlyReport.SeverityCount;
import io.fleetcost.report.MonthlyReport.SpendBreakdown;
import io.fleetcost.report.MonthlyReport.VerdictCount;
import io.fleetcost.report.MonthlyReport.Waterfall;
import io.fleetcost.report.MonthlyReport.WaterfallStep;
import io.fleetcost.savings.Lever;
import io.fleetcost.summary.SummaryJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the {@link MonthlyReport} from what the history holds for the month. Pure Java; BigDecimal
 * arithmetic.
 */
public final class MonthlyReportBuilder {
  static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
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
        waterfall(asOfRun, snapshot.opportunities()),
        opportunities(snapshot.opportunities(), options),
        realized(snapshot.realized()),
        migPlans(snapshot.opportunities()),
        cloudRecommendations(asOfRun.externalRecommendations(), options),
        security(snapshot, options),
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
      if ("realized".equals(row.status())) {
        realized = realized.add(saving);
        realizedCount++;
      } else if ("in_progress".equals(row.status())) {
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

  /**
   * GPU monthly cost less each lever stage's savings, in the order the savings engine applies them.
   */
  static Waterfall waterfall(RunRow asOfRun, List<OpportunityRow> opportunities) {
    BigDecimal start = Optional.ofNullable(asOfRun.gpuSpendMonthlyUsd()).orElse(BigDecimal.ZERO);
    BigDecimal[] savingByStage = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    int[] countByStage = new int[3];
    for (OpportunityRow row : opportunities) {
      Optional<Lever> lever = lever(row.lever());
      if (lever.isPresent() && row.monthlySavingUsd() != null) {
        int stage = lever.get().stage() - 1;
        savingByStage[stage] = savingByStage[stage].add(row.monthlySavingUsd());
        countByStage[stage]++;
      }
    }
    String[] labels = {
      "Eliminate idle and zombie GPUs", "Right-size or partition with MIG", "Move to spot capacity"
    };
    String[] levers = {"idle, zombie", "rightsize, mig", "spot"};
    List<WaterfallStep> steps = new ArrayList<>();
    BigDecimal left = start;
    for (int stage = 0; stage < 3; stage++) {
      left = left.subtract(savingByStage[stage]);
      steps.add(
          new WaterfallStep(
              labels[stage], levers[stage], savingByStage[stage], countByStage[stage], left));
    }
    return new Waterfall(start, steps, left);
  }

  static Optional<Lever> lever(String name) {
    for (Lever lever : Lever.values()) {
      if (lever.cliName().equalsIgnoreCase(name)) {
        return Optional.of(lever);
      }
    }
    return Optional.empty();
  }

  private static Opportunities opportunities(List<OpportunityRow> rows, ReportOptions options) {
    List<OpportunityRow> ranked =
        rows.stream().sorted(Comparator.comparingInt(OpportunityRow::rank)).toList();
    List<OpportunityLine> top =
        ranked.stream()
            .limit(options.topOpportunities())
            .map(
                row ->
                    new OpportunityLine(
                        row.rank(),
                        row.owner(),
                        row.lever(),
                        resource(row),
                        row.action(),
                        row.monthlySavingUsd(),
                        row.confidence(),
                        row.effort(),
                        row.risk()))
            .toList();
    BigDecimal total =
        rows.stream()
            .map(OpportunityRow::monthlySavingUsd)
            .filter(Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Opportunities(top, rows.size(), rows.size() - top.size(), total);
  }

  /**
   * Realized first, then in progress; each by the larger saving. Their sums are the executive
   * summary's figures.
   */
  static MonthlyReport.Realized realized(List<RealizedRow> rows) {
    List<MonthlyReport.RealizedLine> lines = new ArrayList<>();
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal inProgress = BigDecimal.ZERO;
    List<RealizedRow> acted =
        rows.stream()
            .filter(r -> "realized".equals(r.status()) || "in_progress".equals(r.status()))
            .sorted(
                Comparator.comparing((RealizedRow r) -> !"realized".equals(r.status()))
                    .thenComparing(
                        r ->
                            Optional.ofNullable(r.realizedMonthlySavingUsd())
                                .orElse(BigDecimal.ZERO),
                        Comparator.reverseOrder())
                    .thenComparing(RealizedRow::opportunityId))
            .toList();
    for (RealizedRow row : acted) {
      BigDecimal saving =
          Optional.ofNullable(row.realizedMonthlySavingUsd()).orElse(BigDecimal.ZERO);
      if ("realized".equals(row.status())) {
        realized = realized.add(saving);
      } else {
        inProgress = inProgress.add(saving);
      }
      lines.add(
          new MonthlyReport.RealizedLine(
              row.lever(),
              ReportText.shortResource(row.resourceId()),
              row.owner(),
              row.status().replace('_', ' '),
              row.identifiedOn(),
              row.closedOn(),
              row.estimatedMonthlySavingUsd(),
              row.baselineMonthlyCostUsd(),
              row.currentMonthlyCostUsd(),
              saving));
    }
    return new MonthlyReport.Realized(lines, realized, inProgress);
  }

  private static String resource(OpportunityRow row) {
    return row.resourceName() == null || row.resourceName().isBlank()
        ? row.resourceId()
        : row.resourceName();
  }

  private static final List<String> VERDICTS =
      List.of("agree", "differ", "cloud only", "fleetcost only");

  /** Disagreements first: they are what a reader must decide on. */
  private static final List<String> LISTED_VERDICTS = List.of("differ", "agree", "cloud only");

  static CloudRecommendations cloudRecommendations(
      List<RecommendationRow> rows, ReportOptions options) {
    if (rows.isEmpty()) {
      return new CloudRecommendations(null, List.of(), List.of(), 0, 0, null);
    }
    List<VerdictCount> counts =
        VERDICTS.stream()
            .map(v -> new VerdictCount(v, rows.stream().filter(r -> v.equals(r.verdict())).count()))
            .toList();
    Comparator<RecommendationRow> order =
        Comparator.<RecommendationRow>comparingInt(r -> LISTED_VERDICTS.indexOf(r.verdict()))
            .thenComparing(MonthlyReportBuilder::largerSaving, Comparator.reverseOrder())
            .thenComparing(RecommendationRow::resourceId);
    List<RecommendationRow> listed =
        rows.stream().filter(r -> LISTED_VERDICTS.contains(r.verdict())).sorted(order).toList();
    List<CloudRecommendationLine> lines =
        listed.stream()
            .limit(options.topOpportunities())
            .map(
                r ->
                    new CloudRecommendationLine(
                        r.resourceName() == null || r.resourceName().isBlank()
                            ? r.resourceId()
                            : r.resourceName(),
                        r.instanceType(),
                        r.verdict(),
                        cloudAction(r),
                        r.cloudMonthlySaving(),
                        r.cloudCurrency(),
                        r.fleetcostLevers() == null ? "nothing" : r.fleetcostLevers(),
                        r.fleetcostMonthlySaving(),
                        r.fleetcostCurrency()))
            .toList();
    List<RecommendationRow> fleetcostOnly =
        rows.stream().filter(r -> "fleetcost only".equals(r.verdict())).toList();
    BigDecimal fleetcostOnlySaving =
        fleetcostOnly.stream()
            .filter(
                r ->
                    options.currency().equals(r.fleetcostCurrency())
                        && r.fleetcostMonthlySaving() != null)
            .map(RecommendationRow::fleetcostMonthlySaving)
            .reduce(BigDecimal::add)
            .orElse(null);
    String source =
        rows.stream()
            .map(RecommendationRow::source)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse("a cloud");
    return new CloudRecommendations(
        "aws-cost-explorer".equals(source) ? "AWS Cost Explorer rightsizing" : source,
        counts,
        lines,
        listed.size() - lines.size(),
        fleetcostOnly.size(),
        fleetcostOnlySaving);
  }

  private static BigDecimal largerSaving(RecommendationRow row) {
    BigDecimal cloud =
        row.cloudMonthlySaving() == null ? BigDecimal.ZERO : row.cloudMonthlySaving();
    BigDecimal ours =
        row.fleetcostMonthlySaving() == null ? BigDecimal.ZERO : row.fleetcostMonthlySaving();
    return cloud.max(ours);
  }

  private static String cloudAction(RecommendationRow row) {
    String action = row.cloudAction() == null ? "" : row.cloudAction().toUpperCase(Locale.ROOT);
    return switch (action) {
      case "TERMINATE" -> "Terminate";
      case "MODIFY" ->
          row.cloudTargetInstanceType() == null
              ? "Resize"
              : "Resize to " + row.cloudTargetInstanceType();
      case "" -> "nothing";
      default -> action.charAt(0) + action.substring(1).toLowerCase(Locale.ROOT);
    };
  }

  private static List<MigPlan> migPlans(List<OpportunityRow> rows) {
    Map<String, List<OpportunityRow>> byPlan = new LinkedHashMap<>();
    rows.stream()
        .filter(row -> lever(row.lever()).filter(Lever.MIG::equals).isPresent())
        .sorted(Comparator.comparingInt(OpportunityRow::rank))
        .forEach(
            row -> {
              String plan = row.planJson() == null ? "[]" : row.planJson().trim();
              // an empty plan is the opportunity's own; a non-empty one is shared by its pool's
              // opportunities
              String key = plan.equals("[]") ? "#" + row.rank() : plan;
              byPlan.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            });
    List<MigPlan> plans = new ArrayList<>();
    byPlan.values().forEach(group -> plans.add(migPlan(group)));
    return plans;
  }

  private static MigPlan migPlan(List<OpportunityRow> group) {
    OpportunityRow first = group.get(0);
    Map<String, java.util.Set<String>> gpus = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> slices = new LinkedHashMap<>();
    int workloads = 0;
    String problem = null;
    try {
      JsonNode plan =
          SummaryJson.mapper().readTree(first.planJson() == null ? "[]" : first.planJson());
      if (!plan.isArray()) {
        throw new IOException("the plan is not a JSON array");
      }
      for (JsonNode placement : plan) {
        String resource = ReportText.shortResource(placement.path("resource_id").asText(""));
        gpus.computeIfAbsent(resource, k -> new java.util.LinkedHashSet<>())
            .add(placement.path("gpu_key").asText(""));
        slices
            .computeIfAbsent(resource, k -> new LinkedHashMap<>())
            .merge(placement.path("profile").asText(""), 1, Integer::sum);
        workloads++;
      }
    } catch (IOException e) {
      problem = "The plan could not be read: " + e.getMessage();
    }
    List<MonthlyReport.PlanTarget> targets = new ArrayList<>();
    for (Map.Entry<String, Map<String, Integer>> target : slices.entrySet()) {
      List<String> parts = new ArrayList<>();
      target.getValue().forEach((profile, count) -> parts.add(count + " × " + profile));
      targets.add(
          new MonthlyReport.PlanTarget(
              target.getKey(),
              gpus.get(target.getKey()).size(),
              String.join(", ", parts),
              target.getValue().values().stream().mapToInt(Integer::intValue).sum()));
    }
    BigDecimal saving =
        group.stream()
            .map(OpportunityRow::monthlySavingUsd)
            .filter(java.util.Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new MigPlan(
        group.stream().map(OpportunityRow::rank).toList(),
        group.stream().map(MonthlyReportBuilder::resource).map(ReportText::shortResource).toList(),
        first.gpuModel(),
        saving,
        targets,
        workloads,
        problem);
  }

  private static Security security(HistorySnapshot snapshot, ReportOptions options) {
    List<MonthlyReport.ScorePoint> trend = RunHistory.securityScores(snapshot);
    MonthlyReport.ScorePoint latest = trend.isEmpty() ? null : trend.get(trend.size() - 1);
    Map<String, Long> counts = new LinkedHashMap<>();
    SEVERITIES.forEach(severity -> counts.put(severity, 0L));
    for (FindingRow finding : snapshot.findings()) {
      counts.merge(severity(finding), 1L, Long::sum);
    }
    List<SeverityCount> bySeverity =
        counts.entrySet().stream().map(e -> new SeverityCount(e.getKey(), e.getValue())).toList();
    List<FindingLine> top =
        snapshot.findings().stream()
            .sorted(
                Comparator.comparingInt(FindingRow::weight)
                    .reversed()
                    .thenComparing(
                        FindingRow::checkId, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(MonthlyReportBuilder::findingResource))
            .limit(options.topFindings())
            .map(
                f ->
                    new FindingLine(
                        severity(f),
                        f.checkId(),
                        f.title(),
                        findingResource(f),
                        f.file(),
                        f.path(),
                        f.fix()))
            .toList();
    return new Security(
        latest == null ? null : latest.runDate(),
        latest == null ? null : latest.score(),
        latest == null ? null : latest.compliancePct(),
        latest == null ? 0 : latest.filesNotRead(),
        trend,
        bySeverity,
        top,
        snapshot.findings().size());
  }

  private static String severity(FindingRow finding) {
    return finding.severity() == null ? "unknown" : finding.severity().toLowerCase(Locale.ROOT);
  }

  private static String findingResource(FindingRow finding) {
    String namespace =
        finding.namespace() == null || finding.namespace().isBlank()
            ? ""
            : finding.namespace() + "/";
    String kind = finding.kind() == null ? "" : finding.kind() + " ";
    return kind + namespace + Optional.ofNullable(finding.name()).orElse("");
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
