package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.cli.Cli;
import io.fleetcost.samplefleet.HistoryFleets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Markup and spreadsheet formulas in the data, end to end: from a bill's tag values and a
 * manifest's names through the job to the report (HTML and PDF) and the CSV exports.
 */
class HostileDataJobTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";

  @TempDir Path dir;

  @Test
  void markupIsTextInTheReportAndFormulasAreNeutralizedInTheCsvs() throws Exception {
    Path data = dir.resolve("fleet");
    HistoryFleets.write(data, Instant.parse("2026-10-01T00:00:00Z"), true, SCRIPT, FORMULA);
    Path manifests = Files.createDirectories(dir.resolve("k8s"));
    Files.writeString(
        manifests.resolve("pod.yaml"),
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Pod",
            "metadata:",
            "  name: '" + FORMULA.replace("'", "''") + "'",
            "  namespace: '</td><td>x'",
            "spec:",
            "  containers:",
            "    - name: main",
            "      image: nginx",
            "      securityContext:",
            "        privileged: true",
            ""));
    Path job = HistoryJobs.write(dir, "hostile", data, dir.resolve("warehouse"));
    Files.writeString(
        job, Files.readString(job) + "security:\n  - name: k8s\n    path: " + manifests + "\n");
    Path out = dir.resolve("out");
    Cli.Result run =
        Cli.run("run", job.toString(), "--date", "2026-10-02", "--out", out.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();

    // the bill's team tags reach the report: escaped in HTML, literal text in the PDF
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
    assertThat(html).contains("&lt;/td&gt;&lt;td&gt;x").doesNotContain("</td><td>x");
    String trends = Files.readString(out.resolve("trends.html"));
    assertThat(trends).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
    String pdf;
    try (org.apache.pdfbox.pdmodel.PDDocument document =
        org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(out.resolve("report.pdf")))) {
      pdf = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", "");
    }
    assertThat(pdf).contains(SCRIPT.replaceAll("\\s+", "")).contains("</td><td>x");

    // the idle VM's owner is the formula: neutralized in opportunities.csv; the pod's name in
    // findings.csv
    JsonNode opportunities =
        new ObjectMapper().readTree(out.resolve("opportunities.json").toFile());
    assertThat(opportunities.findValuesAsText("owner")).contains(FORMULA);
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .get()
            .parse(Files.newBufferedReader(out.resolve("opportunities.csv")))
            .getRecords();
    assertThat(rows)
        .extracting(r -> r.get("owner"))
        .contains("'" + FORMULA)
        .doesNotContain(FORMULA);
    List<CSVRecord> findings =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .get()
            .parse(Files.newBufferedReader(out.resolve("security/findings.csv")))
            .getRecords();
    assertThat(findings).isNotEmpty();
    assertThat(findings)
        .extracting(r -> r.get("name"))
        .contains("'" + FORMULA)
        .doesNotContain(FORMULA);
    assertThat(findings).extracting(r -> r.get("namespace")).contains("</td><td>x");
  }
}
