package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import io.fleetcost.samplefleet.SampleFleet;
import io.fleetcost.spark.SampleRunReference;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample job (jobs/sample.yaml) on the bundled sample data and the generated sample fleet, run
 * twice without --date, into one history: first on a clock a year after the sample's data (2 Dec
 * 2027), then on the real clock. It finds every planted case with the planted lever and nothing on
 * the healthy GPUs, and gives identical opportunities and the same report both times: the job file
 * pins the run date to its data.
 */
class SampleJobTest {
  static final Clock A_YEAR_LATER =
      Clock.fixed(Instant.parse("2027-12-02T06:00:00Z"), ZoneOffset.UTC);
  @TempDir static Path dir;
  static Path first;
  static Path second;
  static Path warehouse;
  static Cli.Result run;
  static Cli.Result rerun;
  static JsonNode summary;
  static JsonNode opportunities;

  /**
   * The first run's outputs in the form two runs are compared in (and StandaloneClusterIT compares
   * with).
   */
  static SampleRunReference reference;

  @BeforeAll
  static void runTwice() throws IOException {
    first = dir.resolve("first");
    second = dir.resolve("second");
    String job = TestPaths.PROJECT.resolve("jobs/sample.yaml").toString();
    warehouse = dir.resolve("warehouse");
    run =
        Cli.run(
            A_YEAR_LATER,
            "run",
            job,
            "--out",
            first.toString(),
            "--warehouse",
            warehouse.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    // StandaloneClusterIT, later in this build, compares the cluster's run with this one;
    // BrowserPagesIT opens its pages
    reference = SampleRunReference.of(first, warehouse);
    reference.keepForThisBuild(first);
    // the same history: only the run date is recorded again (no seeding), and the report is
    // rendered again
    rerun = Cli.run("run", job, "--out", second.toString(), "--warehouse", warehouse.toString());
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    summary = new ObjectMapper().readTree(first.resolve("summary.json").toFile());
    opportunities = new ObjectMapper().readTree(first.resolve("opportunities.json").toFile());
  }

  @Test
  void aYearLaterTheRunDateTheReportMonthAndTheFiguresAreTheSame() throws IOException {
    JsonNode real = new ObjectMapper().readTree(second.resolve("summary.json").toFile());
    assertThat(summary.get("started_at").asText())
        .as("the first run's clock")
        .startsWith("2027-12-02T06:00:00");
    assertThat(real.get("started_at").asText())
        .as("the real clock")
        .doesNotStartWith("2027-12-02T06:00:00");
    // run-date: 2026-11-14 in jobs/sample.yaml, the data's newest day: day 14 is after the close
    // day (3), so November
    // to date, as of the 14th
    for (JsonNode s : List.of(summary, real)) {
      assertThat(s.get("run_date").asText()).isEqualTo("2026-11-14");
      assertThat(s.get("report").get("month").asText()).isEqualTo("2026-11");
      assertThat(s.get("report").get("closed").asBoolean()).isFalse();
      assertThat(s.get("report").get("as_of").asText()).isEqualTo("2026-11-14");
      assertThat(s.get("report").get("period").asText()).isEqualTo("November 2026");
    }
    assertThat(real.get("report")).as("the headline figures").isEqualTo(summary.get("report"));
    JsonNode analysis = summary.get("cost_analysis");
    for (String total :
        List.of(
            "monthly_estimate_usd",
            "gpu_monthly_cost_usd",
            "identified_monthly_savings_usd",
            "projected_gpu_monthly_cost_usd",
            "opportunity_count",
            "window",
            "monthly_estimate_by_currency",
            "identified_monthly_savings_by_currency")) {
      assertThat(real.get("cost_analysis").get(total)).as(total).isEqualTo(analysis.get(total));
    }
    assertThat(real.get("cost_analysis")).as("the whole cost analysis").isEqualTo(analysis);
    assertThat(run.out())
        .contains("of job 'sample' for 2026-11-14: succeeded")
        .contains("report: November 2026 (month to date), as of 2026-11-14");
    assertThat(rerun.out())
        .contains("of job 'sample' for 2026-11-14: succeeded")
        .contains("report: November 2026 (month to date), as of 2026-11-14");
    assertThat(rerun.out())
        .as("a history that has the earlier days is not seeded again")
        .contains("history: 1 run date recorded (2026-11-14)");

    // money as people read it: cents half-even, thousands separators, the code first; summary.json
    // keeps every decimal
    for (JsonNode totals : summary.get("billing").get("totals")) {
      assertThat(run.out())
          .contains(
              String.format(
                  Locale.ENGLISH,
                  "  %s: BilledCost %s, EffectiveCost %s%n",
                  totals.get("currency").asText(),
                  cents(totals.get("billed_cost")),
                  cents(totals.get("effective_cost"))));
    }
    assertThat(run.out())
        .contains(
            "monthly spend USD "
                + cents(analysis.get("monthly_estimate_usd"))
                + ", of which GPU resources analysed USD "
                + cents(analysis.get("gpu_monthly_cost_usd")))
        .contains(
            "47 opportunities, USD "
                + cents(analysis.get("identified_monthly_savings_usd"))
                + " a month identified")
        .doesNotContain("168.144598380960000331");
    assertThat(summary.get("billing").get("totals").get(0).get("billed_cost").asText())
        .as("exact in the JSON")
        .isEqualTo("168.144598380960000331");
  }

  /**
   * The first run's outputs equal the golden copy in src/test/resources/golden/ (its README; {@link
   * GoldenOutputs}): opportunities.json byte for byte, the figures of summary.json, every history
   * table's rows. The history is read once, for the reference above. With {@code
   * -Dfleetcost.golden.update=true} the run's outputs become the golden copy.
   */
  @Test
  void theOutputsEqualTheGoldenCopy() throws IOException {
    GoldenOutputs outputs = GoldenOutputs.of(first, reference.history());
    if (GoldenOutputs.updating()) {
      outputs.writeGolden();
      System.out.println("SampleJobTest: golden copy written to " + GoldenOutputs.DIR);
      return;
    }
    List<String> differences = outputs.differencesFromGolden();
    assertThat(differences)
        .withFailMessage("%s", String.join(System.lineSeparator(), differences))
        .isEmpty();
  }

  /** The bill's name for an instance: GCP and Azure name VMs, AWS has only the instance id. */
  private static String nameOf(JsonNode opportunity) {
    JsonNode name = opportunity.get("resource_name");
    String id =
        name != null && !name.isNull() ? name.asText() : opportunity.get("resource_id").asText();
    return id.substring(id.lastIndexOf('/') + 1);
  }

  private static Map<String, List<String>> leversByInstance() {
    Map<String, List<String>> levers = new LinkedHashMap<>();
    opportunities.forEach(
        o ->
            levers.computeIfAbsent(nameOf(o), k -> new ArrayList<>()).add(o.get("lever").asText()));
    return levers;
  }

  @Test
  void everyPlantedCaseIsFoundWithItsLeverAndNothingElse() {
    Map<String, List<String>> found = leversByInstance();
    List<SampleFleet.PlantedCase> cases = SampleFleet.build().cases();
    List<String> wrong = new ArrayList<>();
    for (SampleFleet.PlantedCase c : cases) {
      List<String> levers = found.getOrDefault(c.resourceId(), List.of());
      List<String> expected =
          c.expectedLever().equals("none") ? List.of() : List.of(c.expectedLever());
      if (!levers.equals(expected)) {
        wrong.add(
            c.resourceId() + " (" + c.planted() + "): expected " + expected + ", found " + levers);
      }
    }
    assertThat(wrong).as("planted cases the job got wrong").isEmpty();
    // and no opportunity on anything that is not a planted instance of the fleet
    List<String> planted = cases.stream().map(SampleFleet.PlantedCase::resourceId).toList();
    assertThat(found.keySet()).allSatisfy(id -> assertThat(planted).contains(id));
    long expectedCount = cases.stream().filter(c -> !c.expectedLever().equals("none")).count();
    assertThat(expectedCount).as("planted cases that expect a lever").isPositive();
    assertThat(opportunities).hasSize((int) expectedCount);
  }

  @Test
  void handComputedFiguresOfThreePlantedCases() {
    Map<String, JsonNode> byLeverAndType = new LinkedHashMap<>();
    opportunities.forEach(
        o ->
            byLeverAndType.putIfAbsent(
                o.get("lever").asText() + " " + o.get("instance_type").asText(), o));
    // the idle p4de.24xlarge on demand: 27.4471/h x 730 h = 20036.383 -> all of 20036.38
    JsonNode idle = byLeverAndType.get("idle p4de.24xlarge");
    assertThat(idle.get("current_monthly_cost").decimalValue()).isEqualByComparingTo("20036.38");
    assertThat(idle.get("monthly_saving").decimalValue()).isEqualByComparingTo("20036.38");
    // the p5.48xlarge training on demand: 55.04 x 730 = 40179.20; spot 22.016/55.04 -> discount
    // 0.60, bucket >20 %
    // -> overhead 0.30: saving 40179.20 x 0.60 x 0.70 = 16875.264; projected 23303.936 -> 23303.94;
    // saving 16875.26
    JsonNode spot = byLeverAndType.get("spot p5.48xlarge");
    assertThat(spot.get("current_monthly_cost").decimalValue()).isEqualByComparingTo("40179.20");
    assertThat(spot.get("projected_monthly_cost").decimalValue()).isEqualByComparingTo("23303.94");
    assertThat(spot.get("monthly_saving").decimalValue()).isEqualByComparingTo("16875.26");
    assertThat(spot.get("risk").asText()).isEqualTo("high");
    // the Standard_NC24ads_A100_v4 with a small model: 3.673 x 730 = 2681.29 ->
    // Standard_NC4as_T4_v3 at 0.526:
    // 2681.29 x 0.526 / 3.673 = 0.526 x 730 = 383.98; saving 2297.31
    JsonNode rightsize = byLeverAndType.get("rightsize Standard_NC24ads_A100_v4");
    assertThat(rightsize.get("current_monthly_cost").decimalValue())
        .isEqualByComparingTo("2681.29");
    assertThat(rightsize.get("projected_monthly_cost").decimalValue())
        .isEqualByComparingTo("383.98");
    assertThat(rightsize.get("evidence").get("to").asText()).isEqualTo("Standard_NC4as_T4_v3");
  }

  @Test
  void migPlansNameTheHostGpusAndTheNotebooksTheyTake() {
    List<JsonNode> mig = new ArrayList<>();
    opportunities.forEach(
        o -> {
          if (o.get("lever").asText().equals("mig")) {
            mig.add(o);
          }
        });
    assertThat(mig).hasSize(13);
    JsonNode eks =
        mig.stream()
            .filter(o -> o.get("scope").asText().equals("eks-ml/A100-80GB"))
            .findFirst()
            .orElseThrow();
    // 24 notebooks on 3g.40gb slices, two per GPU at start slices 0 and 4
    assertThat(eks.get("plan")).hasSize(24);
    eks.get("plan")
        .forEach(
            p -> {
              assertThat(p.get("profile").asText()).isEqualTo("3g.40gb");
              assertThat(p.get("start_slice").asInt()).isIn(0, 4);
              assertThat(p.get("workload").asText()).startsWith("research/jupyter-");
            });
  }

  @Test
  void opportunityIdsAndFilesAreIdenticalAcrossTwoRuns() throws IOException {
    assertThat(Files.readString(second.resolve("opportunities.json")))
        .isEqualTo(Files.readString(first.resolve("opportunities.json")));
    assertThat(Files.readString(second.resolve("opportunities.csv")))
        .isEqualTo(Files.readString(first.resolve("opportunities.csv")));
    JsonNode again = new ObjectMapper().readTree(second.resolve("summary.json").toFile());
    assertThat(again.get("run_id").asText()).isNotEqualTo(summary.get("run_id").asText());
    assertThat(again.get("cost_analysis").get("optimization_opportunities").findValuesAsText("id"))
        .isEqualTo(opportunities.findValuesAsText("id"))
        .isNotEmpty()
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("op-[0-9a-f]{16}"));
  }

  @Test
  void theCsvHasTheJsonsRowsWithFormulaCellsNeutralized() throws IOException {
    List<CSVRecord> rows;
    try (var reader = Files.newBufferedReader(first.resolve("opportunities.csv"))) {
      rows =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(reader)
              .getRecords();
    }
    assertThat(rows).hasSize(opportunities.size()).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).get("id")).isEqualTo(opportunities.get(i).get("id").asText());
      assertThat(new BigDecimal(rows.get(i).get("monthly_saving")))
          .isEqualByComparingTo(opportunities.get(i).get("monthly_saving").decimalValue());
      assertThat(rows.get(i).get("action"))
          .doesNotStartWith("=")
          .doesNotStartWith("+")
          .doesNotStartWith("-")
          .doesNotStartWith("@");
    }
  }

  @Test
  void summaryCarriesTheCostAnalysisAndEveryArtifact() throws IOException {
    assertThat(summary.get("status").asText()).isEqualTo("succeeded");
    assertThat(summary.get("inputs").get("billing")).hasSize(7);
    assertThat(summary.get("inputs").get("telemetry")).hasSize(4);
    assertThat(summary.get("row_counts").get("billing_rows_quarantined").asLong()).isZero();
    assertThat(summary.get("row_counts").get("telemetry_values_quarantined").asLong()).isZero();
    // every 15 minutes for 14 days (1344 steps): 303 fleet GPUs that run all along (302, and the
    // training VM moved to
    // spot), 2 lab GPUs; the idle VM deleted on 10 Nov for 9 days (864 steps), the 8 GPUs of the VM
    // deleted on 11 Nov
    // for 10 (960): 305 x 1344 + 864 + 8 x 960 = 418,464
    assertThat(summary.get("row_counts").get("gpu_samples").asLong())
        .isEqualTo(305L * 1344 + 864 + 8 * 960);
    assertThat(summary.get("row_counts").get("gpu_profiles").asLong()).isEqualTo(314);
    JsonNode analysis = summary.get("cost_analysis");
    assertThat(analysis.get("window").get("start").asText()).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(analysis.get("window").get("end").asText()).isEqualTo("2026-11-15T00:00:00Z");
    assertThat(analysis.get("monthly_estimate_usd").decimalValue())
        .isGreaterThan(analysis.get("gpu_monthly_cost_usd").decimalValue());
    BigDecimal byLever = BigDecimal.ZERO;
    for (JsonNode lever : analysis.get("breakdown").get("by_lever")) {
      byLever = byLever.add(lever.get("monthly_saving_usd").decimalValue());
    }
    BigDecimal identified = analysis.get("identified_monthly_savings_usd").decimalValue();
    assertThat(byLever).isEqualByComparingTo(identified);
    BigDecimal fromFile = BigDecimal.ZERO;
    for (JsonNode o : opportunities) {
      fromFile = fromFile.add(o.get("monthly_saving").decimalValue());
    }
    assertThat(fromFile).as("all fleet opportunities are in USD").isEqualByComparingTo(identified);
    assertThat(analysis.get("gpu_monthly_cost_usd").decimalValue().subtract(identified))
        .isEqualByComparingTo(analysis.get("projected_gpu_monthly_cost_usd").decimalValue());
    assertThat(analysis.get("breakdown").get("by_provider").findValuesAsText("provider"))
        .contains("AWS", "Google Cloud", "Microsoft");
    assertThat(analysis.get("breakdown").get("by_team").findValuesAsText("team"))
        .contains("llm", "research", "search", "vision");
    assertThat(analysis.get("optimization_opportunities")).hasSize(opportunities.size());
    JsonNode coverage = analysis.get("coverage");
    assertThat(coverage.get("gpu_hours_unjoined").asDouble())
        .as("the lab node: 2 GPUs x 336 h")
        .isEqualTo(672.0);
    assertThat(coverage.get("unjoined_gpus").findValuesAsText("node")).containsOnly("lab-gpu-0");
    assertThat(coverage.get("gpu_resources_without_telemetry").findValuesAsText("resource_id"))
        .contains(SampleFleet.build().coverage().billedWithoutTelemetry().resourceId());
    JsonNode artifacts = summary.get("artifacts");
    for (String name :
        List.of(
            "billing_normalized",
            "billing_quarantine",
            "billing_ingest_summary",
            "telemetry_gpu_samples",
            "telemetry_quarantine",
            "gpu_profiles",
            "workload_profiles",
            "security_findings",
            "opportunities_json",
            "opportunities_csv",
            "findings_json",
            "findings_csv",
            "report_html",
            "report_pdf",
            "trends_html",
            "metrics",
            "summary")) {
      assertThat(first.resolve(artifacts.get(name).asText())).as("artifact %s", name).exists();
    }
    assertThat(run.out()).contains("Outputs are in " + first).contains("opportunities_json");
    try (Stream<Path> entries = Files.list(first)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "billing",
              "telemetry",
              "profiles",
              "security",
              "summary.json",
              "opportunities.json",
              "opportunities.csv",
              "report.html",
              "report.pdf",
              "trends.html",
              "metrics.prom");
    }
  }

  @Test
  void theSecurityPostureOfThePlatformManifests() {
    JsonNode posture = summary.get("security_posture");
    // the planted platform's 161 findings (sample-data/k8s/README.md); the fleet's bill is fully
    // tagged
    assertThat(posture.get("vulnerabilities")).hasSize(161);
    assertThat(posture.get("findings_by_severity").get("critical").asInt()).isEqualTo(2);
    assertThat(posture.get("recommendations").get(0).get("check_id").asText())
        .isEqualTo("rbac-cluster-admin");
    assertThat(posture.get("score").asDouble()).isBetween(50.0, 65.0);
    assertThat(summary.get("row_counts").get("security_files_read").asLong()).isEqualTo(8);
  }

  @Test
  void theFixturesAndTheFleetAreReadWithoutLoss() throws IOException {
    long fleetRows = 0;
    Path fleet = TestPaths.sample("fleet/data/billing");
    try (Stream<Path> files = Files.walk(fleet)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        long lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        fleetRows += file.toString().endsWith(".json") ? lines : lines - 1;
      }
    }
    assertThat(summary.get("row_counts").get("billing_rows_read").asLong())
        .isEqualTo(51 + fleetRows);
    assertThat(summary.get("data_quality").get("quarantined_fraction").asText()).isEqualTo("0");
    assertThat(summary.get("telemetry").get("values_quarantined").asLong()).isZero();
  }

  @Test
  void everyInputOfTheSampleCoversItsWindowAndTheUnmeasuredResourcesAreNamed() throws IOException {
    JsonNode quality = summary.get("data_quality");
    List<String> statuses = new java.util.ArrayList<>();
    quality
        .get("inputs")
        .forEach(i -> statuses.add(i.get("name").asText() + "=" + i.get("status").asText()));
    assertThat(statuses)
        .containsExactly(
            "aws-cur2=ok",
            "gcp=ok",
            "azure=ok",
            "focus=ok",
            "fleet-aws=ok",
            "fleet-gcp=ok",
            "fleet-azure=ok",
            "eks-ml=ok",
            "gke-research=ok",
            "onprem-lab=ok",
            "vms=ok");
    // the fleet's daily exports cover all 14 days of the window (1–14 Nov); the hand-written ones
    // are October's
    for (JsonNode input : quality.get("inputs")) {
      if (input.get("name").asText().startsWith("fleet-")
          || input.get("kind").asText().equals("telemetry")) {
        assertThat(input.get("days_covered").asInt()).as(input.toString()).isEqualTo(14);
        assertThat(input.get("cadence").asText()).isEqualTo("daily");
      } else {
        assertThat(input.get("cadence").asText()).as(input.toString()).isEqualTo("monthly");
      }
    }
    List<String> warnings = new java.util.ArrayList<>();
    quality.get("warnings").forEach(w -> warnings.add(w.asText()));
    assertThat(warnings).noneMatch(w -> w.startsWith("Input coverage"));
    assertThat(run.out()).contains("inputs: 11 of 11 cover the window");
    // the planted g5.xlarge without telemetry and the October GCP fixture's A100 VM (its 1 Nov row
    // is in the window)
    JsonNode unmeasured = quality.get("unmeasured_gpu_resources");
    assertThat(unmeasured.get("resources").asInt()).isEqualTo(2);
    BigDecimal listed = BigDecimal.ZERO;
    for (JsonNode r :
        summary.get("cost_analysis").get("coverage").get("gpu_resources_without_telemetry")) {
      listed = listed.add(r.get("monthly_cost").decimalValue());
      assertThat(opportunities.findValuesAsText("resource_id"))
          .as("no opportunity for an unmeasured resource")
          .doesNotContain(r.get("resource_id").asText());
    }
    assertThat(unmeasured.get("monthly_cost_usd").decimalValue()).isEqualByComparingTo(listed);
    String firstPage;
    try (org.apache.pdfbox.pdmodel.PDDocument document =
        org.apache.pdfbox.Loader.loadPDF(
            Files.readAllBytes(
                first.resolve(summary.get("artifacts").get("report_pdf").asText())))) {
      org.apache.pdfbox.text.PDFTextStripper stripper =
          new org.apache.pdfbox.text.PDFTextStripper();
      stripper.setEndPage(1);
      firstPage = stripper.getText(document).replaceAll("\\s+", " ");
    }
    assertThat(firstPage).doesNotContain("Incomplete data");
    assertThat(firstPage).contains("2 GPU resources on the bill sent no telemetry");
  }

  /**
   * The three opportunities the sample fleet's owners act on (sample-data/fleet/README.md, "What
   * changed"): listed by the first reports, then closed as realized for the drop of their bills,
   * each recomputed here from the bill files themselves: the resource's cost on the day it was
   * identified and on the day it closed (the bill's last 24 hours then), × 730 ÷ 24. The
   * month-over-month change is believable, and the PDF shows the total realized.
   */
  @Test
  void theThreePlantedActionsAreRealizedForTheDropOfTheirBills() throws IOException {
    io.fleetcost.history.HistoryStore store =
        io.fleetcost.history.HistoryStore.open(
            io.fleetcost.spark.SharedSpark.session(),
            warehouse.toString(),
            "fleetcost",
            line -> {});
    List<io.fleetcost.history.RealizedRow> realized =
        store.realized(java.time.LocalDate.parse("2026-11-14"));
    BigDecimal total = BigDecimal.ZERO;
    List<SampleFleet.PlantedAction> actions = SampleFleet.build().actions();
    assertThat(actions).hasSize(3);
    for (SampleFleet.PlantedAction action : actions) {
      io.fleetcost.history.RealizedRow row =
          realized.stream()
              .filter(
                  r ->
                      action.resourceId().equals(r.resourceId())
                          && r.lever().equals(action.lever()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no realized row for " + action));
      assertThat(row.status())
          .as(action.toString())
          .isEqualTo(io.fleetcost.history.SavingStatus.REALIZED);
      // identified by the first seeded report (7 Nov), closed on the day the action shows on the
      // bill
      assertThat(row.identifiedOn()).isEqualTo(java.time.LocalDate.parse("2026-11-07"));
      assertThat(row.closedOn())
          .isEqualTo(java.time.LocalDate.ofInstant(action.on(), ZoneOffset.UTC));
      Map<java.time.LocalDate, BigDecimal> billed =
          billedDays(action, List.of(row.identifiedOn(), row.closedOn()));
      BigDecimal before =
          billed
              .get(row.identifiedOn())
              .multiply(BigDecimal.valueOf(730))
              .divide(BigDecimal.valueOf(24), java.math.MathContext.DECIMAL128);
      BigDecimal after =
          billed
              .get(row.closedOn())
              .multiply(BigDecimal.valueOf(730))
              .divide(BigDecimal.valueOf(24), java.math.MathContext.DECIMAL128);
      BigDecimal drop =
          before
              .setScale(2, java.math.RoundingMode.HALF_EVEN)
              .subtract(after)
              .setScale(2, java.math.RoundingMode.HALF_EVEN);
      assertThat(drop).as("the billed drop of %s", action).isPositive();
      assertThat(row.baselineMonthlyCostUsd())
          .as("baseline of %s", action)
          .isEqualByComparingTo(before.setScale(2, java.math.RoundingMode.HALF_EVEN));
      assertThat(row.realizedMonthlySavingUsd())
          .as("realized of %s", action)
          .isEqualByComparingTo(drop);
      total = total.add(drop);
      // and nothing is proposed for it any more
      assertThat(opportunities.findValuesAsText("resource_id")).doesNotContain(action.resourceId());
    }
    // the deleted idle g4dn.xlarge: 0.526 × 730 = 383.98; the training VM: (3.673 − 0.4444) × 730 =
    // 2,681.29 − 324.41 =
    // 2,356.88; the deleted ND96asr_v4: 27.197 × 730 = 19,853.81; in all 22,594.67 a month
    assertThat(total).isEqualByComparingTo("22594.67");
    assertThat(summary.get("history").get("realized_monthly_usd").decimalValue())
        .isEqualByComparingTo(total);
    JsonNode report = summary.get("report");
    assertThat(report.get("realized_monthly_usd").decimalValue()).isEqualByComparingTo(total);
    // November to date against October's same days: the fleet barely changed
    double change = report.get("change_vs_same_days_pct").asDouble();
    assertThat(change).isBetween(-30.0, 30.0);
    BigDecimal mtd = report.get("spend_month_to_date_usd").decimalValue();
    String text;
    try (org.apache.pdfbox.pdmodel.PDDocument document =
        org.apache.pdfbox.Loader.loadPDF(
            Files.readAllBytes(
                first.resolve(summary.get("artifacts").get("report_pdf").asText())))) {
      text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
    assertThat(text).contains(io.fleetcost.model.MoneyText.money(total, "USD"));
    assertThat(text).contains(io.fleetcost.model.MoneyText.money(mtd, "USD"));
    assertThat(text).contains(String.format(Locale.ROOT, "%.1f%%", change));
  }

  /**
   * The EffectiveCost of the action's instance on each of the UTC days, summed from the fleet's
   * bill files (read once, line by line: the AWS files are 186 MB).
   */
  private static Map<java.time.LocalDate, BigDecimal> billedDays(
      SampleFleet.PlantedAction action, List<java.time.LocalDate> days) throws IOException {
    Map<java.time.LocalDate, BigDecimal> sums = new LinkedHashMap<>();
    days.forEach(day -> sums.put(day, BigDecimal.ZERO));
    java.time.format.DateTimeFormatter azureDate =
        java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy");
    Path bills =
        TestPaths.sample(
            "fleet/data/billing/" + (action.provider().equals("AWS") ? "aws" : "azure"));
    try (Stream<Path> files = Files.walk(bills)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        try (java.io.BufferedReader reader =
            Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
          reader.mark(1);
          if (reader.read() != '\uFEFF') {
            reader.reset();
          }
          for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().build().parse(reader)) {
            if (action.provider().equals("AWS")) {
              // the instance's usage lines (its volume and data transfer are not instance rows)
              if (r.get("line_item_resource_id").equals(action.resourceId())
                  && !r.get("product_instance_type").isEmpty()) {
                java.time.LocalDate day =
                    java.time.LocalDate.parse(r.get("line_item_usage_start_date").substring(0, 10));
                sums.computeIfPresent(
                    day, (d, sum) -> sum.add(new BigDecimal(r.get("line_item_unblended_cost"))));
              }
            } else if (r.get("ResourceId").equals(action.resourceId())
                && r.get("meterCategory").equals("Virtual Machines")) {
              java.time.LocalDate day = java.time.LocalDate.parse(r.get("date"), azureDate);
              sums.computeIfPresent(
                  day, (d, sum) -> sum.add(new BigDecimal(r.get("costInBillingCurrency"))));
            }
          }
        }
      }
    }
    return sums;
  }

  /** The finance report of the sample run, read back from the PDF as a finance reader gets it. */
  @Test
  void theMonthlyReportPdfHasEverySectionPageNumbersAndTheSummarysHeadlineFigures()
      throws IOException {
    byte[] pdf =
        Files.readAllBytes(first.resolve(summary.get("artifacts").get("report_pdf").asText()));
    String text;
    int pages;
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      pages = document.getNumberOfPages();
      text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
    }
    for (String section :
        List.of(
            "Executive summary",
            "Spend by provider",
            "Spend by account",
            "Spend by service",
            "Spend by team",
            "Budget vs actual",
            "Savings waterfall",
            "Top opportunities",
            "MIG plans",
            "Security posture",
            "Data quality",
            "how the figures are computed")) {
      assertThat(text).as("section %s", section).contains(section);
    }
    for (int page = 1; page <= pages; page++) {
      assertThat(text).contains("Page " + page + " of " + pages);
    }
    assertThat(text).contains("Example ML Platform").contains("November 2026");
    JsonNode headline = summary.get("report");
    assertThat(headline.get("month").asText()).isEqualTo("2026-11");
    java.text.DecimalFormat money =
        new java.text.DecimalFormat(
            "#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    for (String figure :
        List.of(
            "spend_month_to_date_usd",
            "identified_monthly_usd",
            "realized_monthly_usd",
            "previous_month_usd")) {
      assertThat(text)
          .as(figure)
          .contains("USD " + money.format(headline.get(figure).decimalValue()));
    }
    // the identified savings are the run's: the report is read from the history the run just wrote
    assertThat(headline.get("identified_monthly_usd").decimalValue())
        .isEqualByComparingTo(
            summary.get("cost_analysis").get("identified_monthly_savings_usd").decimalValue());
    assertThat(text)
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "%.1f",
                summary.get("security_posture").get("score").asDouble()));
    // the first run of an empty history seeds 7 days before the data's last day (14 Nov): 7 to 13
    // Nov, then the run date
    List<String> recorded = new java.util.ArrayList<>();
    summary.get("history").get("dates_recorded").forEach(d -> recorded.add(d.asText()));
    assertThat(recorded)
        .containsExactly(
            "2026-11-07",
            "2026-11-08",
            "2026-11-09",
            "2026-11-10",
            "2026-11-11",
            "2026-11-12",
            "2026-11-13",
            "2026-11-14");
    String trends =
        Files.readString(first.resolve(summary.get("artifacts").get("trends_html").asText()));
    assertThat(trends).contains("data:image/png;base64,").doesNotContain("http://", "https://");
    String metrics = Files.readString(first.resolve("metrics.prom"));
    assertThat(metrics)
        .contains(
            "fleetcost_identified_savings_monthly_usd{job=\"sample\"} "
                + summary
                    .get("cost_analysis")
                    .get("identified_monthly_savings_usd")
                    .decimalValue()
                    .toPlainString())
        .contains(
            "fleetcost_security_score{job=\"sample\"} "
                + summary.get("security_posture").get("score").asDouble())
        .contains(
            "fleetcost_billing_rows{job=\"sample\",state=\"read\"} "
                + summary.get("row_counts").get("billing_rows_read").asLong())
        .containsPattern(
            "fleetcost_stage_duration_seconds\\{job=\"sample\",stage=\"billing\"\\} [0-9.]+\n")
        .containsPattern(
            "fleetcost_stage_duration_seconds\\{job=\"sample\",stage=\"report\"\\} [0-9.]+\n");
  }

  /**
   * The sample's PDF as a finance reader pages through it: no page but the last holds only a few
   * lines (a lone continuation of a table, as the data-quality table's last three rows once were on
   * page 10), and no page ends with a heading whose content starts the next page. The running
   * header and footer are not counted.
   */
  @Test
  void noPageOfTheReportIsALoneContinuationOrEndsWithAHeading() throws IOException {
    Matcher matcher =
        Pattern.compile("<h[23][^>]*>(.*?)</h[23]>", Pattern.DOTALL)
            .matcher(Files.readString(first.resolve("report.html")));
    List<String> headings = new ArrayList<>();
    while (matcher.find()) {
      headings.add(
          matcher
              .group(1)
              .replace("&amp;", "&")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replaceAll("\\s+", " ")
              .strip());
    }
    assertThat(headings).contains("Executive summary", "Data quality");
    try (PDDocument document = Loader.loadPDF(first.resolve("report.pdf").toFile())) {
      int pages = document.getNumberOfPages();
      for (int page = 1; page <= pages; page++) {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        String pageMark = "Page " + page + " of " + pages;
        List<String> content =
            stripper
                .getText(document)
                .lines()
                .map(String::strip)
                .filter(
                    line ->
                        !line.isEmpty()
                            && !line.contains(pageMark)
                            && !line.startsWith("FleetCost · job sample")
                            && !line.startsWith("Example ML Platform · Monthly report"))
                .toList();
        if (page < pages) {
          assertThat(content)
              .as("page %d of %d holds more than a few lines", page, pages)
              .hasSizeGreaterThanOrEqualTo(8);
        }
        // a heading's line starts with its section number (2.4 Spend by team), which the HTML
        // heading's text lacks
        String last =
            content.isEmpty()
                ? ""
                : content.get(content.size() - 1).replaceFirst("^[0-9]+(\\.[0-9]+)? ", "");
        assertThat(headings)
            .as("page %d ends with a heading: %s", page, last)
            .noneMatch(h -> last.length() >= 4 && h.endsWith(last));
      }
    }
  }

  /** An exact decimal of summary.json as the command line prints it: {@code 306,989.66}. */
  private static String cents(JsonNode exact) {
    return String.format(
        Locale.ENGLISH,
        "%,.2f",
        new BigDecimal(exact.asText()).setScale(2, java.math.RoundingMode.HALF_EVEN));
  }
}
