package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.cli.Cli;
import io.fleetcost.samplefleet.HistoryFleets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing, late and partial inputs are loud. The run date is 2026-10-06 with a 6-day window (1–6
 * Oct):
 *
 * <ul>
 *   <li>{@code fresh}: a busy VM billed and sampled every 15 minutes from 1 Oct to the end of 6 Oct
 *       → ok;
 *   <li>{@code late}: another VM whose bill and log end on 2 Oct 24:00 = 3 Oct 00:00, 4 days (96 h)
 *       before the window's end on 7 Oct 00:00: stale for billing (limit 48 h) and for telemetry
 *       (limit 6 h);
 *   <li>{@code gappy}: a third VM billed on 1–2 Oct and 5–6 Oct: 3 and 4 Oct are holes;
 *   <li>{@code absent}: an empty folder → missing.
 * </ul>
 */
class InputCoverageJobTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void fleets() throws Exception {
    data = dir.resolve("data");
    HistoryFleets.writeBusy(
        data.resolve("fresh"), Instant.parse("2026-10-01T00:00:00Z"), 6, "i-0fresh000000000001", 1);
    HistoryFleets.writeBusy(
        data.resolve("late"), Instant.parse("2026-10-01T00:00:00Z"), 2, "i-0late0000000000002", 2);
    HistoryFleets.writeBusy(
        data.resolve("gappy-1"),
        Instant.parse("2026-10-01T00:00:00Z"),
        2,
        "i-0gappy000000000003",
        3);
    HistoryFleets.writeBusy(
        data.resolve("gappy-2"),
        Instant.parse("2026-10-05T00:00:00Z"),
        2,
        "i-0gappy000000000003",
        3);
    Files.createDirectories(data.resolve("absent"));
  }

  private static Path job(String name, String extra) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: " + name,
            "organization: Coverage Test",
            "billing:",
            "  - name: fresh",
            "    path: " + data.resolve("fresh/billing/aws"),
            "  - name: late",
            "    path: " + data.resolve("late/billing/aws"),
            "  - name: gappy",
            "    path: ["
                + data.resolve("gappy-1/billing/aws")
                + ", "
                + data.resolve("gappy-2/billing/aws")
                + "]",
            "  - name: absent",
            "    path: " + data.resolve("absent"),
            "telemetry:",
            "  - name: fresh-gpus",
            "    path: " + data.resolve("fresh/telemetry/nvidia-smi"),
            "    format: nvidia-smi",
            "  - name: late-gpus",
            "    path: " + data.resolve("late/telemetry/nvidia-smi"),
            "    format: nvidia-smi",
            "savings:",
            "  lookback-days: 6",
            "history:",
            "  warehouse: " + dir.resolve("warehouse-" + name),
            extra,
            ""));
    return file;
  }

  private static Map<String, JsonNode> inputs(JsonNode summary) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    summary.get("data_quality").get("inputs").forEach(i -> byName.put(i.get("name").asText(), i));
    return byName;
  }

  @Test
  void aMissingOrStaleInputFailsTheRunWithExitOneAndTheReportWarnsOnItsFirstPage()
      throws Exception {
    Path out = dir.resolve("out-fail");
    Cli.Result run =
        Cli.run(
            "run", job("coverage", "").toString(), "--date", "2026-10-06", "--out", out.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("inputs: 2 of 6 cover the window:");
    assertThat(run.out()).contains("    MISSING billing 'absent': no files with data");
    assertThat(run.out())
        .contains(
            "    STALE billing 'late': the newest row reaches 2026-10-03T00:00:00Z, 96 h before the end of 2026-10-06 (limit 48 h)");
    assertThat(run.out()).contains("    HOLES billing 'gappy': no rows on 2026-10-03, 2026-10-04");
    assertThat(run.out())
        .contains("    STALE telemetry 'late-gpus': the newest row reaches 2026-10-02T23:45:00Z");
    assertThat(run.err())
        .contains("Missing or stale input: billing input 'late' (stale")
        .contains("billing input 'absent' (missing");

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("status").asText()).isEqualTo("failed");
    assertThat(summary.get("data_quality").get("on_missing_input").asText()).isEqualTo("fail");
    Map<String, JsonNode> inputs = inputs(summary);
    assertThat(inputs.keySet())
        .containsExactly("fresh", "late", "gappy", "absent", "fresh-gpus", "late-gpus");
    assertThat(inputs.get("fresh").get("status").asText()).isEqualTo("ok");
    assertThat(inputs.get("fresh").get("kind").asText()).isEqualTo("billing");
    assertThat(inputs.get("fresh").get("days_covered").asInt()).isEqualTo(6);
    assertThat(inputs.get("fresh").get("newest_timestamp").asText())
        .isEqualTo("2026-10-07T00:00:00Z");
    // the CUR 2.0 writer bills every hour three lines (the instance, its gp3 volume, its data
    // transfer): 6 × 24 × 3
    assertThat(inputs.get("fresh").get("rows").asLong()).isEqualTo(432);
    assertThat(inputs.get("late").get("status").asText()).isEqualTo("stale");
    assertThat(inputs.get("late").get("days_covered").asInt()).isEqualTo(2);
    assertThat(inputs.get("late").get("staleness_hours").asDouble()).isEqualTo(96.0);
    assertThat(inputs.get("gappy").get("status").asText()).isEqualTo("holes");
    assertThat(inputs.get("gappy").get("holes"))
        .extracting(JsonNode::asText)
        .containsExactly("2026-10-03", "2026-10-04");
    assertThat(inputs.get("absent").get("status").asText()).isEqualTo("missing");
    assertThat(inputs.get("absent").get("rows").asLong()).isZero();
    assertThat(inputs.get("fresh-gpus").get("status").asText()).isEqualTo("ok");
    assertThat(inputs.get("fresh-gpus").get("kind").asText()).isEqualTo("telemetry");
    assertThat(inputs.get("fresh-gpus").get("newest_timestamp").asText())
        .isEqualTo("2026-10-06T23:45:00Z");
    assertThat(inputs.get("fresh-gpus").get("rows").asLong())
        .as("6 days × 96 samples of one GPU")
        .isEqualTo(576);
    assertThat(inputs.get("late-gpus").get("status").asText()).isEqualTo("stale");
    assertThat(inputs.get("late-gpus").get("staleness_hours").asDouble())
        .as("2 Oct 23:45 to 7 Oct 00:00")
        .isEqualTo(96.25);

    // the outputs are still written, and the first page of the PDF names every input that is not ok
    String firstPage;
    try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(out.resolve("report.pdf")))) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      firstPage = stripper.getText(pdf).replaceAll("\\s+", " ");
    }
    assertThat(firstPage).contains("⚠ Incomplete data: 4 inputs do not cover the period.");
    assertThat(firstPage)
        .contains("late (billing): stale – the newest row reaches 2026-10-03T00:00:00Z");
    assertThat(firstPage).contains("gappy (billing): holes – no rows on 2026-10-03, 2026-10-04");
    assertThat(firstPage).contains("absent (billing): missing – no files with data");
    assertThat(firstPage).contains("late-gpus (telemetry): stale");
    assertThat(firstPage).doesNotContain("fresh (billing)");
    // the gappy VM is billed but sends no telemetry: unmeasured, with its cost, and no opportunity
    // for it
    assertThat(firstPage).contains("1 GPU resource on the bill sent no telemetry");
    JsonNode unmeasured = summary.get("data_quality").get("unmeasured_gpu_resources");
    assertThat(unmeasured.get("resources").asInt()).isEqualTo(1);
    assertThat(unmeasured.get("gpus").asInt()).isEqualTo(1);
    assertThat(
            summary
                .get("cost_analysis")
                .get("optimization_opportunities")
                .findValuesAsText("resource_id"))
        .noneMatch(id -> id.contains("i-0gappy"));
    String trends = Files.readString(out.resolve("trends.html"));
    assertThat(trends)
        .contains("Incomplete data: 4 inputs do not cover the period")
        .contains("late-gpus");
  }

  @Test
  void withOnMissingInputWarnTheRunSucceedsAndListsTheInputsAsWarnings() throws Exception {
    Path out = dir.resolve("out-warn");
    Cli.Result run =
        Cli.run(
            "run",
            job("coverage-warn", "data-quality:\n  on-missing-input: warn").toString(),
            "--date",
            "2026-10-06",
            "--out",
            out.toString(),
            "--no-history");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("status").asText()).isEqualTo("succeeded");
    assertThat(summary.get("data_quality").get("warnings"))
        .extracting(JsonNode::asText)
        .anyMatch(w -> w.startsWith("Input coverage: billing input 'absent' (missing"))
        .anyMatch(w -> w.startsWith("Input coverage: billing input 'late' (stale"))
        .anyMatch(w -> w.startsWith("Input coverage: billing input 'gappy' (holes"));
    assertThat(inputs(summary).get("absent").get("status").asText()).isEqualTo("missing");
  }

  @Test
  void onlyHolesWarnWithoutFailing() throws Exception {
    Path file = dir.resolve("holes-only.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: holes-only",
            "billing:",
            "  - name: gappy",
            "    path: ["
                + data.resolve("gappy-1/billing/aws")
                + ", "
                + data.resolve("gappy-2/billing/aws")
                + "]",
            "savings:",
            "  lookback-days: 6",
            ""));
    Cli.Result run =
        Cli.run(
            "run",
            file.toString(),
            "--date",
            "2026-10-06",
            "--out",
            dir.resolve("out-holes").toString(),
            "--no-history");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("inputs: 0 of 1 cover the window:")
        .contains("HOLES billing 'gappy'");
  }

  @Test
  void validateWarnsAboutAnEmptyInputAndExitsZero() throws Exception {
    Cli.Result validate = Cli.run("validate", job("coverage-validate", "").toString());
    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    assertThat(validate.out())
        .contains(
            "  WARN   billing input 'absent' has no file with data in " + data.resolve("absent"))
        .contains("a run reports it as missing");
    assertThat(validate.out()).contains("valid, 1 warning");
  }
}
