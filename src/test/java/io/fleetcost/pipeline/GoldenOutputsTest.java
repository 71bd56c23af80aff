package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden comparison of SampleJobTest on small made-up outputs: what it keeps, leaves out, and
 * how it reports.
 */
class GoldenOutputsTest {
  @TempDir Path dir;

  private static final String OPPORTUNITIES =
      "[ {\n  \"id\" : \"op-1\",\n  \"monthly_saving\" : 120.50,\n  \"evidence\" : { \"sample_rows\" : [ \""
          + TestPaths.PROJECT
          + "/sample-data/bill.csv:7\" ] }\n} ]\n";

  private Path run(
      String name, String opportunities, String runId, String startedAt, String estimate)
      throws IOException {
    Path out = Files.createDirectories(dir.resolve(name));
    Files.writeString(out.resolve("opportunities.json"), opportunities, StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("summary.json"),
        "{\"fleetcost_version\":\"0.1.0-SNAPSHOT\",\"run_id\":\""
            + runId
            + "\",\"job\":{\"file\":\""
            + TestPaths.PROJECT
            + "/jobs/sample.yaml\"},\"started_at\":\""
            + startedAt
            + "\",\"finished_at\":\""
            + startedAt
            + "\",\"duration_seconds\":1.5,"
            + "\"spark\":{\"master\":\"local[2]\"},\"history\":{\"warehouse\":\"file:/tmp/"
            + name
            + "\",\"dates_recorded\":[\"2026-11-14\"]},"
            + "\"cost_analysis\":{\"monthly_estimate_usd\":"
            + estimate
            + "}}",
        StandardCharsets.UTF_8);
    return out;
  }

  private static Map<String, List<String>> history(String... opportunityRows) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    tables.put("opportunities", List.of(opportunityRows));
    tables.put(
        "runs", List.of("[2026-11-13,sample,true,100.00]", "[2026-11-14,sample,false,120.50]"));
    return tables;
  }

  @Test
  void theSameOutputsOfAnotherRunMatchAndTheCopyIsWrittenTheSameEachTime() throws IOException {
    GoldenOutputs first =
        GoldenOutputs.of(
            run("a", OPPORTUNITIES, "run-a", "2027-12-02T06:00:00Z", "652727.42"),
            history("[2026-11-14,op-1,120.50]"));
    first.writeGolden(dir.resolve("golden"));
    byte[] written = Files.readAllBytes(dir.resolve("golden").resolve(GoldenOutputs.OPPORTUNITIES));
    first.writeGolden(dir.resolve("golden"));
    assertThat(Files.readAllBytes(dir.resolve("golden").resolve(GoldenOutputs.OPPORTUNITIES)))
        .as("no timestamp in the gzip")
        .isEqualTo(written);

    // another run id, clock, duration, warehouse: the run's own fields
    GoldenOutputs second =
        GoldenOutputs.of(
            run("b", OPPORTUNITIES, "run-b", "2026-12-04T23:00:00Z", "652727.42"),
            history("[2026-11-14,op-1,120.50]"));
    assertThat(second.differencesFrom(dir.resolve("golden"), dir.resolve("actual"))).isEmpty();
    assertThat(dir.resolve("actual")).doesNotExist();
  }

  @Test
  void theCheckoutsPathIsWrittenAsAPlaceholderAndTheRestKept() throws IOException {
    GoldenOutputs outputs =
        GoldenOutputs.of(run("a", OPPORTUNITIES, "run-a", "2027-12-02T06:00:00Z", "1"), history());
    outputs.writeGolden(dir.resolve("golden"));
    String opportunities = gunzipped(dir.resolve("golden").resolve(GoldenOutputs.OPPORTUNITIES));
    assertThat(opportunities)
        .isEqualTo(OPPORTUNITIES.replace(TestPaths.PROJECT.toString(), "<project>"))
        .contains("<project>/sample-data/bill.csv:7");
    String figures = gunzipped(dir.resolve("golden").resolve(GoldenOutputs.FIGURES));
    assertThat(figures)
        .contains("<project>/jobs/sample.yaml", "dates_recorded", "monthly_estimate_usd")
        .doesNotContain(
            "run-a",
            "started_at",
            "finished_at",
            "duration_seconds",
            "local[2]",
            "warehouse",
            "fleetcost_version");
    assertThat(Files.readString(dir.resolve("golden").resolve(GoldenOutputs.HISTORY)))
        .contains("table runs: 2 rows, sha256 ", "    [2026-11-14,sample,false,120.50]");
  }

  @Test
  void aChangedFigureIsNamedByItsPointerAndItsTableAndRunDate() throws IOException {
    GoldenOutputs.of(
            run("a", OPPORTUNITIES, "run-a", "2027-12-02T06:00:00Z", "652727.42"),
            history("[2026-11-13,op-1,120.50]", "[2026-11-14,op-1,120.50]"))
        .writeGolden(dir.resolve("golden"));
    GoldenOutputs changed =
        GoldenOutputs.of(
            run(
                "b",
                OPPORTUNITIES.replace("120.50", "99.00"),
                "run-b",
                "2027-12-02T06:00:00Z",
                "652000.00"),
            history("[2026-11-13,op-1,120.50]", "[2026-11-14,op-1,99.00]"));
    List<String> differences =
        changed.differencesFrom(dir.resolve("golden"), dir.resolve("actual"));
    assertThat(differences)
        .contains(
            "  /0/monthly_saving: golden 120.5, this run 99.0",
            "  /cost_analysis/monthly_estimate_usd: golden 652727.42, this run 652000.0")
        .anyMatch(d -> d.startsWith("  table opportunities: golden 2 rows, sha256 "))
        .contains("    run dates whose rows differ (rows golden → this run): 2026-11-14 (1 → 1)")
        .noneMatch(d -> d.contains("table runs"));
    assertThat(
            Files.readString(dir.resolve("actual").resolve("history").resolve("opportunities.txt")))
        .isEqualTo("[2026-11-13,op-1,120.50]\n[2026-11-14,op-1,99.00]\n");
  }

  private static String gunzipped(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aMissingGoldenCopySaysHowToWriteIt() throws IOException {
    GoldenOutputs outputs =
        GoldenOutputs.of(run("a", OPPORTUNITIES, "run-a", "2027-12-02T06:00:00Z", "1"), history());
    assertThatThrownBy(() -> outputs.differencesFrom(dir.resolve("none"), dir.resolve("actual")))
        .hasMessageContaining("-Dfleetcost.golden.update=true");
  }

  @Test
  void anExcludedFieldThatIsGoneFailsLoudly() throws IOException {
    Path out = run("a", OPPORTUNITIES, "run-a", "2027-12-02T06:00:00Z", "1");
    Files.writeString(
        out.resolve("summary.json"),
        Files.readString(out.resolve("summary.json")).replace("\"duration_seconds\":1.5,", ""));
    assertThatThrownBy(
            () -> GoldenOutputs.of(out, new LinkedHashMap<>(Map.of("runs", new ArrayList<>()))))
        .hasMessageContaining("summary.json has no field /duration_seconds");
  }
}
