package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** The monthly PDF read back with PDFBox. */
class ReportPdfTest {
  static final List<String> SECTIONS =
      List.of(
          "Executive summary",
          "Spend by provider",
          "Spend by account",
          "Spend by service",
          "Spend by team",
          "Budget vs actual",
          "Savings waterfall",
          "Top opportunities",
          "Realized savings",
          "MIG plans",
          "Security posture",
          "Data quality",
          "Appendix A: how the figures are computed",
          "Appendix B: how these figures were computed");
  private static final ReportRenderer RENDERER = new ReportRenderer();
  private static byte[] pdf;
  private static String html;

  @BeforeAll
  static void render() {
    MonthlyReport report =
        MonthlyReportBuilder.build(ReportFixture.acme().snapshot(), ReportOptions.defaults());
    html = RENDERER.monthlyReportHtml(report);
    pdf = RENDERER.monthlyReportPdf(report);
  }

  @Test
  void htmlIsWellFormedXhtml() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    assertThat(document.getElementsByTagName("h2").getLength()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void everySectionTitleAndHeadlineFigureIsInTheText() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains(SECTIONS);
      // 14 × 3,300; identified = 6 × 1,500 + 4 × 750.50 + 6 × 1,200 + 3 × 2,000 + 7 × 900.10;
      // realized 1,000 + 2,500 + 0.75
      assertThat(text).contains("USD 46,200.00", "USD 31,502.70", "USD 3,500.75");
      assertThat(text.replaceAll("\\s+", " ")).contains("Over budget", "Projected over budget");
      assertThat(text).contains("1–14 Nov, 14 days");
    }
  }

  @Test
  void everyFirstPageFigureRefersToItsSectionByNumberAndPage() throws IOException {
    // HTML: links to the sections' ids; PDF: the same links, followed by the page each section
    // starts on
    assertThat(html)
        .contains(
            "href=\"#spend-provider\"",
            "href=\"#waterfall\"",
            "href=\"#realized\"",
            "href=\"#security\"",
            "href=\"#budgets\"");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      String first = pageText(document, 1);
      for (String[] reference :
          new String[][] {
            {"§2.1", "2.1 Spend by provider"},
            {"§3", "3 Budget vs actual"},
            {"§4", "4 Savings waterfall"},
            {"§6", "6 Realized savings"},
            {"§8", "8 Security posture"}
          }) {
        int page = pageWith(document, reference[1]);
        assertThat(page).as(reference[1]).isGreaterThan(1);
        assertThat(first).contains("see " + reference[0] + ", p. " + page);
      }
      // the realized section lists what the first page's realized figure adds up: 1,000 + 2,500 +
      // 0.75
      String realized =
          pageText(document, pageWith(document, "6 Realized savings")).replaceAll("\\s+", "");
      assertThat(realized).contains("RealizedUSD3,500.75").contains("InprogressUSD500.00");
    }
  }

  @Test
  void everyPageHasTheRunningHeaderAndItsNumberOfTheTotal() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int pages = document.getNumberOfPages();
      assertThat(pages).isGreaterThan(3);
      for (int page = 1; page <= pages; page++) {
        String text = pageText(document, page);
        assertThat(text).as("page %d", page).contains("Page " + page + " of " + pages);
        assertThat(text)
            .as("page %d", page)
            .contains(ReportFixture.ORGANIZATION)
            .contains("November 2025");
      }
    }
  }

  @Test
  void bookmarksNameEverySection() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<String> names = new ArrayList<>();
      collect(document.getDocumentCatalog().getDocumentOutline().children(), names);
      assertThat(names)
          .containsExactly(
              "1 Executive summary",
              "2 Spend",
              "2.1 Spend by provider",
              "2.2 Spend by account",
              "2.3 Spend by service",
              "2.4 Spend by team",
              "3 Budget vs actual",
              "4 Savings waterfall",
              "5 Top opportunities",
              "6 Realized savings",
              "7 MIG plans",
              "8 Security posture",
              "9 Data quality",
              "Appendix A: how the figures are computed",
              "Appendix B: how these figures were computed");
    }
  }

  @Test
  void cloudRecommendationsAreShownBesideFleetCostsPerResource() throws IOException {
    MonthlyReport report =
        MonthlyReportBuilder.build(
            ReportFixture.acme().cloudRecommendations().snapshot(), ReportOptions.defaults());
    assertThat(html).doesNotContain("Cloud recommendations");
    String withCloud = RENDERER.monthlyReportHtml(report);
    assertThat(withCloud).contains("id=\"cloud-recommendations\"");
    byte[] bytes = RENDERER.monthlyReportPdf(report);
    try (PDDocument document = Loader.loadPDF(bytes)) {
      List<String> names = new ArrayList<>();
      collect(document.getDocumentCatalog().getDocumentOutline().children(), names);
      // numbered after MIG plans, the sections after it one number further
      assertThat(names)
          .contains("8 Cloud recommendations", "9 Security posture", "10 Data quality");
      int page = pageWith(document, "AWS Cost Explorer rightsizing beside FleetCost");
      // the section's table is short: kept whole on the page of its heading
      String text = pageText(document, page).replaceAll("\\s+", "");
      assertThat(text).contains("2agree,1differ,1cloudonly,1fleetcostonly.");
      // one row per resource, cells in order: what the cloud recommends, its saving, what FleetCost
      // proposes, its saving
      assertThat(text)
          .contains("notebook-7p3.2xlargedifferResizetog5.2xlargeUSD300.45idleUSD2,920.00");
      assertThat(text)
          .contains("i-0agree2p3.8xlargeagreeResizetop3.2xlargeUSD1,500.00rightsizeUSD700.00");
      assertThat(text).contains("trainer-ag5.12xlargeagreeTerminateUSD980.00idleUSD1,000.00");
      assertThat(text).contains("i-0cloudm5.xlargecloudonlyTerminateUSD120.00nothing");
      assertThat(text).contains("FleetCostaloneactson1resource(USD450.10permonth)");
    }
  }

  @Test
  void fontsAreEmbedded() throws IOException {
    assertThat(RENDERER.fonts()).as("DejaVu installed on this machine").isNotEmpty();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int fonts = 0;
      for (PDPage page : document.getPages()) {
        PDResources resources = page.getResources();
        for (COSName name : resources.getFontNames()) {
          assertThat(resources.getFont(name).isEmbedded())
              .as(resources.getFont(name).getName())
              .isTrue();
          fonts++;
        }
      }
      assertThat(fonts).isPositive();
    }
  }

  @Test
  void pageSizeFollowsTheOptions() throws IOException {
    MonthlyReport letter =
        MonthlyReportBuilder.build(
            ReportFixture.acme().snapshot(),
            ReportOptions.defaults().withPageSize(ReportOptions.PageSize.LETTER));
    try (PDDocument a4 = Loader.loadPDF(pdf);
        PDDocument us = Loader.loadPDF(RENDERER.monthlyReportPdf(letter))) {
      assertThat(a4.getPage(0).getMediaBox().getWidth())
          .isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
      assertThat(us.getPage(0).getMediaBox().getWidth())
          .isCloseTo(PDRectangle.LETTER.getWidth(), org.assertj.core.data.Offset.offset(1f));
      assertThat(us.getPage(0).getMediaBox().getHeight())
          .isCloseTo(PDRectangle.LETTER.getHeight(), org.assertj.core.data.Offset.offset(1f));
    }
  }

  @Test
  void aLongTableSpansPagesAndRepeatsItsHeader() throws IOException {
    MonthlyReport report =
        MonthlyReportBuilder.build(
            ReportFixture.acme().findings(60).snapshot(),
            ReportOptions.defaults().withTopFindings(60));
    try (PDDocument document = Loader.loadPDF(RENDERER.monthlyReportPdf(report))) {
      int first = pageWith(document, "Top findings (60 of 60)");
      int last = first;
      for (int page = first + 1; page <= document.getNumberOfPages(); page++) {
        if (oneLine(pageText(document, page)).contains("Set securityContext.privileged")) {
          last = page;
        }
      }
      assertThat(last).as("the findings continue on a later page").isGreaterThan(first);
      for (int page = first + 1; page <= last; page++) {
        assertThat(pageText(document, page))
            .as("page %d repeats the header row", page)
            .contains("Severity")
            .contains("File and path");
      }
      assertThat(oneLine(pageText(document, last))).doesNotContain("Top findings");
    }
  }

  private static int pageWith(PDDocument document, String text) throws IOException {
    for (int page = 1; page <= document.getNumberOfPages(); page++) {
      if (oneLine(pageText(document, page)).contains(text)) {
        return page;
      }
    }
    throw new AssertionError("no page contains " + text);
  }

  static String pageText(PDDocument document, int page) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    return stripper.getText(document);
  }

  /** The text with its line breaks removed, so a value wrapped in a narrow cell reads whole. */
  static String oneLine(String text) {
    return text.replaceAll("\\r?\\n", "");
  }

  private static void collect(Iterable<PDOutlineItem> items, List<String> names) {
    for (PDOutlineItem item : items) {
      names.add(item.getTitle());
      collect(item.children(), names);
    }
  }
}
