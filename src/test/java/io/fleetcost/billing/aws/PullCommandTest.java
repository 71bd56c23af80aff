package io.fleetcost.billing.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetcost.cli.Cli;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetcost pull} and {@code run} with a Cost Explorer input against a WireMock stub on
 * 127.0.0.1, one night after another: the pull lands three pages; the run reads the landed month
 * without a request and its billed totals are the stub's to the cent; the next night's pull
 * restates the estimated days with final amounts, which the run then reads; a pull that fails
 * leaves the landing folder byte for byte as it was. Credentials come from the SDK's default chain
 * (here its system properties), never from the job file.
 */
class PullCommandTest {
  private static final String DAY1 = "2026-11-14";
  private static final String DAY2 = "2026-11-15";
  private static final String SECRET = "stub-secret-key-never-printed";

  @TempDir static Path dir;
  static WireMockServer server;
  static Path job;
  static Path output;

  @BeforeAll
  static void start() throws IOException {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    System.setProperty("aws.accessKeyId", "AKIDPULLTESTSTUB");
    System.setProperty("aws.secretAccessKey", SECRET);
    output = dir.resolve("out");
    job =
        Files.writeString(
            dir.resolve("job.yaml"),
            String.join(
                "\n",
                "name: api",
                "output: out",
                "billing:",
                "  - name: aws-api",
                "    source: aws-cost-explorer",
                "    group-by: [SERVICE, LINKED_ACCOUNT]",
                "    rightsizing: true",
                "    endpoint: http://127.0.0.1:" + server.port(),
                "    retry:",
                "      attempts: 3",
                "      initial-delay-seconds: 0.01",
                "      max-delay-seconds: 0.02",
                "savings:",
                "  lookback-days: 14",
                "data-quality:",
                "  on-missing-input: warn",
                ""));
  }

  @AfterAll
  static void stop() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    server.stop();
  }

  @Test
  void pullLandsTheWindowRunReadsItWithoutARequestAndTheNextPullRestatesTheEstimates()
      throws Exception {
    // night 1: the window is 1 Oct to 14 Nov; 13 and 14 Nov are estimates
    CostExplorerStub night1 =
        new CostExplorerStub(
            java.time.LocalDate.parse("2026-10-01"),
            java.time.LocalDate.parse(DAY2),
            java.time.LocalDate.parse("2026-11-13"),
            15);
    night1.serve(server);
    CostExplorerStub.serveRightsizing(server);
    Cli.Result pull = Cli.run("pull", job.toString(), "--date", DAY1);
    assertThat(pull.exitCode()).as(pull.toString()).isZero();
    // 3 pages of cost, 2 of rightsizing recommendations
    assertThat(pull.out())
        .contains(
            "pulled aws-api (aws-cost-explorer): 180 rows, 3 pages, 5 requests (0 retried), 2 estimated days");
    server.verify(5, postRequestedFor(urlEqualTo("/")));

    Path landed = output.resolve("landing/aws-api/" + DAY1);
    assertThat(landed.resolve("period=2026-10/part-0.parquet")).isRegularFile();
    assertThat(landed.resolve("period=2026-11/part-0.parquet")).isRegularFile();
    assertThat(landed.resolve("raw/0001-GetCostAndUsage-200.json.gz")).isRegularFile();
    assertThat(landed.resolve("raw/0005-GetRightsizingRecommendation-200.json.gz")).isRegularFile();
    assertThat(landed.resolve("rightsizing/part-0.parquet")).isRegularFile();
    try (InputStream raw =
        new GZIPInputStream(
            Files.newInputStream(landed.resolve("raw/0003-GetCostAndUsage-200.json.gz")))) {
      assertThat(new String(raw.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(night1.page(3));
    }
    // amounts as exact decimals: a double would round the stub's long amounts
    JsonNode pullJson =
        new ObjectMapper()
            .enable(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree(landed.resolve("pull.json").toFile());
    assertThat(pullJson.get("estimated_days").toString())
        .isEqualTo("[\"2026-11-13\",\"2026-11-14\"]");
    assertThat(pullJson.get("request_ids").toString())
        .isEqualTo(
            "[\"req-page-1\",\"req-page-2\",\"req-page-3\",\"req-page-101\",\"req-page-102\"]");
    assertThat(pullJson.at("/tables/rightsizing").asInt()).isEqualTo(2);
    for (Map.Entry<String, Map<String, BigDecimal>> month : night1.totals().entrySet()) {
      for (Map.Entry<String, BigDecimal> metric : month.getValue().entrySet()) {
        assertThat(
                pullJson
                    .at("/totals/" + month.getKey() + "/" + metric.getKey() + "/USD")
                    .decimalValue())
            .as("pull.json %s %s", month.getKey(), metric.getKey())
            .isEqualByComparingTo(metric.getValue());
      }
    }

    // the run finds the date landed: no request; its normalized table holds the stub's amounts
    Cli.Result run =
        Cli.run("run", job.toString(), "--date", DAY1, "--no-history", "--out", output.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("fleetcost pull aws-api");
    server.verify(5, postRequestedFor(urlEqualTo("/")));
    assertThat(normalizedTotals()).isEqualTo(expected(night1));
    // AWS's recommendations beside FleetCost's (none: this job has no telemetry), resource by
    // resource
    JsonNode external =
        new ObjectMapper().readTree(output.resolve("external-recommendations.json").toFile());
    assertThat(external.at("/counts/cloud only").asInt()).isEqualTo(2);
    assertThat(external.at("/resources/0/resource_id").asText()).isEqualTo("i-0modify");
    assertThat(external.at("/resources/0/cloud_target_instance_type").asText())
        .isEqualTo("g5.2xlarge");
    assertThat(external.at("/resources/0/cloud_estimated_monthly_saving").decimalValue())
        .isEqualByComparingTo("300.45");
    assertThat(external.at("/resources/1/resource_id").asText()).isEqualTo("i-0terminate");
    assertThat(external.at("/resources/1/cloud_action").asText()).isEqualTo("TERMINATE");
    assertThat(Files.readString(output.resolve("external-recommendations.csv")))
        .contains(",'=cmd|calc,")
        .doesNotContain(",=cmd");
    assertThat(run.out()).contains("external_recommendations_json");

    // night 2: a pull of 15 Nov restates 13 and 14 Nov with final amounts
    server.resetAll();
    CostExplorerStub night2 =
        new CostExplorerStub(
            java.time.LocalDate.parse("2026-10-01"),
            java.time.LocalDate.parse("2026-11-16"),
            java.time.LocalDate.parse(DAY2),
            15);
    night2.serve(server);
    CostExplorerStub.serveRightsizing(server);
    assertThat(CostExplorerStub.amount(java.time.LocalDate.parse(DAY1), 0, "UnblendedCost", false))
        .as("the final amount of 14 Nov differs from its estimate")
        .isNotEqualTo(
            CostExplorerStub.amount(java.time.LocalDate.parse(DAY1), 0, "UnblendedCost", true));
    // with history: the monthly report shows AWS's recommendations beside FleetCost's (none here:
    // no telemetry)
    Cli.Result run2 = Cli.run("run", job.toString(), "--date", DAY2, "--out", output.toString());
    assertThat(run2.exitCode()).as(run2.toString()).isZero();
    String report = Files.readString(output.resolve("report.html"));
    assertThat(report)
        .contains("id=\"cloud-recommendations\"", "AWS Cost Explorer rightsizing beside FleetCost");
    assertThat(report.replaceAll("<[^>]+>", "").replaceAll("\\s+", " "))
        .contains("0 agree, 0 differ, 2 cloud only, 0 fleetcost only.")
        .contains("Resize to g5.2xlarge")
        .contains("USD 300.45");
    assertThat(run2.err())
        .contains("fleetcost pull aws-api: aws-cost-explorer, 2026-10-01 to 2026-11-15");
    server.verify(4 + 2, postRequestedFor(urlEqualTo("/")));
    assertThat(normalizedTotals()).as("14 Nov final, 15 Nov estimated").isEqualTo(expected(night2));
    assertThat(
            new ObjectMapper()
                .readTree(output.resolve("landing/aws-api/" + DAY2 + "/pull.json").toFile())
                .get("estimated_days")
                .toString())
        .isEqualTo("[\"2026-11-15\"]");

    // a refresh that fails (server errors until the attempts run out) leaves the landing folder as
    // it was
    server.resetAll();
    server.stubFor(
        CostExplorerStub.request()
            .willReturn(
                CostExplorerPullTest.error(500, "InternalServerError", "boom", "req-500", null)));
    String before = treeHash(output.resolve("landing"));
    Cli.Result failed = Cli.run("pull", job.toString(), "--date", DAY2, "--refresh");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err())
        .contains(
            "fleetcost: pull of 'aws-api' failed, its landing folder is as it was: AWS Cost Explorer GetCostAndUsage failed after 3"
                + " attempts: HTTP 500 InternalServerError (request id req-500): boom");
    server.verify(3, postRequestedFor(urlEqualTo("/")));
    assertThat(treeHash(output.resolve("landing"))).isEqualTo(before);

    for (Cli.Result result : List.of(pull, run, run2, failed)) {
      assertThat(result.out() + result.err()).doesNotContain(SECRET);
    }
    assertThat(Files.readString(job)).doesNotContain("AKID");
  }

  /**
   * The stub's totals, as the normalized table's per month: BilledCost is unblended, EffectiveCost
   * amortized.
   */
  private static Map<String, Map<String, BigDecimal>> expected(CostExplorerStub stub) {
    Map<String, Map<String, BigDecimal>> expected = new TreeMap<>();
    stub.totals()
        .forEach(
            (month, metrics) -> {
              Map<String, BigDecimal> byColumn = new TreeMap<>();
              byColumn.put("BilledCost", metrics.get("UnblendedCost").setScale(18));
              byColumn.put("EffectiveCost", metrics.get("AmortizedCost").setScale(18));
              expected.put(month, byColumn);
            });
    return expected;
  }

  private static Map<String, Map<String, BigDecimal>> normalizedTotals() {
    List<Row> rows =
        SharedSpark.session()
            .read()
            .parquet(output.resolve("billing/normalized").toString())
            .where(col("x_SourceFormat").equalTo("aws-cost-explorer"))
            .groupBy(date_format(col("ChargePeriodStart"), "yyyy-MM").as("month"))
            .agg(sum("BilledCost"), sum("EffectiveCost"))
            .collectAsList();
    Map<String, Map<String, BigDecimal>> totals = new TreeMap<>();
    for (Row row : rows) {
      Map<String, BigDecimal> byColumn = new TreeMap<>();
      byColumn.put("BilledCost", row.getDecimal(1));
      byColumn.put("EffectiveCost", row.getDecimal(2));
      totals.put(row.getString(0), byColumn);
    }
    return totals;
  }

  /** Every file's path and SHA-256 under a folder, hidden ones included. */
  static String treeHash(Path folder) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted().toList()) {
        digest.update(
            folder.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (Files.isRegularFile(file)) {
          digest.update(Files.readAllBytes(file));
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
