package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * A table longer than {@link TableRows#KEEP_WHOLE_MAX} rows breaks across pages, but never leaves
 * fewer than {@link TableRows#MIN_ROWS_PER_PAGE} of its rows on a page: the PDF is read back for
 * tables of many lengths, so that the page breaks fall at every position of the table.
 */
class LongTablePagesTest {
  private static final ReportRenderer RENDERER = new ReportRenderer();

  /** Every finding row of the fixture shows exactly one check id. */
  private static final Pattern FINDING_ROW = Pattern.compile("C-00\\d\\d");

  /** Every opportunity row shows its effort, 1/5 to 5/5, once. */
  private static final Pattern OPPORTUNITY_ROW = Pattern.compile("(?<![0-9])[1-5]/5");

  @Test
  void noPageHoldsFewerThanFourRowsOfTheFindingsTable() throws IOException {
    List<Integer> splits = new ArrayList<>();
    for (int findings = TableRows.KEEP_WHOLE_MAX + 1; findings <= 44; findings++) {
      MonthlyReport report =
          MonthlyReportBuilder.build(
              ReportFixture.acme().findings(findings).snapshot(),
              ReportOptions.defaults().withTopFindings(findings));
      List<Integer> perPage = rowsPerPage(RENDERER.monthlyReportPdf(report), FINDING_ROW);
      assertThat(perPage.stream().mapToInt(Integer::intValue).sum())
          .as("%d findings", findings)
          .isEqualTo(findings);
      if (perPage.size() >= 3) {
        splits.add(findings);
      }
      assertThat(perPage)
          .as("rows per page of a table of %d findings", findings)
          .allMatch(rows -> rows >= TableRows.MIN_ROWS_PER_PAGE);
    }
    assertThat(splits).as("some lengths break the table across three or more pages").isNotEmpty();
  }

  @Test
  void noPageHoldsFewerThanFourRowsOfTheOpportunitiesTable() throws IOException {
    int opportunities = 26; // the fixture's
    boolean split = false;
    for (int listed = TableRows.KEEP_WHOLE_MAX + 1; listed <= opportunities; listed++) {
      MonthlyReport report =
          MonthlyReportBuilder.build(
              ReportFixture.acme().snapshot(),
              ReportOptions.defaults().withTopOpportunities(listed));
      List<Integer> perPage = rowsPerPage(RENDERER.monthlyReportPdf(report), OPPORTUNITY_ROW);
      assertThat(perPage.stream().mapToInt(Integer::intValue).sum())
          .as("%d opportunities", listed)
          .isEqualTo(listed);
      split |= perPage.size() > 1;
      assertThat(perPage)
          .as("rows per page of a table of %d opportunities", listed)
          .allMatch(rows -> rows >= TableRows.MIN_ROWS_PER_PAGE);
    }
    assertThat(split).as("some lengths break the table across pages").isTrue();
  }

  /** How many rows each page that holds any of the table's rows holds, in page order. */
  private static List<Integer> rowsPerPage(byte[] pdf, Pattern row) throws IOException {
    List<Integer> counts = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        Matcher matcher = row.matcher(ReportPdfTest.pageText(document, page));
        int rows = 0;
        while (matcher.find()) {
          rows++;
        }
        if (rows > 0) {
          counts.add(rows);
        }
      }
    }
    return counts;
  }
}
