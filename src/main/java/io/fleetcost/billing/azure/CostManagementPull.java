package io.fleetcost.billing.azure;

import static io.fleetcost.billing.azure.AzureCostManagementColumns.*;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Context;
import com.azure.core.util.HttpClientOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.costmanagement.CostManagementManager;
import com.azure.resourcemanager.costmanagement.models.ExportType;
import com.azure.resourcemanager.costmanagement.models.FunctionType;
import com.azure.resourcemanager.costmanagement.models.GranularityType;
import com.azure.resourcemanager.costmanagement.models.QueryAggregation;
import com.azure.resourcemanager.costmanagement.models.QueryColumnType;
import com.azure.resourcemanager.costmanagement.models.QueryDataset;
import com.azure.resourcemanager.costmanagement.models.QueryDefinition;
import com.azure.resourcemanager.costmanagement.models.QueryGrouping;
import com.azure.resourcemanager.costmanagement.models.QueryResult;
import com.azure.resourcemanager.costmanagement.models.QueryTimePeriod;
import com.azure.resourcemanager.costmanagement.models.TimeframeType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.ApiFailure;
import io.fleetcost.pull.ApiSource;
import io.fleetcost.pull.LandedPull;
import io.fleetcost.pull.PullWindow;
import io.fleetcost.pull.RawResponses;
import io.fleetcost.pull.Retrying;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls daily cost from the Azure Cost Management Query API ({@code POST
 * {scope}/providers/Microsoft.CostManagement/query}, API version 2022-10-01): the ActualCost or
 * AmortizedCost dataset of the window, granularity Daily, the sum of PreTaxCost grouped as the job
 * says, every page, into rows of {@link AzureCostManagementColumns}.
 *
 * <p>The SDK sends the first request; it does not follow {@code nextLink}, so the next pages are
 * POSTed to the link with the same body on the same pipeline. Response columns are read by name:
 * their order is the service's. The pipeline has no retry policy ({@link Retrying} retries, the
 * same way for every cloud), and a policy keeps each body for {@code raw/}. Credentials come only
 * from the SDK's default chain (environment, workload identity, managed identity, Azure CLI): never
 * from the job file, never logged.
 */
public final class CostManagementPull implements ApiSource {
  public static final String SOURCE = "azure-cost-management";
  public static final String API = "Azure Cost Management";
  public static final String OPERATION = "Query";

  /** The Query API groups by at most two columns. */
  public static final int MAX_GROUPS = 2;

  public static final List<String> DEFAULT_GROUP_BY = List.of(RESOURCE_ID, METER_ID);

  /** Headers with the seconds to wait after throttling, besides {@code Retry-After}. */
  public static final List<String> RETRY_AFTER_HEADERS =
      List.of(
          "Retry-After",
          "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
          "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
          "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after");

  static final HttpHeaderName REQUEST_ID_HEADER = HttpHeaderName.fromString("x-ms-request-id");

  /** The Query API's two cost datasets. */
  public enum Dataset {
    ACTUAL(ExportType.ACTUAL_COST),
    AMORTIZED(ExportType.AMORTIZED_COST);

    private final ExportType type;

    Dataset(ExportType type) {
      this.type = type;
    }

    public ExportType type() {
      return type;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Dataset fromName(String name) {
      for (Dataset dataset : values()) {
        if (dataset.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
          return dataset;
        }
      }
      throw new IllegalArgumentException(
          "dataset must be actual or amortized (got '" + name + "')");
    }
  }

  /**
   * What to pull.
   *
   * @param scope an ARM scope: {@code /subscriptions/<id>}, {@code
   *     /providers/Microsoft.Billing/billingAccounts/<id>}, …
   * @param groupBy dimensions of {@link AzureCostManagementColumns#DIMENSIONS}, at most two
   * @param endpoint Azure Resource Manager's endpoint instead of the public cloud's (a sovereign
   *     cloud, a stub)
   */
  public record Settings(
      String scope, Dataset dataset, List<String> groupBy, Optional<URI> endpoint) {
    public Settings {
      groupBy = List.copyOf(groupBy);
      if (scope == null || !scope.startsWith("/") || scope.length() < 2) {
        throw new IllegalArgumentException(
            "scope must be an Azure scope starting with '/' (got '" + scope + "')");
      }
      if (groupBy.isEmpty() || groupBy.size() > MAX_GROUPS) {
        throw new IllegalArgumentException(
            "the Cost Management Query API groups by 1 or 2 columns, not "
                + groupBy.size()
                + " "
                + groupBy);
      }
      for (String key : groupBy) {
        if (!DIMENSIONS.contains(key)) {
          throw new IllegalArgumentException(
              "group-by '" + key + "' is not one of " + String.join(", ", DIMENSIONS));
        }
      }
    }
  }

  /** One page of a query, columns by name. */
  record Page(List<String> columns, List<List<Object>> rows, String nextLink, String requestId) {}

  /**
   * Reads a page's own bytes with amounts as exact decimals: the SDK's model reads JSON numbers as
   * doubles.
   */
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final CostManagementManager manager;
  private final HttpPipeline pipeline;
  private final Settings settings;
  private final RawResponses raw;

  /**
   * @param raw the responses {@code pipeline} keeps ({@link #pipeline}): each page's rows are read
   *     from its bytes
   */
  public CostManagementPull(HttpPipeline pipeline, Settings settings, RawResponses raw) {
    this.pipeline = pipeline;
    this.settings = settings;
    this.raw = raw;
    this.manager = CostManagementManager.authenticate(pipeline, profile(settings));
  }

  /**
   * A pipeline with a token of the default credential chain, whose raw responses are kept by {@code
   * raw}.
   */
  public static HttpPipeline pipeline(Settings settings, RawResponses raw) {
    TokenCredential credential = new DefaultAzureCredentialBuilder().build();
    String audience = profile(settings).getEnvironment().getManagementEndpoint();
    return pipeline(
        raw,
        new BearerTokenAuthenticationPolicy(
            credential, audience.replaceAll("/+$", "") + "/.default"));
  }

  /**
   * A pipeline without retries; {@code authentication} is left out against a stub, since the SDK's
   * bearer policy refuses http.
   */
  static HttpPipeline pipeline(RawResponses raw, HttpPipelinePolicy... authentication) {
    List<HttpPipelinePolicy> policies = new ArrayList<>(List.of(authentication));
    policies.add(new RawResponsePolicy(raw, OPERATION));
    HttpClient client =
        HttpClient.createDefault(
            new HttpClientOptions()
                .setConnectTimeout(Duration.ofSeconds(10))
                .setResponseTimeout(Duration.ofSeconds(120)));
    return new HttpPipelineBuilder()
        .httpClient(client)
        .policies(policies.toArray(new HttpPipelinePolicy[0]))
        .build();
  }

  static AzureProfile profile(Settings settings) {
    AzureEnvironment environment = AzureEnvironment.AZURE;
    if (settings.endpoint().isPresent()) {
      Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
      endpoints.put("resourceManagerEndpointUrl", settings.endpoint().get().toString());
      environment = new AzureEnvironment(endpoints);
    }
    return new AzureProfile(null, null, environment);
  }

  @Override
  public String api() {
    return API;
  }

  @Override
  public String dayColumn() {
    return USAGE_DATE;
  }

  @Override
  public Map<String, String> amountColumns() {
    return Map.of(COST, CURRENCY);
  }

  @Override
  public ApiFailure classify(RuntimeException failure) {
    return classifyFailure(failure, settings.scope());
  }

  @Override
  public LandedPull fetch(PullWindow window, Retrying retrying) {
    QueryDefinition definition = definition(window);
    // The SDK puts the scope after the endpoint's slash.
    String scope = settings.scope().replaceFirst("^/+", "");
    List<String> columns = landed();
    CostManagementRows landedRows = new CostManagementRows(columns, settings.dataset().label());
    List<String[]> rows = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    int number = 0;
    String nextLink = null;
    do {
      number++;
      String link = nextLink;
      Page page =
          link == null
              ? retrying.call(OPERATION, () -> firstPage(scope, definition))
              : retrying.call(OPERATION, () -> nextPage(link, definition));
      requestIds.add(page.requestId());
      Map<String, Integer> positions = CostManagementRows.positions(page.columns());
      for (List<Object> values : page.rows()) {
        rows.add(landedRows.row(positions, values, page.requestId(), number));
      }
      nextLink =
          page.nextLink() == null || page.nextLink().isBlank()
              ? null
              : requireSameHost(page.nextLink());
    } while (nextLink != null);
    return new LandedPull(
        columns, rows, number, retrying.calls(), retrying.retries(), requestIds, List.of());
  }

  /**
   * The bearer token goes with every request of the pipeline: a link to another host is not
   * followed.
   */
  private String requireSameHost(String nextLink) {
    URI endpoint = URI.create(profile(settings).getEnvironment().getResourceManagerEndpoint());
    URI link;
    try {
      link = URI.create(nextLink);
    } catch (IllegalArgumentException e) {
      throw FleetCostException.userError(
          "%s %s: the nextLink '%s' is not a URL", API, OPERATION, nextLink);
    }
    if (!endpoint.getScheme().equalsIgnoreCase(String.valueOf(link.getScheme()))
        || !endpoint.getHost().equalsIgnoreCase(String.valueOf(link.getHost()))
        || endpoint.getPort() != link.getPort()) {
      throw FleetCostException.userError(
          "%s %s: the nextLink points to %s://%s, not to the endpoint %s; not followed",
          API, OPERATION, link.getScheme(), link.getAuthority(), endpoint);
    }
    return nextLink;
  }

  QueryDefinition definition(PullWindow window) {
    List<QueryGrouping> grouping = new ArrayList<>();
    for (String key : settings.groupBy()) {
      grouping.add(new QueryGrouping().withType(QueryColumnType.DIMENSION).withName(key));
    }
    return new QueryDefinition()
        .withType(settings.dataset().type())
        .withTimeframe(TimeframeType.CUSTOM)
        .withTimePeriod(
            new QueryTimePeriod()
                .withFrom(window.start().atStartOfDay().atOffset(ZoneOffset.UTC))
                // the Query API's period is inclusive: up to the last second of the window's last
                // day
                .withTo(
                    window.endExclusive().atStartOfDay().atOffset(ZoneOffset.UTC).minusSeconds(1)))
        .withDataset(
            new QueryDataset()
                .withGranularity(GranularityType.DAILY)
                .withAggregation(
                    Map.of(
                        "PreTaxCost",
                        new QueryAggregation()
                            .withName("PreTaxCost")
                            .withFunction(FunctionType.SUM)))
                .withGrouping(grouping));
  }

  private Page firstPage(String scope, QueryDefinition definition) {
    Response<QueryResult> response =
        manager.queries().usageWithResponse(scope, definition, Context.NONE);
    List<RawResponses.Response> responses = raw.responses();
    if (responses.isEmpty()) {
      throw new IllegalStateException(
          "the pipeline kept no response: build it with CostManagementPull.pipeline");
    }
    return exactPage(responses.get(responses.size() - 1).body(), requestId(response.getHeaders()));
  }

  /** The next page: the same query POSTed to the link, which carries the skip token. */
  private Page nextPage(String nextLink, QueryDefinition definition) {
    byte[] body;
    try {
      body = definition.toJsonBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest request =
        new HttpRequest(HttpMethod.POST, nextLink)
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
            .setHeader(HttpHeaderName.ACCEPT, "application/json")
            .setBody(body);
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      byte[] bytes =
          response.getBodyAsBinaryData() == null
              ? new byte[0]
              : response.getBodyAsBinaryData().toBytes();
      if (response.getStatusCode() / 100 != 2) {
        ManagementError error = error(bytes);
        throw new ManagementException(
            "HTTP " + response.getStatusCode() + " from " + nextLink, response, error);
      }
      return exactPage(bytes, requestId(response.getHeaders()));
    }
  }

  /**
   * A page from its JSON: {@code properties.columns[].name}, {@code properties.rows}, {@code
   * properties.nextLink}.
   */
  static Page exactPage(byte[] body, String requestId) {
    JsonNode properties;
    try {
      properties = EXACT.readTree(body).path("properties");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a page of " + API + ": " + e.getMessage(), e);
    }
    List<String> columns = new ArrayList<>();
    properties.path("columns").forEach(column -> columns.add(column.path("name").asText()));
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode row : properties.path("rows")) {
      List<Object> values = new ArrayList<>();
      for (JsonNode value : row) {
        values.add(
            value.isNull()
                ? null
                : value.isNumber()
                    ? value.decimalValue()
                    : value.isTextual() ? value.asText() : value.toString());
      }
      rows.add(values);
    }
    JsonNode nextLink = properties.path("nextLink");
    return new Page(columns, rows, nextLink.isTextual() ? nextLink.asText() : null, requestId);
  }

  static String requestId(HttpHeaders headers) {
    return headers == null ? null : headers.getValue(REQUEST_ID_HEADER);
  }

  /**
   * ARM's error body ({@code {"error":{"code":..,"message":..}}}), as the SDK reads it for the
   * first page.
   */
  private static ManagementError error(byte[] body) {
    try {
      JsonNode error = new ObjectMapper().readTree(body).path("error");
      if (error.hasNonNull("message")) {
        return new ManagementError(error.path("code").asText(null), error.get("message").asText());
      }
    } catch (IOException notJson) {
      // the status says enough
    }
    return null;
  }

  /**
   * 429 and 5xx are retried, after the longest wait the service asked for in {@code Retry-After} or
   * Cost Management's {@code x-ms-ratelimit-microsoft.costmanagement-*-retry-after}; 401 and 403
   * name the role needed ({@link CostManagementFailures}).
   */
  public static ApiFailure classifyFailure(RuntimeException e, String scope) {
    return CostManagementFailures.classify(e, scope);
  }
}
