package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.report.MonthlyReport.BudgetLine;
import io.fleetcost.report.MonthlyReport.BudgetLine.Status;
import io.fleetcost.report.MonthlyReport.ExecutiveSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * A closed month ({@link ReportFixture#closed()}: November 2025 reported in early December, as of
 * the 30th): the whole month's figures, never projected, and "closed month" on the first page.
 * Expectations are written out from the fixture's figures.
 */
class ClosedMonthReportTest {
  private static final MonthlyReport CLOSED =
      MonthlyReportBuilder.build(
          ReportFixture.acme().closed().snapshot(), ReportOptions.defaults());

  private static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void theSpendIsTheWholeMonthsComparedWithTheWholePreviousMonth() {
    ExecutiveSummary summary = CLOSED.summary();
    assertThat(CLOSED.header().closed()).isTrue();
    assertThat(CLOSED.header().asOf()).isEqualTo(ReportFixture.MONTH_END);
    // November 1–30, 3,300 a day (aws 2,100 + gcp 700 + azure 500): 99,000; the 30 EUR rows have no
    // rate
    assertThat(summary.spendThisMonth()).isEqualByComparingTo(usd("99000"));
    assertThat(summary.covered().label()).isEqualTo("1–30 Nov, 30 days");
    assertThat(summary.covered().complete()).isTrue();
    assertThat(summary.spendRowsWithoutRate()).isEqualTo(30);
    assertThat(summary.projectedMonthSpend()).isEqualByComparingTo(usd("99000"));
    // October whole: 31 × 3,100 = 96,100; 99,000 − 96,100 = 2,900; 2,900 ÷ 96,100 = 3.0177 %
    assertThat(summary.comparedSpend()).isEqualByComparingTo(usd("96100"));
    assertThat(summary.comparedPeriod()).isEqualTo("1–31 Oct");
    assertThat(summary.change().amount()).isEqualByComparingTo(usd("2900"));
    assertThat(summary.change().percent().setScale(4, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo(usd("3.0177"));
    // the savings are the month's last run's (14 Nov), as in the month-to-date report
    assertThat(summary.identifiedMonthly()).isEqualByComparingTo(usd("31502.70"));
    assertThat(summary.realizedMonthly()).isEqualByComparingTo(usd("3500.75"));
  }

  @Test
  void budgetsCompareTheMonthsActualSpend() {
    Map<String, BudgetLine> byTeam =
        CLOSED.budgets().stream().collect(Collectors.toMap(BudgetLine::team, Function.identity()));
    // ml-research: 30 × (1,000 + 300 + 100) = 42,000 > 25,000 (month to date it was 19,600,
    // projected over)
    assertThat(byTeam.get("ml-research").actual()).isEqualByComparingTo(usd("42000"));
    assertThat(byTeam.get("ml-research").projected()).isEqualByComparingTo(usd("42000"));
    assertThat(byTeam.get("ml-research").status()).isEqualTo(Status.OVER_BUDGET);
    // ml-platform: 30 × (400 + 50 + 100) = 16,500 of 20,000 = 82.5 %
    assertThat(byTeam.get("ml-platform").actual()).isEqualByComparingTo(usd("16500"));
    assertThat(byTeam.get("ml-platform").usedPercent()).isEqualByComparingTo(usd("82.5"));
    assertThat(byTeam.get("ml-platform").status()).isEqualTo(Status.WITHIN_BUDGET);
  }

  @Test
  void aClosedMonthIsNeverProjectedEvenWhenItsBillStopsShort() {
    // the bill ends on the 14th, as the sample's does: 14 × 3,300 = 46,200 is the month's spend,
    // not 46,200 ÷ 14 × 30
    MonthlyReport shortBill =
        MonthlyReportBuilder.build(
            ReportFixture.acme().closed().novemberDays(14).snapshot(), ReportOptions.defaults());
    assertThat(shortBill.summary().spendThisMonth()).isEqualByComparingTo(usd("46200"));
    assertThat(shortBill.summary().projectedMonthSpend()).isEqualByComparingTo(usd("46200"));
    // the same 14 days month to date project to 99,000
    assertThat(
            MonthlyReportBuilder.build(ReportFixture.acme().snapshot(), ReportOptions.defaults())
                .summary()
                .projectedMonthSpend())
        .isEqualByComparingTo(usd("99000"));
    // ml-research 19,600 ≤ 25,000 stays within budget: no projection flags it
    BudgetLine research =
        shortBill.budgets().stream()
            .filter(b -> b.team().equals("ml-research"))
            .findFirst()
            .orElseThrow();
    assertThat(research.projected()).isEqualByComparingTo(usd("19600"));
    assertThat(research.status()).isEqualTo(Status.WITHIN_BUDGET);
  }

  @Test
  void theFirstPageOfThePdfSaysClosedMonthAndShowsTheMonthsFigures() throws IOException {
    String first;
    String monthToDate;
    ReportRenderer renderer = new ReportRenderer();
    try (PDDocument closed = Loader.loadPDF(renderer.monthlyReportPdf(CLOSED));
        PDDocument open =
            Loader.loadPDF(
                renderer.monthlyReportPdf(
                    MonthlyReportBuilder.build(
                        ReportFixture.acme().snapshot(), ReportOptions.defaults())))) {
      first = ReportPdfTest.oneLine(ReportPdfTest.pageText(closed, 1));
      monthToDate = ReportPdfTest.oneLine(ReportPdfTest.pageText(open, 1));
    }
    assertThat(first)
        .contains("November 2025 (closed month, as of 30 Nov 2025)")
        .contains("November 2025 closed month figures as of 30 Nov 2025")
        .contains("Closed month: 1–30 Nov, 30 days of 30")
        .contains("USD 99,000.00")
        .contains("Closed month: the spend itself, no projection")
        .contains("USD 96,100.00")
        .contains("+USD 2,900.00")
        .contains("+3.0%");
    assertThat(monthToDate)
        .doesNotContain("closed month")
        .doesNotContain("Closed month")
        .contains("November 2025 month to date figures as of 14 Nov 2025")
        .contains("Month to date: 1–14 Nov, 14 days of 30");
  }
}
