package io.fleetcost.pipeline;

import io.fleetcost.config.JobConfig;
import io.fleetcost.config.ReportConfig;
import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.model.Money;
import io.fleetcost.report.MonthlyReport;
import io.fleetcost.report.MonthlyReportBuilder;
import io.fleetcost.report.ReportMonth;
import io.fleetcost.report.ReportOptions;
import io.fleetcost.report.ReportRenderer;
import io.fleetcost.report.TrendsPage;
import io.fleetcost.report.TrendsPageBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a month's finance report (HTML and PDF) and the trends page from the history alone, into
 * an output folder.
 */
public final class ReportPublisher {
  public static final String REPORT_HTML = "report.html";
  public static final String REPORT_PDF = "report.pdf";
  public static final String TRENDS_HTML = "trends.html";
  public static final String TRENDS_PDF = "trends.pdf";

  private ReportPublisher() {}

  /**
   * The report's headline figures as the PDF shows them (USD, rounded to cents), for {@code
   * summary.json}.
   *
   * @param closed the month is over: its figures are the complete month's, as of its last day
   * @param spendMonthToDateUsd the month's EffectiveCost over the usage days the bill covers so far
   *     (a closed month's: all of them)
   * @param changeVsSameDaysPct against the previous month over the same days; null without data
   * @param savingsRatePct realized ÷ (spend run rate + realized) × 100
   */
  public record Headline(
      String month,
      boolean closed,
      String asOf,
      String period,
      BigDecimal spendMonthToDateUsd,
      BigDecimal projectedMonthUsd,
      BigDecimal previousMonthUsd,
      BigDecimal changeVsSameDaysPct,
      BigDecimal identifiedMonthlyUsd,
      BigDecimal realizedMonthlyUsd,
      BigDecimal inProgressMonthlyUsd,
      BigDecimal savingsRatePct,
      Double securityScore,
      Map<String, String> artifacts) {}

  /**
   * The month a run on {@code runDate} reports on: the close-day rule's ({@link
   * ReportMonth#ofRunDate}). When the rule names the month just closed but {@code runDates} (the
   * history's complete runs) has none in it, as in a history that starts after it, there is nothing
   * to close and the report is the run date's month to date.
   */
  public static YearMonth reportMonthOfRun(
      LocalDate runDate, int closeDay, List<LocalDate> runDates) {
    ReportMonth rule = ReportMonth.ofRunDate(runDate, closeDay);
    boolean recorded = runDates.stream().anyMatch(d -> YearMonth.from(d).equals(rule.month()));
    return recorded ? rule.month() : YearMonth.from(runDate);
  }

  /**
   * Renders {@code month} from the history up to the run date {@code upTo} into {@code output} (not
   * committed here): closed when {@code upTo} is after the month, else month to date.
   *
   * @param trendsPdf also render the trends page as {@code trends.pdf}
   */
  public static Headline publish(
      HistoryStore store,
      JobConfig config,
      YearMonth month,
      LocalDate upTo,
      OutputDirectory output,
      boolean trendsPdf) {
    HistorySnapshot snapshot = store.snapshot(month, upTo, budgets(config.report()));
    ReportOptions options =
        ReportOptions.defaults()
            .withPageSize(ReportOptions.PageSize.parse(config.report().pageSize()));
    MonthlyReport report = MonthlyReportBuilder.build(snapshot, options);
    TrendsPage trends = TrendsPageBuilder.build(snapshot, options);
    ReportRenderer renderer = new ReportRenderer();
    output.writeText(REPORT_HTML, renderer.monthlyReportHtml(report));
    output.writeBytes(REPORT_PDF, renderer.monthlyReportPdf(report));
    output.writeText(TRENDS_HTML, renderer.trendsHtml(trends));
    Map<String, String> artifacts = new java.util.LinkedHashMap<>(artifacts());
    if (trendsPdf) {
      output.writeBytes(TRENDS_PDF, renderer.trendsPdf(trends));
      artifacts.put("trends_pdf", TRENDS_PDF);
    }
    MonthlyReport.ExecutiveSummary s = report.summary();
    return new Headline(
        month.toString(),
        snapshot.closed(),
        snapshot.asOf().toString(),
        report.header().period(),
        cents(s.spendThisMonth()),
        cents(s.projectedMonthSpend()),
        cents(s.previousMonthSpend()),
        s.change() == null || s.change().percent() == null
            ? null
            : s.change().percent().setScale(1, RoundingMode.HALF_EVEN),
        cents(s.identifiedMonthly()),
        cents(s.realizedMonthly()),
        cents(s.inProgressMonthly()),
        s.savingsRatePercent() == null
            ? null
            : s.savingsRatePercent().setScale(1, RoundingMode.HALF_EVEN),
        report.security().score(),
        java.util.Collections.unmodifiableMap(artifacts));
  }

  private static Map<String, String> artifacts() {
    Map<String, String> artifacts = new java.util.LinkedHashMap<>();
    artifacts.put("report_html", REPORT_HTML);
    artifacts.put("report_pdf", REPORT_PDF);
    artifacts.put("trends_html", TRENDS_HTML);
    return java.util.Collections.unmodifiableMap(artifacts);
  }

  static List<String> outputs() {
    return List.of(REPORT_HTML, REPORT_PDF, TRENDS_HTML);
  }

  private static Map<String, BigDecimal> budgets(ReportConfig report) {
    Map<String, BigDecimal> budgets = new TreeMap<>();
    report.budgets().forEach(b -> budgets.put(b.team(), b.monthlyUsd()));
    return budgets;
  }

  private static BigDecimal cents(BigDecimal value) {
    return value == null ? null : Money.cents(value);
  }
}
