package io.fleetcost.billing.aws;

import static io.fleetcost.billing.aws.CostExplorerColumns.*;

import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.ApiFailure;
import io.fleetcost.pull.ApiSource;
import io.fleetcost.pull.LandedPull;
import io.fleetcost.pull.PullWindow;
import io.fleetcost.pull.RawResponses;
import io.fleetcost.pull.RetryAfter;
import io.fleetcost.pull.Retrying;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CurrentInstance;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.EC2ResourceDetails;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetRightsizingRecommendationRequest;
import software.amazon.awssdk.services.costexplorer.model.GetRightsizingRecommendationResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.RecommendationTarget;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.RightsizingRecommendation;
import software.amazon.awssdk.services.costexplorer.model.RightsizingRecommendationConfiguration;
import software.amazon.awssdk.services.costexplorer.model.TargetInstance;

/**
 * Pulls daily cost from AWS Cost Explorer ({@code GetCostAndUsage}, granularity DAILY), every page,
 * grouped as the job says, into rows of {@link CostExplorerColumns}. Days Cost Explorer marks
 * {@code Estimated} are landed with the flag; a later pull of the month restates them.
 *
 * <p>Credentials come only from the SDK's default chain (environment, system properties, profile,
 * web identity, container, instance profile). The SDK's own retries are off: {@link Retrying}
 * retries, with the job's settings, the same way for every cloud. Each request of Cost Explorer is
 * billed by AWS (0.01 USD), so a pull asks for the window once and pages through it.
 */
public final class CostExplorerPull implements ApiSource {
  public static final String SOURCE = "aws-cost-explorer";
  public static final String API = "AWS Cost Explorer";

  /** Cost Explorer's one endpoint lives in us-east-1. */
  public static final String DEFAULT_REGION = "us-east-1";

  /**
   * What to pull.
   *
   * @param groupBy Cost Explorer dimensions ({@link CostExplorerColumns#DIMENSIONS})
   * @param tagKey a cost allocation tag to group by as well; Cost Explorer groups by at most two
   *     keys in all
   * @param metrics the metrics; {@code UnblendedCost} always
   * @param endpoint an endpoint instead of AWS's (a proxy, or a stub in tests)
   * @param rightsizing whether to import Cost Explorer's EC2 rightsizing recommendations as well
   */
  public record Settings(
      List<String> groupBy,
      Optional<String> tagKey,
      List<String> metrics,
      Optional<URI> endpoint,
      String region,
      boolean rightsizing) {
    public Settings {
      groupBy = List.copyOf(groupBy);
      metrics = List.copyOf(metrics);
      for (String key : groupBy) {
        if (!DIMENSIONS.contains(key)) {
          throw new IllegalArgumentException(
              "group-by '" + key + "' is not one of " + String.join(", ", DIMENSIONS));
        }
      }
      if (groupBy.size() + (tagKey.isPresent() ? 1 : 0) > 2) {
        throw new IllegalArgumentException(
            "Cost Explorer groups by at most two keys, and group-by "
                + groupBy
                + tagKey.map(t -> " with tag-key " + t).orElse("")
                + " makes "
                + (groupBy.size() + (tagKey.isPresent() ? 1 : 0)));
      }
      for (String metric : metrics) {
        if (!METRICS.contains(metric)) {
          throw new IllegalArgumentException(
              "metric '" + metric + "' is not one of " + String.join(", ", METRICS));
        }
      }
      if (!metrics.contains(UNBLENDED_COST)) {
        throw new IllegalArgumentException(
            "metrics must include " + UNBLENDED_COST + " (the billed cost)");
      }
    }
  }

  private final CostExplorerClient client;
  private final Settings settings;

  public CostExplorerPull(CostExplorerClient client, Settings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** A client on the default credentials chain whose raw responses are kept by {@code raw}. */
  public static CostExplorerClient client(Settings settings, RawResponses raw) {
    return client(settings, raw, DefaultCredentialsProvider.builder().build());
  }

  static CostExplorerClient client(
      Settings settings, RawResponses raw, AwsCredentialsProvider credentials) {
    var builder =
        CostExplorerClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(DefaultRetryStrategy.doNotRetry())
                    .addExecutionInterceptor(new RawResponseInterceptor(raw))
                    .build());
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public String api() {
    return API;
  }

  @Override
  public String dayColumn() {
    return TIME_PERIOD_START;
  }

  @Override
  public Map<String, String> amountColumns() {
    Map<String, String> amounts = new LinkedHashMap<>();
    for (String metric : settings.metrics()) {
      if (!metric.equals(USAGE_QUANTITY)) {
        amounts.put(metric, metric + UNIT_SUFFIX);
      }
    }
    return amounts;
  }

  @Override
  public ApiFailure classify(RuntimeException failure) {
    return classifyFailure(failure);
  }

  /** Every day of the window, every page. */
  @Override
  public LandedPull fetch(PullWindow window, Retrying retrying) {
    LocalDate start = window.start();
    LocalDate endExclusive = window.endExclusive();
    List<String> columns = landed();
    List<String[]> rows = new ArrayList<>();
    TreeSet<LocalDate> estimatedDays = new TreeSet<>();
    List<String> requestIds = new ArrayList<>();
    String token = null;
    int page = 0;
    do {
      page++;
      GetCostAndUsageRequest request = request(start, endExclusive, token);
      GetCostAndUsageResponse response =
          retrying.call("GetCostAndUsage", () -> client.getCostAndUsage(request));
      String requestId = response.responseMetadata().requestId();
      requestIds.add(requestId);
      for (ResultByTime result : response.resultsByTime()) {
        boolean estimated = Boolean.TRUE.equals(result.estimated());
        if (estimated) {
          estimatedDays.add(LocalDate.parse(result.timePeriod().start()));
        }
        if (settings.groupBy().isEmpty() && settings.tagKey().isEmpty()) {
          rows.add(row(columns, result, List.of(), result.total(), estimated, requestId, page));
        } else {
          for (Group group : result.groups()) {
            rows.add(
                row(columns, result, group.keys(), group.metrics(), estimated, requestId, page));
          }
        }
      }
      token = response.nextPageToken();
    } while (token != null && !token.isEmpty());
    Map<String, LandedPull.Table> tables =
        settings.rightsizing()
            ? Map.of(RIGHTSIZING_TABLE, rightsizing(retrying, requestIds))
            : Map.of();
    return new LandedPull(
        columns,
        rows,
        page,
        retrying.calls(),
        retrying.retries(),
        requestIds,
        List.copyOf(estimatedDays),
        tables);
  }

  /**
   * {@code GetRightsizingRecommendation} for EC2 (same instance family, with Savings Plans and
   * reservations considered), every page: one row per instance, its target (the default one) or
   * termination, and the savings AWS estimates.
   */
  LandedPull.Table rightsizing(Retrying retrying, List<String> requestIds) {
    List<String[]> rows = new ArrayList<>();
    String token = null;
    int page = 0;
    do {
      page++;
      GetRightsizingRecommendationRequest request =
          GetRightsizingRecommendationRequest.builder()
              .service("AmazonEC2")
              .configuration(
                  RightsizingRecommendationConfiguration.builder()
                      .recommendationTarget(RecommendationTarget.SAME_INSTANCE_FAMILY)
                      .benefitsConsidered(true)
                      .build())
              .nextPageToken(token)
              .build();
      GetRightsizingRecommendationResponse response =
          retrying.call(
              "GetRightsizingRecommendation", () -> client.getRightsizingRecommendation(request));
      String requestId = response.responseMetadata().requestId();
      requestIds.add(requestId);
      for (RightsizingRecommendation recommendation : response.rightsizingRecommendations()) {
        rows.add(rightsizingRow(recommendation, requestId, page));
      }
      token = response.nextPageToken();
    } while (token != null && !token.isEmpty());
    return new LandedPull.Table(RIGHTSIZING, rows);
  }

  private static String[] rightsizingRow(
      RightsizingRecommendation recommendation, String requestId, int page) {
    Map<String, String> values = new LinkedHashMap<>();
    CurrentInstance current = recommendation.currentInstance();
    values.put(ACCOUNT_ID, recommendation.accountId());
    if (current != null) {
      values.put(RESOURCE_ID, current.resourceId());
      values.put(INSTANCE_NAME, current.instanceName());
      EC2ResourceDetails details =
          current.resourceDetails() == null ? null : current.resourceDetails().ec2ResourceDetails();
      values.put(CURRENT_INSTANCE_TYPE, details == null ? null : details.instanceType());
      values.put(RIGHTSIZING_REGION, details == null ? null : details.region());
      values.put(CURRENT_MONTHLY_COST, current.monthlyCost());
      values.put(CURRENCY_CODE, current.currencyCode());
    }
    values.put(RIGHTSIZING_TYPE, recommendation.rightsizingTypeAsString());
    if (recommendation.terminateRecommendationDetail() != null) {
      values.put(
          ESTIMATED_MONTHLY_SAVINGS,
          recommendation.terminateRecommendationDetail().estimatedMonthlySavings());
      values.putIfAbsent(
          CURRENCY_CODE, recommendation.terminateRecommendationDetail().currencyCode());
    }
    if (recommendation.modifyRecommendationDetail() != null
        && recommendation.modifyRecommendationDetail().hasTargetInstances()) {
      List<TargetInstance> targets = recommendation.modifyRecommendationDetail().targetInstances();
      TargetInstance target =
          targets.stream()
              .filter(t -> Boolean.TRUE.equals(t.defaultTargetInstance()))
              .findFirst()
              .orElse(targets.get(0));
      EC2ResourceDetails details =
          target.resourceDetails() == null ? null : target.resourceDetails().ec2ResourceDetails();
      values.put(TARGET_INSTANCE_TYPE, details == null ? null : details.instanceType());
      values.put(ESTIMATED_MONTHLY_SAVINGS, target.estimatedMonthlySavings());
      values.putIfAbsent(CURRENCY_CODE, target.currencyCode());
    }
    values.put(
        FINDING_REASON_CODES, String.join(" ", recommendation.findingReasonCodesAsStrings()));
    values.put(REQUEST_ID, requestId);
    values.put(PAGE, Integer.toString(page));
    String[] row = new String[RIGHTSIZING.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = values.get(RIGHTSIZING.get(i));
    }
    return row;
  }

  GetCostAndUsageRequest request(LocalDate start, LocalDate endExclusive, String token) {
    List<GroupDefinition> groups = new ArrayList<>();
    for (String key : settings.groupBy()) {
      groups.add(GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key(key).build());
    }
    settings
        .tagKey()
        .ifPresent(
            tag ->
                groups.add(
                    GroupDefinition.builder().type(GroupDefinitionType.TAG).key(tag).build()));
    return GetCostAndUsageRequest.builder()
        .timePeriod(
            DateInterval.builder().start(start.toString()).end(endExclusive.toString()).build())
        .granularity(Granularity.DAILY)
        .metrics(settings.metrics())
        .groupBy(groups)
        .nextPageToken(token)
        .build();
  }

  private String[] row(
      List<String> columns,
      ResultByTime result,
      List<String> keys,
      Map<String, MetricValue> metrics,
      boolean estimated,
      String requestId,
      int page) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(TIME_PERIOD_START, result.timePeriod().start());
    values.put(TIME_PERIOD_END, result.timePeriod().end());
    values.put(ESTIMATED, Boolean.toString(estimated));
    int k = 0;
    for (String dimension : settings.groupBy()) {
      values.put(dimension, k < keys.size() ? keys.get(k) : null);
      k++;
    }
    if (settings.tagKey().isPresent()) {
      // Cost Explorer writes a tag group's key as "team$search", and "team$" for spend without the
      // tag
      String key = k < keys.size() ? keys.get(k) : null;
      values.put(TAG_KEY, settings.tagKey().get());
      values.put(TAG_VALUE, key == null ? null : tagValue(key));
    }
    for (String metric : settings.metrics()) {
      MetricValue value = metrics == null ? null : metrics.get(metric);
      values.put(metric, value == null ? null : value.amount());
      values.put(metric + UNIT_SUFFIX, value == null ? null : value.unit());
    }
    values.put(REQUEST_ID, requestId);
    values.put(PAGE, Integer.toString(page));
    String[] row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = values.get(columns.get(i));
    }
    return row;
  }

  static String tagValue(String groupKey) {
    int dollar = groupKey.indexOf('$');
    String value = dollar < 0 ? groupKey : groupKey.substring(dollar + 1);
    return value.isEmpty() ? null : value;
  }

  /**
   * Throttling, 429 and 5xx are retried, with {@code Retry-After} when AWS sends one; other answers
   * are not.
   */
  public static ApiFailure classifyFailure(RuntimeException e) {
    if (e instanceof AwsServiceException service) {
      return serviceFailure(service);
    }
    if (e instanceof SdkClientException client) {
      return clientFailure(client);
    }
    if (e instanceof FleetCostException fleetCost) {
      throw fleetCost;
    }
    return new ApiFailure(
        false,
        e.getClass().getSimpleName(),
        Optional.empty(),
        Optional.empty(),
        String.valueOf(e.getMessage()));
  }

  /** An answer of AWS: its status, error code, request id and wait, and a hint on access. */
  private static ApiFailure serviceFailure(AwsServiceException service) {
    String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
    int status = service.statusCode();
    boolean throttled =
        status == 429
            || (code != null
                && List.of(
                        "ThrottlingException",
                        "LimitExceededException",
                        "TooManyRequestsException",
                        "RequestLimitExceeded",
                        "Throttling")
                    .contains(code));
    Optional<java.time.Duration> retryAfter =
        service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null
            ? Optional.empty()
            : service
                .awsErrorDetails()
                .sdkHttpResponse()
                .firstMatchingHeader("Retry-After")
                .flatMap(RetryAfter::parse);
    String message =
        service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
            ? service.awsErrorDetails().errorMessage()
            : service.getMessage();
    String hint =
        status == 401
                || status == 403
                || "AccessDeniedException".equals(code)
                || "UnrecognizedClientException".equals(code)
            ? " (the credentials of the default chain need ce:GetCostAndUsage, and ce:GetRightsizingRecommendation with rightsizing: true)"
            : "";
    return new ApiFailure(
        throttled || status >= 500,
        "HTTP " + status + (code == null ? "" : " " + code),
        Optional.ofNullable(service.requestId()).filter(id -> !id.isEmpty()),
        retryAfter,
        message + hint);
  }

  /** No answer, or no credentials (not retried). */
  private static ApiFailure clientFailure(SdkClientException client) {
    boolean credentials =
        client.getMessage() != null
            && client.getMessage().toLowerCase(Locale.ROOT).contains("credentials");
    return new ApiFailure(
        !credentials,
        credentials ? "no credentials" : "no answer",
        Optional.empty(),
        Optional.empty(),
        client.getMessage());
  }
}
