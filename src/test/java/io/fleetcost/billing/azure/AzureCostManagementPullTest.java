package io.fleetcost.billing.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

/**
 * The Azure Cost Management connector against a WireMock stub on 127.0.0.1: pages, throttling,
 * server errors, refusals.
 */
class AzureCostManagementPullTest {
  private static final LocalDate START = LocalDate.parse("2026-10-01");
  private static final LocalDate END = LocalDate.parse("2026-11-15");
  private static final RetrySettings FAST =
      new RetrySettings(5, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(1));
  private static final String ROLE_HINT =
      "(the identity of the default Azure credential chain needs the Cost Management Reader role on "
          + CostManagementStub.SCOPE
          + ")";

  private WireMockServer server;
  private final List<Duration> waits = new ArrayList<>();
  private final RawResponses raw = new RawResponses();

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private CostManagementPull.Settings settings(CostManagementPull.Dataset dataset) {
    return new CostManagementPull.Settings(
        CostManagementStub.SCOPE,
        dataset,
        CostManagementPull.DEFAULT_GROUP_BY,
        Optional.of(URI.create("http://127.0.0.1:" + server.port())));
  }

  private LandedPull fetch(RetrySettings retry, CostManagementPull.Dataset dataset) {
    Retrying retrying =
        new Retrying(
            "Azure Cost Management",
            retry,
            new Backoff(retry, () -> 0.5),
            waits::add,
            Clock.systemUTC(),
            e -> CostManagementPull.classifyFailure(e, CostManagementStub.SCOPE));
    // no bearer policy: the stub is plain http, which the SDK's token policy refuses
    return new CostManagementPull(CostManagementPull.pipeline(raw), settings(dataset), raw)
        .fetch(new PullWindow(START, END), retrying);
  }

  private LandedPull fetch(RetrySettings retry) {
    return fetch(retry, CostManagementPull.Dataset.ACTUAL);
  }

  @Test
  void readsEveryPageByColumnNameAndLandsTheStubsTotalsPerMonthAndCurrency() {
    // 45 days in pages of 15 days: 3 pages, 3 groups a day; page 2 lists its columns in another
    // order
    CostManagementStub stub =
        new CostManagementStub(START, END, 15, "http://127.0.0.1:" + server.port());
    stub.serve(server);

    LandedPull landed = fetch(FAST);

    assertThat(landed.pages()).isEqualTo(3);
    assertThat(landed.requests()).isEqualTo(3);
    assertThat(landed.requestIds()).containsExactly("req-page-1", "req-page-2", "req-page-3");
    assertThat(landed.rows()).hasSize(45 * 3);
    // every request asked for the actual cost of the window, daily, summed, grouped by resource and
    // meter
    server.verify(
        3,
        postRequestedFor(urlPathEqualTo(CostManagementStub.PATH))
            .withQueryParam("api-version", equalTo("2022-10-01"))
            .withRequestBody(matchingJsonPath("$.type", equalTo("ActualCost")))
            .withRequestBody(matchingJsonPath("$.timeframe", equalTo("Custom")))
            .withRequestBody(matchingJsonPath("$.timePeriod.from", equalTo("2026-10-01T00:00:00Z")))
            .withRequestBody(matchingJsonPath("$.timePeriod.to", equalTo("2026-11-14T23:59:59Z")))
            .withRequestBody(matchingJsonPath("$.dataset.granularity", equalTo("Daily")))
            .withRequestBody(
                matchingJsonPath("$.dataset.aggregation.PreTaxCost.name", equalTo("PreTaxCost")))
            .withRequestBody(
                matchingJsonPath("$.dataset.aggregation.PreTaxCost.function", equalTo("Sum")))
            .withRequestBody(matchingJsonPath("$.dataset.grouping[0].name", equalTo("ResourceId")))
            .withRequestBody(matchingJsonPath("$.dataset.grouping[1].name", equalTo("MeterId"))));

    // the landed amounts, summed per month and currency, are the stub's to the last decimal (and so
    // to the cent)
    List<String> columns = landed.columns();
    Map<String, Map<String, BigDecimal>> sums = new TreeMap<>();
    for (String[] row : landed.rows()) {
      String month = row[columns.indexOf("UsageDate")].substring(0, 7);
      sums.computeIfAbsent(month, m -> new TreeMap<>())
          .merge(
              row[columns.indexOf("Currency")],
              new BigDecimal(row[columns.indexOf("Cost")]),
              BigDecimal::add);
    }
    Map<String, Map<String, BigDecimal>> expected = stub.totals();
    assertThat(sums.keySet()).containsExactly("2026-10", "2026-11");
    for (String month : expected.keySet()) {
      assertThat(sums.get(month).keySet()).containsExactlyElementsOf(expected.get(month).keySet());
      for (String currency : expected.get(month).keySet()) {
        assertThat(sums.get(month).get(currency))
            .isEqualByComparingTo(expected.get(month).get(currency));
        assertThat(sums.get(month).get(currency).setScale(2, RoundingMode.HALF_EVEN))
            .isEqualTo(expected.get(month).get(currency).setScale(2, RoundingMode.HALF_EVEN));
      }
    }

    // read by name: a row of page 2 (columns in another order) lands as a row of page 1 does
    for (int page = 1; page <= 3; page++) {
      LocalDate day = START.plusDays((page - 1) * 15L + 4);
      String[] row = rowOf(landed, day, 2);
      assertThat(row[columns.indexOf("x_Page")]).isEqualTo(Integer.toString(page));
      assertThat(row[columns.indexOf("x_RequestId")]).isEqualTo("req-page-" + page);
      assertThat(row[columns.indexOf("MeterId")])
          .isEqualTo(CostManagementStub.GROUPS.get(2).get(1));
      assertThat(row[columns.indexOf("Currency")]).isEqualTo("EUR");
      assertThat(new BigDecimal(row[columns.indexOf("Cost")]))
          .isEqualByComparingTo(CostManagementStub.amount(day, 2));
      assertThat(row[columns.indexOf("x_CostColumn")]).isEqualTo("PreTaxCost");
      assertThat(row[columns.indexOf("x_Dataset")]).isEqualTo("actual");
      assertThat(row[columns.indexOf("ServiceName")]).as("not grouped by service").isNull();
    }
    // the raw responses are kept as sent
    assertThat(raw.responses()).hasSize(3);
    assertThat(new String(raw.responses().get(1).body(), StandardCharsets.UTF_8))
        .isEqualTo(stub.page(2));
    assertThat(waits).isEmpty();
  }

  private static String[] rowOf(LandedPull landed, LocalDate day, int group) {
    List<String> columns = landed.columns();
    return landed.rows().stream()
        .filter(r -> r[columns.indexOf("UsageDate")].equals(day.toString()))
        .filter(
            r ->
                r[columns.indexOf("ResourceId")].equals(
                    CostManagementStub.GROUPS.get(group).get(0)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theAmortizedDatasetIsAskedForAndLandedAsSuch() {
    CostManagementStub stub =
        new CostManagementStub(START, END, 100, "http://127.0.0.1:" + server.port());
    stub.serve(server);

    LandedPull landed = fetch(FAST, CostManagementPull.Dataset.AMORTIZED);

    assertThat(landed.pages()).isEqualTo(1);
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(CostManagementStub.PATH))
            .withRequestBody(matchingJsonPath("$.type", equalTo("AmortizedCost"))));
    assertThat(landed.rows())
        .allSatisfy(
            row -> assertThat(row[landed.columns().indexOf("x_Dataset")]).isEqualTo("amortized"));
  }

  @Test
  void throttlingIsRetriedAfterTheWaitCostManagementAsksFor() {
    CostManagementStub stub =
        new CostManagementStub(START, END, 100, "http://127.0.0.1:" + server.port());
    server.stubFor(
        CostManagementStub.first()
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("again")
            .willReturn(
                CostManagementStub.error(
                        429, "429", "Too many requests. Please retry.", "req-throttled-1")
                    .withHeader("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "7")));
    server.stubFor(
        CostManagementStub.first()
            .inScenario("throttled")
            .whenScenarioStateIs("again")
            .willSetStateTo("served")
            .willReturn(
                CostManagementStub.error(
                        429, "429", "Too many requests. Please retry.", "req-throttled-2")
                    .withHeader("x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "2")
                    .withHeader("Retry-After", "1")));
    server.stubFor(
        CostManagementStub.first()
            .inScenario("throttled")
            .whenScenarioStateIs("served")
            .willReturn(CostManagementStub.ok(stub.page(1), 1)));

    LandedPull landed = fetch(FAST);

    assertThat(landed.requests()).isEqualTo(3);
    assertThat(landed.retries()).isEqualTo(2);
    assertThat(landed.rows()).hasSize(45 * 3);
    // full jitter draws 0.5 of a 10 ms ceiling here; the service's 7 s, then the longest of its 2 s
    // and 1 s, win
    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    // the failed attempts are kept in raw/ too
    assertThat(raw.responses())
        .extracting(RawResponses.Response::status)
        .containsExactly(429, 429, 200);
  }

  @Test
  void aServerErrorOnALaterPageIsRetriedOnTheNextLink() {
    CostManagementStub stub =
        new CostManagementStub(START, END, 15, "http://127.0.0.1:" + server.port());
    stub.serve(server);
    server.stubFor(
        CostManagementStub.next(2)
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("ok")
            .willReturn(CostManagementStub.error(502, "BadGateway", "upstream", "req-502")));
    server.stubFor(
        CostManagementStub.next(2)
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(CostManagementStub.ok(stub.page(2), 2)));

    LandedPull landed = fetch(FAST);

    assertThat(landed.pages()).isEqualTo(3);
    assertThat(landed.requests()).isEqualTo(4);
    assertThat(landed.retries()).isEqualTo(1);
    assertThat(landed.rows()).hasSize(45 * 3);
    assertThat(waits).containsExactly(Duration.ofMillis(5));
  }

  @Test
  void aLaterPageThatKeepsFailingFailsThePullWithItsStatusAndRequestId() {
    CostManagementStub stub =
        new CostManagementStub(START, END, 15, "http://127.0.0.1:" + server.port());
    stub.serve(server);
    server.stubFor(
        CostManagementStub.next(3)
            .willReturn(
                CostManagementStub.error(500, "InternalServerError", "boom", "req-500-page-3")));

    assertThatThrownBy(() -> fetch(FAST))
        .isInstanceOf(FleetCostException.class)
        .hasMessage(
            "Azure Cost Management Query failed after 5 attempts: HTTP 500 InternalServerError (request id req-500-page-3): boom");
    server.verify(1 + 1 + 5, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));
  }

  @Test
  void aNextLinkToAnotherHostIsNotFollowed() {
    CostManagementStub stub =
        new CostManagementStub(START, END, 15, "http://127.0.0.2:" + server.port());
    stub.serve(server);

    assertThatThrownBy(() -> fetch(FAST))
        .isInstanceOf(FleetCostException.class)
        .hasMessageContaining(
            "the nextLink points to http://127.0.0.2:" + server.port() + ", not to the endpoint");
    server.verify(1, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));
  }

  @Test
  void serverErrorsUntilTheAttemptsRunOutFailWithTheStatusAndTheRequestId() {
    server.stubFor(
        CostManagementStub.first()
            .willReturn(
                CostManagementStub.error(
                    503, "ServiceUnavailable", "The service is unavailable.", "req-503")));

    assertThatThrownBy(() -> fetch(FAST))
        .isInstanceOf(FleetCostException.class)
        .hasMessage(
            "Azure Cost Management Query failed after 5 attempts: HTTP 503 ServiceUnavailable (request id req-503): The service is"
                + " unavailable.");
    server.verify(5, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));
    // four waits, each within its ceiling: 10, 20, 40, 40 ms (the maximum), full jitter at 0.5
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(20));
  }

  @Test
  void refusedCredentialsFailAtOnceNamingTheRoleNeeded() {
    server.stubFor(
        CostManagementStub.first()
            .willReturn(
                CostManagementStub.error(
                    403,
                    "AuthorizationFailed",
                    "The client 'ci' does not have authorization to perform action 'Microsoft.CostManagement/query/action'.",
                    "req-403")));
    assertThatThrownBy(() -> fetch(FAST))
        .isInstanceOf(FleetCostException.class)
        .hasMessageStartingWith(
            "Azure Cost Management Query failed: HTTP 403 AuthorizationFailed (request id req-403): The client 'ci'")
        .hasMessageEndingWith(ROLE_HINT);
    server.verify(1, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));

    server.resetAll();
    server.stubFor(
        CostManagementStub.first()
            .willReturn(
                CostManagementStub.error(
                    401, "InvalidAuthenticationToken", "The access token is invalid.", "req-401")));
    assertThatThrownBy(() -> fetch(FAST))
        .isInstanceOf(FleetCostException.class)
        .hasMessage(
            "Azure Cost Management Query failed: HTTP 401 InvalidAuthenticationToken (request id req-401): The access token is invalid. "
                + ROLE_HINT);
    server.verify(1, postRequestedFor(urlPathEqualTo(CostManagementStub.PATH)));
    assertThat(waits).isEmpty();
  }

  @Test
  void noAnswerIsRetriedAndMissingCredentialsAreNot() {
    int port = server.port();
    server.stop();
    Retrying retrying =
        new Retrying(
            "Azure Cost Management",
            FAST,
            new Backoff(FAST, () -> 0.5),
            waits::add,
            Clock.systemUTC(),
            e -> CostManagementPull.classifyFailure(e, CostManagementStub.SCOPE));
    CostManagementPull.Settings closed =
        new CostManagementPull.Settings(
            CostManagementStub.SCOPE,
            CostManagementPull.Dataset.ACTUAL,
            CostManagementPull.DEFAULT_GROUP_BY,
            Optional.of(URI.create("http://127.0.0.1:" + port)));
    assertThatThrownBy(
            () ->
                new CostManagementPull(CostManagementPull.pipeline(raw), closed, raw)
                    .fetch(new PullWindow(START, END), retrying))
        .isInstanceOf(FleetCostException.class)
        .hasMessageStartingWith("Azure Cost Management Query failed after 5 attempts: no answer");
    assertThat(waits).hasSize(4);

    var failure =
        CostManagementPull.classifyFailure(
            new com.azure.identity.CredentialUnavailableException(
                "DefaultAzureCredential failed to retrieve a token"),
            CostManagementStub.SCOPE);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.status()).isEqualTo("no credentials");
  }
}
