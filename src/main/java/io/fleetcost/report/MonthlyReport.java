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
 * page. The values built by {@link MonthlyReportBuilder} itself and {@link ReportDefinitions} (the
 * first page, the spend, the budgets, the data quality, appendix A) are nested here; those of the
 * sections built by their own classes are records of this package ({@link Waterfall}, {@link
 * Opportunities}, {@link Realized}, {@link MigPlan}, {@link CloudRecommendations}, {@link
 * Security}, {@link Computation}).
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
}
