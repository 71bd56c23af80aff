package io.fleetcost.billing.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Days of Azure cost as the stub serves them: Query API responses shaped like the API reference's
 * example ({@code id}, {@code name}, {@code type} Microsoft.CostManagement/query, {@code
 * properties} with {@code nextLink}, {@code columns} of name and type, {@code rows} of values in
 * the columns' order, UsageDate a number such as 20261130), grouped by ResourceId and MeterId, in
 * pages of {@code daysPerPage} days. The second page lists its columns in another order than the
 * others. One resource is billed in EUR, the others in USD.
 */
final class CostManagementStub {
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
  static final String SCOPE = "/subscriptions/" + SUBSCRIPTION;
  static final String PATH = SCOPE + "/providers/Microsoft.CostManagement/query";

  /** ResourceId, MeterId, currency. */
  static final List<List<String>> GROUPS =
      List.of(
          List.of(
              "/subscriptions/"
                  + SUBSCRIPTION
                  + "/resourcegroups/ml/providers/microsoft.compute/virtualmachines/gpu-node-1",
              "8b7f4a0e-0000-4c53-9b7c-0a1e1f2a0001",
              "USD"),
          List.of(
              "/subscriptions/"
                  + SUBSCRIPTION
                  + "/resourcegroups/ml/providers/microsoft.compute/virtualmachines/gpu-node-2",
              "8b7f4a0e-0000-4c53-9b7c-0a1e1f2a0001",
              "USD"),
          List.of(
              "/subscriptions/"
                  + SUBSCRIPTION
                  + "/resourcegroups/data/providers/microsoft.storage/storageaccounts/lake",
              "5c4b3a2d-0000-4e1f-8a9b-0c0d0e0f0002",
              "EUR"));

  static final List<String> ORDER =
      List.of("PreTaxCost", "UsageDate", "ResourceId", "MeterId", "Currency");
  static final List<String> OTHER_ORDER =
      List.of("Currency", "MeterId", "UsageDate", "PreTaxCost", "ResourceId");
  private static final DateTimeFormatter DAY_NUMBER = DateTimeFormatter.BASIC_ISO_DATE;

  final LocalDate start;
  final LocalDate endExclusive;
  final int daysPerPage;
  final String baseUrl;

  CostManagementStub(LocalDate start, LocalDate endExclusive, int daysPerPage, String baseUrl) {
    this.start = start;
    this.endExclusive = endExclusive;
    this.daysPerPage = daysPerPage;
    this.baseUrl = baseUrl;
  }

  /**
   * An amount as the API writes it, a JSON number, different per day and group: 17 significant
   * digits (12 decimals), more than a double holds, so an amount read through a double would not
   * reconcile.
   */
  static String amount(LocalDate day, int group) {
    long seed = day.toEpochDay() * 7919 + group * 104729L;
    BigDecimal base =
        BigDecimal.valueOf(Math.floorMod(seed * 2654435761L, 9_000_000_000_000L), 12)
            .add(BigDecimal.valueOf(group * 10_000L + 10_001));
    return base.stripTrailingZeros().toPlainString();
  }

  int pages() {
    long days = endExclusive.toEpochDay() - start.toEpochDay();
    return (int) ((days + daysPerPage - 1) / daysPerPage);
  }

  static List<String> order(int page) {
    return page == 2 ? OTHER_ORDER : ORDER;
  }

  String page(int page) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    body.put(
        "id",
        "subscriptions/"
            + SUBSCRIPTION
            + "/providers/Microsoft.CostManagement/query/6dc7b06a-d90a-4df5-b655-ce6cf1c0814d");
    body.put("name", "6dc7b06a-d90a-4df5-b655-ce6cf1c0814d");
    body.put("type", "Microsoft.CostManagement/query");
    ObjectNode properties = body.putObject("properties");
    if (page < pages()) {
      properties.put(
          "nextLink", baseUrl + PATH + "?api-version=2022-10-01&$skiptoken=page-" + (page + 1));
    } else {
      properties.putNull("nextLink");
    }
    ArrayNode columns = properties.putArray("columns");
    for (String name : order(page)) {
      columns
          .addObject()
          .put("name", name)
          .put("type", List.of("PreTaxCost", "UsageDate").contains(name) ? "Number" : "String");
    }
    ArrayNode rows = properties.putArray("rows");
    LocalDate first = start.plusDays((long) (page - 1) * daysPerPage);
    for (LocalDate day = first;
        day.isBefore(endExclusive) && day.isBefore(first.plusDays(daysPerPage));
        day = day.plusDays(1)) {
      for (int g = 0; g < GROUPS.size(); g++) {
        ArrayNode row = rows.addArray();
        for (String name : order(page)) {
          switch (name) {
            case "PreTaxCost" -> row.add(new BigDecimal(amount(day, g)));
            case "UsageDate" -> row.add(Long.parseLong(day.format(DAY_NUMBER)));
            case "ResourceId" -> row.add(GROUPS.get(g).get(0));
            case "MeterId" -> row.add(GROUPS.get(g).get(1));
            case "Currency" -> row.add(GROUPS.get(g).get(2));
            default -> throw new IllegalStateException(name);
          }
        }
      }
    }
    return body.toString();
  }

  /** The stub's sums per month and currency, from the amounts it serves. */
  Map<String, Map<String, BigDecimal>> totals() {
    Map<String, Map<String, BigDecimal>> totals = new TreeMap<>();
    for (LocalDate day = start; day.isBefore(endExclusive); day = day.plusDays(1)) {
      for (int g = 0; g < GROUPS.size(); g++) {
        totals
            .computeIfAbsent(day.toString().substring(0, 7), m -> new TreeMap<>())
            .merge(GROUPS.get(g).get(2), new BigDecimal(amount(day, g)), BigDecimal::add);
      }
    }
    return totals;
  }

  /** Serves every page: the first for a request without a skip token, page n for {@code page-n}. */
  void serve(WireMockServer server) {
    server.stubFor(first().willReturn(ok(page(1), 1)));
    for (int p = 2; p <= pages(); p++) {
      server.stubFor(next(p).willReturn(ok(page(p), p)));
    }
  }

  static MappingBuilder request() {
    return post(urlPathEqualTo(PATH)).withQueryParam("api-version", equalTo("2022-10-01"));
  }

  static MappingBuilder first() {
    return request().withQueryParam("$skiptoken", absent());
  }

  static MappingBuilder next(int page) {
    return request().withQueryParam("$skiptoken", equalTo("page-" + page));
  }

  static ResponseDefinitionBuilder ok(String body, int page) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-ms-request-id", "req-page-" + page)
        .withBody(body);
  }

  static ResponseDefinitionBuilder error(
      int status, String code, String message, String requestId) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-ms-request-id", requestId)
        .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
  }
}
