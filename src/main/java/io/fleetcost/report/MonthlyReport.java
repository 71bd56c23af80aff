package io.fleetcost.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The monthly finance report of one organisation: what the templates show, computed by {@link
 * MonthlyReportBuilder} from a {@link io.fleetcost.history.HistorySnapshot}. Amounts are USD
 * ({@link ReportOptions#currency()}); they keep their full precision except in the spend
 * breakdowns, whose rows are apportioned to cents so that each column adds up to its total on the
 * page.
 */
public record MonthlyReport(
    ReportOptions options,
    Header header,
    ExecutiveSummary summary,
    List<SpendBreakdown> spendBreakdowns,
    List<BudgetLine> budgets,
    Waterfall waterfall,
    Opportunities opportunities,
    Realized realized,
    List<MigPlan> migPlans,
    CloudRecommendations cloudRecommendations,
    Security security,
    DataQuality dataQuality,
    List<Definition> appendix,
    List<Computation> computations,
    List<Section> sections,
    List<InputWarning> inputWarnings) {

  public MonthlyReport {
    inputWarnings = List.copyOf(inputWarnings);
    spendBreakdowns = List.copyOf(spendBreakdowns);
    budgets = List.copyOf(budgets);
    migPlans = List.copyOf(migPlans);
    appendix = List.copyOf(appendix);
    computations = List.copyOf(computations);
    sections = List.copyOf(sections);
  }

  /**
   * This report with another appendix of computations (for tests of the appendix on a real engine's
   * figures).
   */
  MonthlyReport withComputations(List<Computation> replacement) {
    return new MonthlyReport(
        options,
        header,
        summary,
        spendBreakdowns,
        budgets,
        waterfall,
        opportunities,
        realized,
        migPlans,
        cloudRecommendations,
        security,
        dataQuality,
        appendix,
        replacement,
        sections,
        inputWarnings);
  }

  /** Teams over budget or projected over it. */
  public long teamsOverBudget() {
    return budgets.stream().filter(b -> b.status().flagged()).count();
  }

  public long teamsWithBudget() {
    return budgets.stream().filter(b -> b.budget() != null).count();
  }

  /** The section with this id: its number for headings and the first page's references. */
  public Section section(String id) {
    return sections.stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the report has no section " + id));
  }

  /**
   * A numbered section of the report, the same in HTML and PDF.
   *
   * @param id the heading's HTML id, which links point to
   * @param number {@code 2}, {@code 2.4}, or an appendix's letter {@code A}
   */
  public record Section(String id, String number, String title) {
    /** How the first page refers to it: {@code §2.4}. */
    public String reference() {
      return "§" + number;
    }

    /** The outline's entry: {@code 2.4 Spend by team}; an appendix's title names its letter. */
    public String numbered() {
      return appendix() ? title : number + " " + title;
    }

    public boolean appendix() {
      return !Character.isDigit(number.charAt(0));
    }
  }

  /**
   * An input that did not cover the as-of run's window (status {@code missing}, {@code stale} or
   * {@code holes}): the first page warns about it, since the figures lack part of the bill or the
   * telemetry.
   *
   * @param kind {@code billing} or {@code telemetry}
   */
  public record InputWarning(String name, String kind, String status, String detail) {
    static List<InputWarning> of(io.fleetcost.history.RunRow run) {
      return run.inputsNotOk().stream()
          .map(i -> new InputWarning(i.name(), i.kind(), i.status(), i.detail()))
          .toList();
    }
  }

  /**
   * Who and when: shown in the running header of every page.
   *
   * @param closed the month is over and reported complete, as of its last day (else month to date)
   */
  public record Header(
      String organization,
      String job,
      YearMonth month,
      String period,
      LocalDate asOf,
      boolean closed) {}

  /**
   * The usage days of the report month the bill covers so far: {@code first} to {@code last}, both
   * inclusive; {@code days} counts them (days without a row inside the span count as days without
   * spend).
   */
  public record CoveredDays(LocalDate first, LocalDate last, int days, int daysInMonth) {
    private static final DateTimeFormatter DAY_MONTH =
        DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    public boolean complete() {
      return days == daysInMonth;
    }

    /** {@code 1–14 Nov, 14 days}. */
    public String label() {
      if (first == null) {
        return "no usage days yet";
      }
      String span =
          first.equals(last)
              ? DAY_MONTH.format(first)
              : first.getDayOfMonth() + "–" + DAY_MONTH.format(last);
      return span + ", " + days + (days == 1 ? " day" : " days");
    }
  }

  /**
   * A difference to the previous month: absolute and in percent of the previous month; null when
   * there is none.
   */
  public record Change(BigDecimal amount, BigDecimal percent) {}

  /**
   * The headline figures.
   *
   * @param spendThisMonth EffectiveCost (USD) of the usage days covered so far (a closed month's:
   *     all of them)
   * @param projectedMonthSpend {@code spendThisMonth ÷ covered.days × covered.daysInMonth}; a
   *     closed month's is its spend
   * @param previousMonthSpend the whole previous month; null without data
   * @param comparedSpend the previous month over the same days of the month (the whole month once
   *     this one is complete): what {@code change} compares with; null without data
   * @param comparedPeriod e.g. {@code 1–14 Oct}
   * @param identifiedMonthly the as-of run's identified monthly savings
   * @param realizedMonthly realized savings (status {@code realized}), per month
   * @param inProgressMonthly what the bill already shows saved on opportunities still open, per
   *     month
   * @param spendRunRate the as-of run's monthly run rate of the whole bill (730-hour month)
   * @param savingsRatePercent {@code realized ÷ (spendRunRate + realized) × 100}; null when the
   *     denominator is zero
   */
  public record ExecutiveSummary(
      BigDecimal spendThisMonth,
      CoveredDays covered,
      BigDecimal projectedMonthSpend,
      BigDecimal previousMonthSpend,
      BigDecimal comparedSpend,
      String comparedPeriod,
      Change change,
      BigDecimal identifiedMonthly,
      int opportunityCount,
      BigDecimal realizedMonthly,
      int realizedCount,
      BigDecimal inProgressMonthly,
      int inProgressCount,
      BigDecimal spendRunRate,
      BigDecimal savingsRatePercent,
      long spendRowsWithoutRate) {}

  /**
   * One dimension's spend (provider, account, service, team): top rows, an "Other" row, the total.
   */
  public record SpendBreakdown(
      String id, String title, String dimension, List<SpendLine> lines, SpendLine total) {
    public SpendBreakdown {
      lines = List.copyOf(lines);
    }
  }

  /**
   * @param previousMonth over the same days as the executive summary's comparison
   * @param other true for the row that sums the rows beyond the top ones
   */
  public record SpendLine(
      String name, BigDecimal thisMonth, BigDecimal previousMonth, Change change, boolean other) {}

  /**
   * A team's spend against its monthly budget.
   *
   * @param budget null for a team that spends without a budget
   * @param projected {@code actual ÷ covered days × days in month}; a closed month's is its actual
   */
  public record BudgetLine(
      String team,
      BigDecimal budget,
      BigDecimal actual,
      BigDecimal projected,
      BigDecimal usedPercent,
      Status status) {
    /** The text the table shows, so the state does not rest on colour. */
    public enum Status {
      OVER_BUDGET("Over budget"),
      PROJECTED_OVER("Projected over budget"),
      WITHIN_BUDGET("Within budget"),
      NO_BUDGET("No budget");

      private final String label;

      Status(String label) {
        this.label = label;
      }

      public String label() {
        return label;
      }

      public boolean flagged() {
        return this == OVER_BUDGET || this == PROJECTED_OVER;
      }
    }
  }

  /**
   * From the GPU monthly cost to the projected one, lever stage by stage. {@code steps} are the
   * decreases, in the order the levers apply; {@code projected = start − Σ steps}.
   */
  public record Waterfall(BigDecimal start, List<WaterfallStep> steps, BigDecimal projected) {
    public Waterfall {
      steps = List.copyOf(steps);
    }
  }

  /** One stage's decrease and the cost left after it. */
  public record WaterfallStep(
      String label, String levers, BigDecimal saving, int opportunities, BigDecimal after) {}

  /** The top opportunities by rank, and how many more there are. */
  public record Opportunities(
      List<OpportunityLine> top, int total, int more, BigDecimal totalMonthlySaving) {
    public Opportunities {
      top = List.copyOf(top);
    }
  }

  /**
   * The opportunities whose saving the bill shows: realized (closed) and in progress (still open),
   * each summed as the executive summary's figures are.
   */
  public record Realized(
      List<RealizedLine> lines, BigDecimal realizedMonthly, BigDecimal inProgressMonthly) {
    public Realized {
      lines = List.copyOf(lines);
    }
  }

  /**
   * One opportunity acted on, monthly USD.
   *
   * @param status {@code realized} or {@code in progress}
   * @param baselineMonthly the resource's monthly cost on the bill when the opportunity was first
   *     identified
   * @param currentMonthly what the bill shows now (zero once the resource is gone)
   */
  public record RealizedLine(
      String lever,
      String resource,
      String owner,
      String status,
      LocalDate identifiedOn,
      LocalDate closedOn,
      BigDecimal estimatedMonthly,
      BigDecimal baselineMonthly,
      BigDecimal currentMonthly,
      BigDecimal realizedMonthly) {}

  /**
   * @param monthlySavingUsd null when the resource's currency has no exchange rate
   */
  public record OpportunityLine(
      int rank,
      String owner,
      String lever,
      String resource,
      String action,
      BigDecimal monthlySavingUsd,
      double confidence,
      int effort,
      String risk) {}

  /** A MIG opportunity's plan: which workload goes on which GPU, with which profile. */
  /**
   * One MIG plan, once for every opportunity it frees (the opportunities of one pool share their
   * pool's plan): where the pool's workloads go, per target resource.
   *
   * @param ranks the opportunities the plan belongs to
   * @param monthlySavingUsd their savings together
   * @param workloads the workloads the plan places
   */
  public record MigPlan(
      List<Integer> ranks,
      List<String> resources,
      String gpuModel,
      BigDecimal monthlySavingUsd,
      List<PlanTarget> targets,
      int workloads,
      String problem) {
    public MigPlan {
      ranks = List.copyOf(ranks);
      resources = List.copyOf(resources);
      targets = List.copyOf(targets);
    }
  }

  /**
   * A resource that hosts MIG slices in a plan.
   *
   * @param gpus the GPUs of it the plan partitions
   * @param slices e.g. {@code 16 × 3g.40gb}, one entry per profile in the plan's order
   * @param workloads the workloads placed on it
   */
  public record PlanTarget(String resource, int gpus, String slices, int workloads) {}

  /**
   * A cloud's own recommendations beside FleetCost's opportunities, resource by resource, from the
   * as-of run (AWS Cost Explorer's rightsizing when the job imports it); {@link #imported()} is
   * false when the run imported none.
   *
   * @param source e.g. {@code AWS Cost Explorer rightsizing}; null when none was imported
   * @param counts resources per verdict: agree, differ, cloud only, fleetcost only
   * @param lines the resources the cloud recommends something for, disagreements first, then by the
   *     larger saving
   * @param more such resources not listed
   * @param fleetcostOnly resources only FleetCost acts on (they are in the top opportunities' list)
   * @param fleetcostOnlyMonthlySaving their savings in the report's currency; null when none is in
   *     it
   */
  public record CloudRecommendations(
      String source,
      List<VerdictCount> counts,
      List<CloudRecommendationLine> lines,
      int more,
      int fleetcostOnly,
      BigDecimal fleetcostOnlyMonthlySaving) {
    public CloudRecommendations {
      counts = List.copyOf(counts);
      lines = List.copyOf(lines);
    }

    public boolean imported() {
      return source != null;
    }
  }

  public record VerdictCount(String verdict, long resources) {}

  /**
   * One resource: what the cloud recommends and what FleetCost proposes.
   *
   * @param verdict {@code agree}, {@code differ} or {@code cloud only}
   * @param cloud e.g. {@code Terminate} or {@code Resize to g5.2xlarge}
   * @param fleetcost FleetCost's levers, or {@code nothing} when it proposes nothing
   * @param cloudMonthlySaving in {@code cloudCurrency}; null when the cloud gives no estimate
   * @param fleetcostMonthlySaving in {@code fleetcostCurrency}; null when FleetCost proposes
   *     nothing
   */
  public record CloudRecommendationLine(
      String resource,
      String instanceType,
      String verdict,
      String cloud,
      BigDecimal cloudMonthlySaving,
      String cloudCurrency,
      String fleetcost,
      BigDecimal fleetcostMonthlySaving,
      String fleetcostCurrency) {}

  /**
   * The newest scan's posture and the score over time.
   *
   * @param scannedOn the newest non-seeded run date; null when no run has scanned
   * @param bySeverity critical, high, medium, low: findings of the newest scan
   */
  public record Security(
      LocalDate scannedOn,
      Double score,
      Double compliancePct,
      int filesNotRead,
      List<ScorePoint> trend,
      List<SeverityCount> bySeverity,
      List<FindingLine> top,
      int totalFindings) {
    public Security {
      trend = List.copyOf(trend);
      bySeverity = List.copyOf(bySeverity);
      top = List.copyOf(top);
    }
  }

  /**
   * One scanned run's posture.
   *
   * @param score null when the run scanned no manifest (nothing evaluated)
   * @param filesNotRead manifest files the scan could not read: the score is partial when above 0
   */
  public record ScorePoint(
      LocalDate runDate, Double score, Double compliancePct, int filesNotRead) {}

  public record SeverityCount(String severity, long findings) {}

  public record FindingLine(
      String severity,
      String checkId,
      String title,
      String resource,
      String file,
      String path,
      String fix) {}

  /**
   * What the figures rest on, from the as-of run.
   *
   * @param unjoinedGpuHoursPercent unjoined GPU-hours in percent of all profiled GPU-hours; null
   *     without GPU-hours
   * @param resourcesWithoutTelemetry GPU resources billed without telemetry: unmeasured, never
   *     counted as idle
   * @param unmeasuredGpuMonthlyUsd their monthly cost; null when the run did not record it
   */
  public record DataQuality(
      long billingRowsRead,
      long billingRowsQuarantined,
      List<ReasonCount> quarantinedByReason,
      long telemetryValuesRead,
      long telemetryValuesQuarantined,
      double gpuHours,
      double unjoinedGpuHours,
      BigDecimal unjoinedGpuHoursPercent,
      int gpusProfiled,
      int resourcesWithoutTelemetry,
      BigDecimal unmeasuredGpuMonthlyUsd,
      long spendRowsWithoutRate) {
    public DataQuality {
      quarantinedByReason = List.copyOf(quarantinedByReason);
    }
  }

  public record ReasonCount(String reason, long rows) {}

  /** How a figure is computed. */
  public record Definition(String term, String text) {}

  /**
   * How one opportunity's monthly saving is computed from its evidence ({@link
   * SavingsComputations}).
   *
   * @param currency the resource's billing currency, that of every amount here
   * @param monthlySaving the last step's result; null when the evidence could not be read ({@code
   *     problem} says why)
   */
  public record Computation(
      int rank,
      String lever,
      String resource,
      String owner,
      String currency,
      List<ComputationInput> inputs,
      List<ComputationStep> steps,
      BigDecimal monthlySaving,
      String problem) {
    public Computation {
      inputs = List.copyOf(inputs);
      steps = List.copyOf(steps);
    }
  }

  /** A figure a computation starts from, as the evidence records it. */
  public record ComputationInput(String name, String value) {}

  /**
   * One line of arithmetic.
   *
   * @param arithmetic the operation on the figures, e.g. {@code USD 2,400.00 × 730 h ÷ 240 h}
   * @param result in cents, in the computation's currency; null for a step whose result is in its
   *     arithmetic (a ratio)
   */
  public record ComputationStep(String name, String arithmetic, BigDecimal result) {}
}
