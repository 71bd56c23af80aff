package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * What the report says about the data it rests on: the first page's warning box for inputs that did
 * not cover the period, the unmeasured GPU resources, and a security posture without a score when
 * no manifest was scanned.
 */
class ReportDataQualityTest {
  private static final ReportRenderer RENDERER = new ReportRenderer();

  private static String firstPage(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      return stripper.getText(document).replaceAll("\\s+", " ");
    }
  }

  private static String allPages(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  @Test
  void theFirstPageWarnsAboutEveryInputThatIsNotOk() throws IOException {
    var snapshot = ReportFixture.acme().incompleteInputs().snapshot();
    MonthlyReport report = MonthlyReportBuilder.build(snapshot, ReportOptions.defaults());
    assertThat(report.inputWarnings())
        .extracting(MonthlyReport.InputWarning::name)
        .containsExactly("gcp-export", "dcgm");
    String page = firstPage(RENDERER.monthlyReportPdf(report));
    assertThat(page)
        .contains(
            "⚠ Incomplete data: 2 inputs do not cover the period. The figures below lack what these inputs did not deliver.");
    assertThat(page).contains("gcp-export (billing): missing – no files with data");
    assertThat(page)
        .contains(
            "dcgm (telemetry): stale – the newest row reaches 2025-11-11T00:00:00Z, 96 h before the end of 2025-11-14 (limit 6 h)");
    assertThat(page).as("an ok input is not named").doesNotContain("aws-cur (billing)");
    String trends =
        RENDERER.trendsHtml(TrendsPageBuilder.build(snapshot, ReportOptions.defaults()));
    assertThat(trends).contains("class=\"warning-box\"").contains("gcp-export").contains("dcgm");
  }

  @Test
  void noWarningBoxWhenEveryInputIsOk() throws IOException {
    var snapshot = ReportFixture.acme().snapshot();
    MonthlyReport report = MonthlyReportBuilder.build(snapshot, ReportOptions.defaults());
    assertThat(report.inputWarnings()).isEmpty();
    assertThat(firstPage(RENDERER.monthlyReportPdf(report))).doesNotContain("Incomplete data");
    assertThat(RENDERER.trendsHtml(TrendsPageBuilder.build(snapshot, ReportOptions.defaults())))
        .doesNotContain("class=\"warning-box\"");
  }

  @Test
  void unmeasuredGpuResourcesAreNamedWithTheirCostOnTheFirstPageAndInDataQuality()
      throws IOException {
    // the fixture's as-of run: 3 GPU resources billed without telemetry, 2,190.00 USD a month
    MonthlyReport report =
        MonthlyReportBuilder.build(ReportFixture.acme().snapshot(), ReportOptions.defaults());
    assertThat(report.dataQuality().resourcesWithoutTelemetry()).isEqualTo(3);
    assertThat(report.dataQuality().unmeasuredGpuMonthlyUsd()).isEqualByComparingTo("2190.00");
    byte[] pdf = RENDERER.monthlyReportPdf(report);
    assertThat(firstPage(pdf))
        .contains(
            "3 GPU resources on the bill sent no telemetry (USD 2,190.00 a month): unmeasured, never counted as idle");
    assertThat(allPages(pdf))
        .contains(
            "Unmeasured GPU resources 3 Billed GPU resources without telemetry, USD 2,190.00 a month");
  }

  @Test
  void aRunThatScannedNoManifestShowsNoScoreNotAPerfectOne() throws IOException {
    var snapshot = ReportFixture.acme().noManifestsScanned().snapshot();
    MonthlyReport report = MonthlyReportBuilder.build(snapshot, ReportOptions.defaults());
    assertThat(report.security().scannedOn()).isEqualTo(ReportFixture.AS_OF);
    assertThat(report.security().score()).isNull();
    assertThat(report.security().trend()).last().satisfies(p -> assertThat(p.score()).isNull());
    String text = allPages(RENDERER.monthlyReportPdf(report));
    assertThat(text).contains("Security score n/a — no manifests scanned");
    assertThat(text).doesNotContain("100.0 / 100");
    String trends =
        RENDERER.trendsHtml(TrendsPageBuilder.build(snapshot, ReportOptions.defaults()));
    assertThat(trends).contains("n/a — no manifests scanned");
  }
}
