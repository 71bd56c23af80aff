package io.fleetcost.billing.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.Backoff;
import io.fleetcost.pull.LandedPull;
import io.fleetcost.pull.PullWindow;
import io.fleetcost.pull.RawResponses;
import io.fleetcost.pull.RetrySettings;
import io.fleetcost.pull.Retrying;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

/**
 * The Cost Explorer connector against a WireMock stub on 127.0.0.1: pages, throttling, server
 * errors, refusals.
 */
class CostExplorerPullTest {
  private static final LocalDate START = LocalDate.parse("2026-10-01");
  private static final LocalDate END = LocalDate.parse("2026-11-15");
  private static final RetrySettings FAST =
      new RetrySettings(5, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(1));

  private WireMockServer server;
  private final List<Duration> waits = new ArrayList<>();
  private final RawResponses raw = new RawResponses();
  private CostExplorerClient client;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    CostExplorerPull.Settings settings = settings();
    client =
        CostExplorerPull.client(
            settings,
            raw,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDSTUBSTUBSTUB", "stub-secret-not-real")));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
  }

  private CostExplorerPull.Settings settings() {
    return settings(false);
  }

  private CostExplorerPull.Settings settings(boolean rightsizing) {
    return new CostExplorerPull.Settings(
        List.of("SERVICE", "LINKED_ACCOUNT"),
        Optional.empty(),
        List.of("UnblendedCost", "AmortizedCost"),
        Optional.of(URI.create("http://127.0.0.1:" + server.port())),
        "us-east-1",
        rightsizing);
  }

  private LandedPull fetch(RetrySettings retry) {
    return fetch(retry, false);
  }

  private LandedPull fetch(RetrySettings retry, boolean rightsizing) {
    Retrying retrying =
        new Retrying(
            "AWS Cost Explorer",
            retry,
            new Backoff(retry, () -> 0.5),
            waits::add,
            Clock.systemUTC(),
            CostExplorerPull::classifyFailure);
    return new CostExplorerPull(client, settings(rightsizing))
        .fetch(new PullWindow(START, END), retrying);
  }

  @Test
  void rightsizingRecommendationsAreImportedFromEveryPageWithTheDefaultTarget() {
    new CostExplorerStub(START, END, END, 100).serve(server);
    CostExplorerStub.serveRightsizing(server);

    LandedPull landed = fetch(FAST, true);

    assertThat(landed.requestIds()).containsExactly("req-page-1", "req-page-101", "req-page-102");
    LandedPull.Table table = landed.tables().get("rightsizing");
    assertThat(table.columns())
        .containsExactly(
            "AccountId",
            "ResourceId",
            "InstanceName",
            "InstanceType",
            "Region",
            "RightsizingType",
            "TargetInstanceType",
            "CurrentMonthlyCost",
            "EstimatedMonthlySavings",
            "CurrencyCode",
            "FindingReasonCodes",
            "x_RequestId",
            "x_Page");
    assertThat(table.rows()).hasSize(2);
    assertThat(table.rows().get(0))
        .containsExactly(
            "111122223333",
            "i-0terminate",
            "idle-box",
            "g5.xlarge",
            "US East (N. Virginia)",
            "TERMINATE",
            null,
            "734.38",
            "734.38",
            "USD",
            "CPU_OVER_PROVISIONED NETWORK_BANDWIDTH_OVER_PROVISIONED",
            "req-page-101",
            "1");
    assertThat(table.rows().get(1))
        .as("the default target, not the first listed")
        .containsExactly(
            "444455556666",
            "i-0modify",
            "=cmd|calc",
            "g5.4xlarge",
            "US West (Oregon)",
            "MODIFY",
            "g5.2xlarge",
            "1186.24",
            "300.45",
            "USD",
            "CPU_OVER_PROVISIONED",
            "req-page-102",
            "2");
    server.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader(
                "X-Amz-Target",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                    CostExplorerStub.RIGHTSIZING_TARGET))
            .withRequestBody(
                equalToJson(
                    "{\"Service\":\"AmazonEC2\",\"Configuration\":{\"RecommendationTarget\":\"SAME_INSTANCE_FAMILY\","
                        + "\"BenefitsConsidered\":true},\"NextPageToken\":\"rs-2\"}")));
  }

  @Test
  void readsEveryPageAndLandsEveryDayAndGroupWithTheStubsTotals() {
    // 45 days in pages of 15 days: 3 pages, 4 groups a day; the last two days are estimates
    CostExplorerStub stub = new CostExplorerStub(START, END, LocalDate.parse("2026-11-13"), 15);
    stub.serve(server);

    LandedPull landed = fetch(FAST);

    assertThat(landed.pages()).isEqualTo(3);
    assertThat(landed.requests()).isEqualTo(3);
    assertThat(landed.requestIds()).containsExactly("req-page-1", "req-page-2", "req-page-3");
    assertThat(landed.rows()).hasSize(45 * 4);
    assertThat(landed.estimatedDays())
        .containsExactly(LocalDate.parse("2026-11-13"), LocalDate.parse("2026-11-14"));
    // every request asked for daily cost of the window, grouped by the two dimensions, and was
    // signed
    server.verify(
        3,
        postRequestedFor(urlEqualTo("/"))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-HMAC-SHA256 Credential=AKIDSTUBSTUBSTUB/\\d{8}/us-east-1/ce/aws4_request.*"))
            .withRequestBody(
                equalToJson(
                    "{\"TimePeriod\":{\"Start\":\"2026-10-01\",\"End\":\"2026-11-15\"},\"Granularity\":\"DAILY\","
                        + "\"Metrics\":[\"UnblendedCost\",\"AmortizedCost\"],\"GroupBy\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"},"
                        + "{\"Type\":\"DIMENSION\",\"Key\":\"LINKED_ACCOUNT\"}]}",
                    true,
                    true)));

    // the landed amounts, summed per month and metric, are the stub's to the last decimal
    List<String> columns = landed.columns();
    Map<String, Map<String, BigDecimal>> sums = new TreeMap<>();
    for (String[] row : landed.rows()) {
      String month = row[columns.indexOf("TimePeriodStart")].substring(0, 7);
      for (String metric : List.of("UnblendedCost", "AmortizedCost")) {
        sums.computeIfAbsent(month, m -> new TreeMap<>())
            .merge(metric, new BigDecimal(row[columns.indexOf(metric)]), BigDecimal::add);
        assertThat(row[columns.indexOf(metric + "Unit")]).isEqualTo("USD");
      }
    }
    assertThat(sums).isEqualTo(stub.totals());
    String[] first = landed.rows().get(0);
    assertThat(first[columns.indexOf("SERVICE")])
        .isEqualTo("Amazon Elastic Compute Cloud - Compute");
    assertThat(first[columns.indexOf("LINKED_ACCOUNT")]).isEqualTo("111122223333");
    assertThat(first[columns.indexOf("REGION")]).as("not grouped by region").isNull();
    // the raw responses are kept as sent
    assertThat(raw.responses()).hasSize(3);
    assertThat(new String(raw.responses().get(2).body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(stub.page(3));
    assertThat(waits).isEmpty();
  }

  @Test
  void throttlingIsRetriedWithBackoffAndRetryAfterIsHonoured() {
    CostExplorerStub stub = new CostExplorerStub(START, END, END, 100);
    server.stubFor(
        CostExplorerStub.request()
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("again")
            .willReturn(
                error(400, "ThrottlingException", "Rate exceeded", "req-throttled-1", null)));
    server.stubFor(
        CostExplorerStub.request()
            .inScenario("throttled")
            .whenScenarioStateIs("again")
            .willSetStateTo("served")
            .willReturn(
                error(
                    429, "TooManyRequestsException", "Too many requests", "req-throttled-2", "3")));
    server.stubFor(
        CostExplorerStub.request()
            .inScenario("throttled")
            .whenScenarioStateIs("served")
            .willReturn(CostExplorerStub.ok(stub.page(1), 1)));

    LandedPull landed = fetch(FAST);

    assertThat(landed.requests()).isEqualTo(3);
    assertThat(landed.retries()).isEqualTo(2);
    assertThat(landed.rows()).hasSize(45 * 4);
    // full jitter draws 0.5 here: half of the first ceiling (10 ms), then the 3 s the service asked
    // for
    assertThat(waits).containsExactly(Duration.ofMillis(5), Duration.ofSeconds(3));
  }

  @Test
  void serverErrorsUntilTheAttemptsRunOutFailWithTheStatusAndTheRequestId() {
    server.stubFor(
        CostExplorerStub.request()
            .willReturn(
                error(
                    503,
                    "ServiceUnavailableException",
                    "Service is unavailable",
                    "req-503",
                    null)));

    assertThatThrownBy(() -> fetch(FAST))
        .isInstanceOf(FleetCostException.class)
        .hasMessage(
            "AWS Cost Explorer GetCostAndUsage failed after 5 attempts: HTTP 503 ServiceUnavailableException (request id req-503):"
                + " Service is unavailable");
    server.verify(5, postRequestedFor(urlEqualTo("/")));
    // four waits, each within its ceiling: 10, 20, 40, 40 ms (the maximum), full jitter at 0.5
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(20));
  }

  @Test
  void refusedCredentialsFailAtOnceWithAClearMessage() {
    server.stubFor(
        CostExplorerStub.request()
            .willReturn(
                error(
                    403,
                    "AccessDeniedException",
                    "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: ce:GetCostAndUsage",
                    "req-403",
                    null)));
    assertThatThrownBy(() -> fetch(FAST))
        .isInstanceOf(FleetCostException.class)
        .hasMessageStartingWith(
            "AWS Cost Explorer GetCostAndUsage failed: HTTP 403 AccessDeniedException (request id req-403): User:")
        .hasMessageEndingWith(
            "(the credentials of the default chain need ce:GetCostAndUsage, and ce:GetRightsizingRecommendation with rightsizing: true)");
    server.verify(1, postRequestedFor(urlEqualTo("/")));

    server.resetAll();
    server.stubFor(
        CostExplorerStub.request()
            .willReturn(
                error(
                    401,
                    "UnrecognizedClientException",
                    "The security token included in the request is invalid.",
                    "req-401",
                    null)));
    assertThatThrownBy(() -> fetch(FAST))
        .hasMessage(
            "AWS Cost Explorer GetCostAndUsage failed: HTTP 401 UnrecognizedClientException (request id req-401): The security token"
                + " included in the request is invalid. (the credentials of the default chain need ce:GetCostAndUsage, and ce:GetRightsizingRecommendation with rightsizing: true)");
    server.verify(1, postRequestedFor(urlEqualTo("/")));
    assertThat(waits).isEmpty();
  }

  @Test
  void aPullThatWouldOutliveItsTimeLimitStops() {
    server.stubFor(
        CostExplorerStub.request()
            .willReturn(error(500, "InternalServerError", "boom", "req-500", "120")));
    RetrySettings oneMinute =
        new RetrySettings(5, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(1));
    assertThatThrownBy(() -> fetch(oneMinute))
        .hasMessage(
            "AWS Cost Explorer GetCostAndUsage failed after 1 attempt, and the next would start after the pull's time limit of 1 min:"
                + " HTTP 500 InternalServerError (request id req-500): boom");
    assertThat(waits).isEmpty();
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String type, String message, String requestId, String retryAfter) {
    var response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withHeader("x-amzn-RequestId", requestId)
            .withHeader("x-amzn-ErrorType", type)
            .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    return retryAfter == null ? response : response.withHeader("Retry-After", retryAfter);
  }
}
