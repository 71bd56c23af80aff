package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the fixture's pages for a person to look at: {@code -Dfleetcost.reportLook=/tmp/report-look}. Skipped
 * otherwise.
 */
class ReportLookTest {
  @Test
  @EnabledIfSystemProperty(named = "fleetcost.reportLook", matches = ".+")
  void writesTheFixturePagesToLookAt() throws IOException {
    Path directory = Files.createDirectories(Path.of(System.getProperty("fleetcost.reportLook")));
    ReportRenderer renderer = new ReportRenderer();
    ReportOptions options = ReportOptions.defaults();
    var snapshot = ReportFixture.acme().snapshot();
    MonthlyReport report = MonthlyReportBuilder.build(snapshot, options);
    TrendsPage trends = TrendsPageBuilder.build(snapshot, options);
    Files.writeString(directory.resolve("monthly-report.html"), renderer.monthlyReportHtml(report), StandardCharsets.UTF_8);
    Files.write(directory.resolve("monthly-report.pdf"), renderer.monthlyReportPdf(report));
    Files.write(
        directory.resolve("monthly-report-letter.pdf"),
        renderer.monthlyReportPdf(MonthlyReportBuilder.build(snapshot, options.withPageSize(ReportOptions.PageSize.LETTER))));
    Files.writeString(directory.resolve("trends.html"), renderer.trendsHtml(trends), StandardCharsets.UTF_8);
    Files.write(directory.resolve("trends.pdf"), renderer.trendsPdf(trends));
    Files.write(
        directory.resolve("hostile.pdf"),
        renderer.monthlyReportPdf(MonthlyReportBuilder.build(ReportFixture.acme().hostile().findings(60).snapshot(), options.withTopFindings(60))));
    assertThat(directory.resolve("monthly-report.pdf")).isNotEmptyFile();
  }
}
