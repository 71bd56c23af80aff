package io.fleetcost.billing.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Cost Explorer month as the stub serves it: {@code GetCostAndUsage} responses shaped like the
 * API reference's example (ResultsByTime of TimePeriod, Total, Groups of Keys and Metrics with
 * Amount and Unit text, Estimated, GroupDefinitions, NextPageToken), grouped by SERVICE and
 * LINKED_ACCOUNT, in pages of {@code daysPerPage} days. Days on or after {@code estimatedFrom} are
 * estimates, with other amounts than the final ones.
 */
final class CostExplorerStub {
  static final String TARGET = "AWSInsightsIndexService.GetCostAndUsage";
  static final List<List<String>> GROUPS =
      List.of(
          List.of("Amazon Elastic Compute Cloud - Compute", "111122223333"),
          List.of("Amazon Elastic Compute Cloud - Compute", "444455556666"),
          List.of("Amazon SageMaker", "111122223333"),
          List.of("Amazon Simple Storage Service", "444455556666"));

  final LocalDate start;
  final LocalDate endExclusive;
  final LocalDate estimatedFrom;
  final int daysPerPage;

  CostExplorerStub(
      LocalDate start, LocalDate endExclusive, LocalDate estimatedFrom, int daysPerPage) {
    this.start = start;
    this.endExclusive = endExclusive;
    this.estimatedFrom = estimatedFrom;
    this.daysPerPage = daysPerPage;
  }

  /**
   * An amount as Cost Explorer writes it (text, up to 10 decimals), different per day, group and
   * metric, and for an estimate.
   */
  static String amount(LocalDate day, int group, String metric, boolean estimated) {
    long seed =
        day.toEpochDay() * 7919 + group * 104729L + metric.length() * 31L + (estimated ? 17 : 0);
    BigDecimal base =
        BigDecimal.valueOf(Math.floorMod(seed * 2654435761L, 90_000_000_000L), 10)
            .add(BigDecimal.valueOf(group * 100L + 3));
    return base.stripTrailingZeros().toPlainString();
  }

  boolean estimated(LocalDate day) {
    return !day.isBefore(estimatedFrom);
  }

  int pages() {
    long days = endExclusive.toEpochDay() - start.toEpochDay();
    return (int) ((days + daysPerPage - 1) / daysPerPage);
  }

  String page(int page) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    ArrayNode definitions = body.putArray("GroupDefinitions");
    definitions.addObject().put("Type", "DIMENSION").put("Key", "SERVICE");
    definitions.addObject().put("Type", "DIMENSION").put("Key", "LINKED_ACCOUNT");
    ArrayNode results = body.putArray("ResultsByTime");
    LocalDate first = start.plusDays((long) (page - 1) * daysPerPage);
    for (LocalDate day = first;
        day.isBefore(endExclusive) && day.isBefore(first.plusDays(daysPerPage));
        day = day.plusDays(1)) {
      ObjectNode result = results.addObject();
      result
          .putObject("TimePeriod")
          .put("Start", day.toString())
          .put("End", day.plusDays(1).toString());
      result.putObject("Total");
      ArrayNode groups = result.putArray("Groups");
      for (int g = 0; g < GROUPS.size(); g++) {
        ObjectNode group = groups.addObject();
        ArrayNode keys = group.putArray("Keys");
        GROUPS.get(g).forEach(keys::add);
        ObjectNode metrics = group.putObject("Metrics");
        for (String metric : List.of("UnblendedCost", "AmortizedCost")) {
          metrics
              .putObject(metric)
              .put("Amount", amount(day, g, metric, estimated(day)))
              .put("Unit", "USD");
        }
      }
      result.put("Estimated", estimated(day));
    }
    body.putArray("DimensionValueAttributes");
    if (page < pages()) {
      body.put("NextPageToken", "token-" + (page + 1));
    }
    return body.toString();
  }

  /** The stub's sums per month and metric, computed from the amounts the stub serves. */
  Map<String, Map<String, BigDecimal>> totals() {
    Map<String, Map<String, BigDecimal>> totals = new TreeMap<>();
    for (LocalDate day = start; day.isBefore(endExclusive); day = day.plusDays(1)) {
      for (int g = 0; g < GROUPS.size(); g++) {
        for (String metric : List.of("UnblendedCost", "AmortizedCost")) {
          totals
              .computeIfAbsent(day.toString().substring(0, 7), m -> new TreeMap<>())
              .merge(
                  metric, new BigDecimal(amount(day, g, metric, estimated(day))), BigDecimal::add);
        }
      }
    }
    return totals;
  }

  /** Serves every page: the first for a request without a token, page n for {@code token-n}. */
  void serve(WireMockServer server) {
    List<MappingBuilder> stubs = new ArrayList<>();
    stubs.add(request().withRequestBody(notContaining("NextPageToken")).willReturn(ok(page(1), 1)));
    for (int p = 2; p <= pages(); p++) {
      stubs.add(
          request()
              .withRequestBody(containing("\"NextPageToken\":\"token-" + p + "\""))
              .willReturn(ok(page(p), p)));
    }
    stubs.forEach(server::stubFor);
  }

  static MappingBuilder request() {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(
      String body, int page) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "req-page-" + page)
        .withBody(body);
  }

  static final String RIGHTSIZING_TARGET = "AWSInsightsIndexService.GetRightsizingRecommendation";

  /**
   * Two pages of {@code GetRightsizingRecommendation}, shaped like the API reference's response:
   * page 1 terminates {@code i-0terminate} (a g5.xlarge), page 2 resizes {@code i-0modify}
   * (g5.4xlarge) to its default target g5.2xlarge (a second, non-default target is listed first)
   * and has no NextPageToken.
   */
  static String rightsizingPage(int page) {
    String terminate =
        "{\"AccountId\":\"111122223333\",\"CurrentInstance\":{\"ResourceId\":\"i-0terminate\",\"InstanceName\":\"idle-box\","
            + "\"Tags\":[],\"ResourceDetails\":{\"EC2ResourceDetails\":{\"HourlyOnDemandRate\":\"1.006\",\"InstanceType\":\"g5.xlarge\","
            + "\"Platform\":\"Linux/UNIX\",\"Region\":\"US East (N. Virginia)\",\"Vcpu\":\"4\"}},\"ResourceUtilization\":"
            + "{\"EC2ResourceUtilization\":{\"MaxCpuUtilizationPercentage\":\"1.2\"}},\"OnDemandHoursInLookbackPeriod\":\"336\","
            + "\"TotalRunningHoursInLookbackPeriod\":\"336\",\"MonthlyCost\":\"734.38\",\"CurrencyCode\":\"USD\"},"
            + "\"RightsizingType\":\"TERMINATE\",\"TerminateRecommendationDetail\":{\"EstimatedMonthlySavings\":\"734.38\","
            + "\"CurrencyCode\":\"USD\"},\"FindingReasonCodes\":[\"CPU_OVER_PROVISIONED\",\"NETWORK_BANDWIDTH_OVER_PROVISIONED\"]}";
    String modify =
        "{\"AccountId\":\"444455556666\",\"CurrentInstance\":{\"ResourceId\":\"i-0modify\",\"InstanceName\":\"=cmd|calc\","
            + "\"ResourceDetails\":{\"EC2ResourceDetails\":{\"InstanceType\":\"g5.4xlarge\",\"Region\":\"US West (Oregon)\"}},"
            + "\"MonthlyCost\":\"1186.24\",\"CurrencyCode\":\"USD\"},\"RightsizingType\":\"MODIFY\",\"ModifyRecommendationDetail\":"
            + "{\"TargetInstances\":[{\"EstimatedMonthlyCost\":\"886.95\",\"EstimatedMonthlySavings\":\"299.29\",\"CurrencyCode\":\"USD\","
            + "\"DefaultTargetInstance\":false,\"ResourceDetails\":{\"EC2ResourceDetails\":{\"InstanceType\":\"g6.4xlarge\"}}},"
            + "{\"EstimatedMonthlyCost\":\"885.79\",\"EstimatedMonthlySavings\":\"300.45\",\"CurrencyCode\":\"USD\","
            + "\"DefaultTargetInstance\":true,\"ResourceDetails\":{\"EC2ResourceDetails\":{\"InstanceType\":\"g5.2xlarge\"}}}]},"
            + "\"FindingReasonCodes\":[\"CPU_OVER_PROVISIONED\"]}";
    String configuration =
        "\"Configuration\":{\"RecommendationTarget\":\"SAME_INSTANCE_FAMILY\",\"BenefitsConsidered\":true}";
    return page == 1
        ? "{\"Metadata\":{\"RecommendationId\":\"rec-1\",\"LookbackPeriodInDays\":\"FOURTEEN_DAYS\"},\"RightsizingRecommendations\":["
            + terminate
            + "],\"NextPageToken\":\"rs-2\","
            + configuration
            + "}"
        : "{\"Metadata\":{\"RecommendationId\":\"rec-1\"},\"RightsizingRecommendations\":["
            + modify
            + "],"
            + configuration
            + "}";
  }

  static void serveRightsizing(WireMockServer server) {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(RIGHTSIZING_TARGET))
            .withRequestBody(notContaining("NextPageToken"))
            .willReturn(ok(rightsizingPage(1), 101)));
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(RIGHTSIZING_TARGET))
            .withRequestBody(containing("\"NextPageToken\":\"rs-2\""))
            .willReturn(ok(rightsizingPage(2), 102)));
  }
}
