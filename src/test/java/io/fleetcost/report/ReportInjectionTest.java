package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Markup in an organisation, team, tag value or resource name is text on the page, never markup.
 */
class ReportInjectionTest {
  private static final ReportRenderer RENDERER = new ReportRenderer();
  private static final MonthlyReport REPORT =
      MonthlyReportBuilder.build(
          ReportFixture.acme().hostile().snapshot(), ReportOptions.defaults());

  @Test
  void htmlEscapesMarkupInData() {
    String html = RENDERER.monthlyReportHtml(REPORT);

    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).doesNotContain("<script>alert").doesNotContain("<script");
    assertThat(html).contains("&lt;/td&gt;&lt;td&gt;x");
    assertThat(html).doesNotContain("</td><td>x");
  }

  @Test
  void trendsHtmlEscapesMarkupInData() {
    String html =
        RENDERER.trendsHtml(
            TrendsPageBuilder.build(
                ReportFixture.acme().hostile().snapshot(), ReportOptions.defaults()));

    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/td&gt;&lt;td&gt;x");
    assertThat(html).doesNotContain("<script").doesNotContain("</td><td>x");
  }

  @Test
  void pdfShowsTheMarkupAsLiteralText() throws IOException {
    try (PDDocument document = Loader.loadPDF(RENDERER.monthlyReportPdf(REPORT))) {
      String text = new PDFTextStripper().getText(document);
      // the organisation in the running header of every page, unwrapped
      assertThat(ReportPdfTest.pageText(document, document.getNumberOfPages()))
          .contains(ReportFixture.HOSTILE);
      // the team (spend by team, budgets) and the resource name (top opportunities) may wrap in
      // their cells
      String unwrapped = ReportPdfTest.oneLine(text);
      assertThat(unwrapped).contains(ReportFixture.CELL_BREAK);
      // on the page of the top opportunities: the running header, the rank-1 resource name and the
      // rank-2 action
      int opportunitiesPage = 1;
      while (!ReportPdfTest.pageText(document, opportunitiesPage).contains("Top opportunities")) {
        opportunitiesPage++;
        assertThat(opportunitiesPage)
            .as("a page with the top opportunities")
            .isLessThanOrEqualTo(document.getNumberOfPages());
      }
      String page = ReportPdfTest.oneLine(ReportPdfTest.pageText(document, opportunitiesPage));
      assertThat(page.split(java.util.regex.Pattern.quote(ReportFixture.HOSTILE), -1).length - 1)
          .isGreaterThanOrEqualTo(3);
    }
  }
}
