package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRendererFontsTest {
  @Test
  void withoutDejaVuThePdfFallsBackToBuiltInFontsInsteadOfFailing(@TempDir Path emptyFontDirectory)
      throws IOException {
    ReportRenderer renderer = new ReportRenderer(List.of(emptyFontDirectory));
    assertThat(renderer.fonts()).isEmpty();

    MonthlyReport report =
        MonthlyReportBuilder.build(ReportFixture.acme().snapshot(), ReportOptions.defaults());
    try (PDDocument document = Loader.loadPDF(renderer.monthlyReportPdf(report))) {
      assertThat(new PDFTextStripper().getText(document))
          .contains("Executive summary", "USD 46,200.00");
    }
  }

  @Test
  void theSystemDejaVuFontsAreFound() {
    assertThat(new ReportRenderer().fonts())
        .extracting(path -> path.getFileName().toString())
        .contains("DejaVuSans.ttf", "DejaVuSans-Bold.ttf");
  }
}
