package io.fleetcost.billing.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetcost.cli.Cli;
import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.pipeline.ApiInputs;
import io.fleetcost.pipeline.PullJob;
import io.fleetcost.pull.Landing;
import io.fleetcost.spark.SharedSpark;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job with an Azure Cost Management input against a WireMock stub on 127.0.0.1: the pull (the
 * job's connector, on a pipeline without the bearer policy, which refuses http) lands three pages;
 * {@code fleetcost run --no-history} then reads the landed months without a request, and its
 * normalized totals per month and currency are the stub's to the cent; a second run sends no
 * request either.
 */
class AzureCostManagementPullJobTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-14");

  @TempDir Path dir;
  WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void pullLandsTheWindowAndRunReadsItWithoutARequestWithTheStubsTotals() throws Exception {
    Path output = dir.resolve("out");
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            String.join(
                "\n",
                "name: azure-api",
                "output: out",
                "billing:",
                "  - name: azure-api",
                "    source: azure-cost-management",
                "    scope: " + CostManagementStub.SCOPE,
                "    dataset: amortized",
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
    // the window of 14 Nov: 1 Oct to 14 Nov, in pages of 15 days
    CostManagementStub stub =
        new CostManagementStub(
            LocalDate.parse("2026-10-01"),
            DAY.plusDays(1),
            15,
            "http://127.0.0.1:" + server.port());
    stub.serve(server);

    JobConfig config = new JobConfigLoader().load(job);
    List<String> log = new ArrayList<>();
    List<PullJob.Outcome> outcomes =
        new PullJob(
                Clock.systemUTC(),
                duration -> {},
                (input, raw) ->
                    new CostManagementPull(
                        CostManagementPull.pipeline(raw), ApiInputs.azureSettings(input), raw))
            .pull(config, new Landing(output), DAY, false, log::add);

    assertThat(outcomes).hasSize(1);
    PullJob.Outcome outcome = outcomes.get(0);
    assertThat(outcome.status())
        .as(String.valueOf(outcome.message()))
        .isEqualTo(PullJob.Status.PULLED);
    assertThat(outcome.rows()).isEqualTo(45 * 3);
    assertThat(outcome.pages()).isEqualTo(3);
    assertThat(log)
        .containsExactly(
            "fleetcost pull azure-api: azure-cost-management, 2026-10-01 to 2026-11-14");
    server.verify(3, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));

    Path landed = output.resolve("landing/azure-api/" + DAY);
    assertThat(landed.resolve("period=2026-10/part-0.parquet")).isRegularFile();
    assertThat(landed.resolve("period=2026-11/part-0.parquet")).isRegularFile();
    try (InputStream raw =
        new GZIPInputStream(Files.newInputStream(landed.resolve("raw/0003-Query-200.json.gz")))) {
      assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(stub.page(3));
    }
    // amounts as exact decimals: a double would round the stub's long amounts
    JsonNode pullJson =
        new ObjectMapper()
            .enable(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree(landed.resolve("pull.json").toFile());
    assertThat(pullJson.get("request_ids").toString())
        .isEqualTo("[\"req-page-1\",\"req-page-2\",\"req-page-3\"]");
    for (Map.Entry<String, Map<String, BigDecimal>> month : stub.totals().entrySet()) {
      for (Map.Entry<String, BigDecimal> currency : month.getValue().entrySet()) {
        assertThat(
                pullJson
                    .at("/totals/" + month.getKey() + "/Cost/" + currency.getKey())
                    .decimalValue())
            .as("pull.json %s %s", month.getKey(), currency.getKey())
            .isEqualByComparingTo(currency.getValue());
      }
    }

    // the run finds the date landed: no request; its normalized table holds the stub's amounts, per
    // row currency
    Cli.Result run =
        Cli.run(
            "run",
            job.toString(),
            "--date",
            DAY.toString(),
            "--no-history",
            "--out",
            output.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("fleetcost pull azure-api");
    server.verify(3, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));
    assertThat(normalizedTotals(output)).isEqualTo(expected(stub));

    Cli.Result again =
        Cli.run(
            "run",
            job.toString(),
            "--date",
            DAY.toString(),
            "--no-history",
            "--out",
            output.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    server.verify(3, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));
  }

  /** Amortized dataset: BilledCost and EffectiveCost are both the pulled cost. */
  private static Map<String, Map<String, BigDecimal>> expected(CostManagementStub stub) {
    Map<String, Map<String, BigDecimal>> expected = new TreeMap<>();
    stub.totals()
        .forEach(
            (month, currencies) ->
                currencies.forEach(
                    (currency, total) -> {
                      Map<String, BigDecimal> byColumn = new TreeMap<>();
                      byColumn.put("BilledCost", total.setScale(18));
                      byColumn.put("EffectiveCost", total.setScale(18));
                      expected.put(month + " " + currency, byColumn);
                    }));
    return expected;
  }

  private static Map<String, Map<String, BigDecimal>> normalizedTotals(Path output) {
    List<Row> rows =
        SharedSpark.session()
            .read()
            .parquet(output.resolve("billing/normalized").toString())
            .where(col("x_SourceFormat").equalTo("azure-cost-management"))
            .groupBy(
                date_format(col("ChargePeriodStart"), "yyyy-MM").as("month"),
                col("BillingCurrency"))
            .agg(sum("BilledCost"), sum("EffectiveCost"))
            .collectAsList();
    Map<String, Map<String, BigDecimal>> totals = new TreeMap<>();
    for (Row row : rows) {
      Map<String, BigDecimal> byColumn = new TreeMap<>();
      byColumn.put("BilledCost", row.getDecimal(2));
      byColumn.put("EffectiveCost", row.getDecimal(3));
      totals.put(row.getString(0) + " " + row.getString(1), byColumn);
    }
    return totals;
  }
}
