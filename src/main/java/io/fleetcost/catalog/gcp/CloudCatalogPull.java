package io.fleetcost.catalog.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import com.google.cloud.billing.v1.ListServicesRequest;
import com.google.cloud.billing.v1.ListServicesResponse;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Service;
import com.google.cloud.billing.v1.Sku;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.google.type.Money;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.ApiFailure;
import io.fleetcost.pull.RawResponses;
import io.fleetcost.pull.Retrying;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the public list prices of GPUs and of the cores and memory of accelerator-optimized machine
 * series (A2, A3, G2, ...) from the Cloud Billing Catalog API: finds the Compute Engine service by
 * its display name (every page of ListServices), reads every page of its ListSkus, and keeps each
 * kept SKU's on-demand and Spot price in each of its regions.
 *
 * <p>Credentials come only from the client library's default chain (Application Default
 * Credentials); the catalog is public, so they need no role on a billing account, only a project
 * with the Cloud Billing API enabled. gax's own retries are off: {@link Retrying} retries, with the
 * job's settings, the same way for every cloud.
 */
public final class CloudCatalogPull {
  public static final String SOURCE = "gcp-billing-catalog";
  public static final String API = "Google Cloud Billing Catalog";
  public static final String COMPUTE_ENGINE = "Compute Engine";
  static final String LIST_SERVICES = "ListServices";
  static final String LIST_SKUS = "ListSkus";

  private static final Set<String> USAGE_TYPES = Set.of("OnDemand", "Preemptible", "Spot");

  /** The core and memory SKUs of the accelerator-optimized series, on-demand or Spot. */
  private static final Pattern ACCELERATOR_HOST =
      Pattern.compile(
          "^(?:Spot Preemptible )?(?:A2|A3|A4|G2|G4)(?: [A-Za-z]+)? Instance (?:Core|Ram) running in .+");

  /**
   * {@code Nvidia Tesla A100 80GB GPU running in Americas}, {@code Nvidia L4 GPU attached to Spot
   * Preemptible VMs ...}
   */
  private static final Pattern GPU_MODEL = Pattern.compile("\\bNvidia (?:Tesla )?(.+?) GPU\\b");

  /**
   * Where to pull from.
   *
   * @param endpoint {@code host:port} instead of Google's (a proxy, or a stub)
   */
  public record Settings(Optional<String> endpoint) {
    public static final Settings DEFAULT = new Settings(Optional.empty());
  }

  /** What a pull fetched, before it is landed. */
  public record Pulled(
      String serviceName,
      List<SkuPrice> prices,
      int skusRead,
      int pages,
      int requests,
      int retries) {
    public Pulled {
      prices = List.copyOf(prices);
    }
  }

  private final CloudCatalogClient client;
  private final RawResponses raw;

  /**
   * @param raw keeps every response of the pull, failed ones included, as JSON
   */
  public CloudCatalogPull(CloudCatalogClient client, RawResponses raw) {
    this.client = client;
    this.raw = raw;
  }

  /** A client on the default credentials chain, gax's retries off. */
  public static CloudCatalogClient client(Settings settings) {
    CloudCatalogSettings.Builder builder = CloudCatalogSettings.newBuilder();
    settings.endpoint().ifPresent(builder::setEndpoint);
    try {
      return CloudCatalogClient.create(withoutRetries(builder).build());
    } catch (IOException e) {
      throw FleetCostException.userError(
          "%s: cannot create the client (Application Default Credentials: %s); the Cloud Billing Catalog API needs only"
              + " credentials on a project with the Cloud Billing API enabled",
          API, e.getMessage());
    }
  }

  /**
   * One attempt per call: a retry by gax would hide the attempt from {@link Retrying} and its time
   * limit.
   */
  public static CloudCatalogSettings.Builder withoutRetries(CloudCatalogSettings.Builder builder) {
    var services = builder.listServicesSettings();
    services
        .setRetryableCodes(Set.of())
        .setRetrySettings(services.getRetrySettings().toBuilder().setMaxAttempts(1).build());
    var skus = builder.listSkusSettings();
    skus.setRetryableCodes(Set.of())
        .setRetrySettings(skus.getRetrySettings().toBuilder().setMaxAttempts(1).build());
    return builder;
  }

  /**
   * Every page of the service list, then every page of Compute Engine's SKUs; prices dated {@code
   * pulled}.
   */
  public Pulled fetch(LocalDate pulled, Retrying retrying) {
    int pages = 0;
    String computeEngine = null;
    String token = "";
    do {
      ListServicesRequest request = ListServicesRequest.newBuilder().setPageToken(token).build();
      ListServicesResponse response =
          call(retrying, LIST_SERVICES, () -> client.listServicesCallable().call(request));
      pages++;
      for (Service service : response.getServicesList()) {
        if (computeEngine == null && COMPUTE_ENGINE.equals(service.getDisplayName())) {
          computeEngine = service.getName();
        }
      }
      token = response.getNextPageToken();
    } while (!token.isEmpty() && computeEngine == null);
    if (computeEngine == null) {
      throw FleetCostException.userError("%s lists no service named \"%s\"", API, COMPUTE_ENGINE);
    }
    List<SkuPrice> prices = new ArrayList<>();
    int skusRead = 0;
    token = "";
    do {
      ListSkusRequest request =
          ListSkusRequest.newBuilder().setParent(computeEngine).setPageToken(token).build();
      ListSkusResponse response =
          call(retrying, LIST_SKUS, () -> client.listSkusCallable().call(request));
      pages++;
      for (Sku sku : response.getSkusList()) {
        skusRead++;
        prices.addAll(prices(sku, pulled));
      }
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    return new Pulled(computeEngine, prices, skusRead, pages, retrying.calls(), retrying.retries());
  }

  private <T extends MessageOrBuilder> T call(
      Retrying retrying, String operation, Supplier<T> request) {
    return retrying.call(
        operation,
        () -> {
          try {
            T response = request.get();
            raw.add(operation, 200, json(response));
            return response;
          } catch (ApiException e) {
            raw.add(operation, e.getStatusCode().getCode().getHttpStatusCode(), failureJson(e));
            throw e;
          }
        });
  }

  /**
   * Whether the catalog refresh needs the SKU: a GPU, or a core or memory of an
   * accelerator-optimized series.
   */
  static boolean kept(Sku sku) {
    if (!USAGE_TYPES.contains(sku.getCategory().getUsageType())) {
      return false; // commitments: not a list price
    }
    return "GPU".equals(sku.getCategory().getResourceGroup())
        || ACCELERATOR_HOST.matcher(sku.getDescription()).matches();
  }

  /**
   * The SKU's price in each of its regions; none when it is not kept or has no hourly rate from
   * zero usage.
   */
  static List<SkuPrice> prices(Sku sku, LocalDate pulled) {
    if (!kept(sku) || sku.getPricingInfoCount() == 0) {
      return List.of();
    }
    // without a time range the API returns the current price only, first
    PricingInfo pricing = sku.getPricingInfo(0);
    PricingExpression expression = pricing.getPricingExpression();
    String unit = expression.getUsageUnit();
    if (!unit.equals("h") && !unit.equals("GiBy.h")) {
      return List.of();
    }
    Optional<PricingExpression.TierRate> fromZero =
        expression.getTieredRatesList().stream()
            .filter(rate -> rate.getStartUsageAmount() == 0)
            .findFirst();
    if (fromZero.isEmpty()) {
      return List.of();
    }
    Money price = fromZero.get().getUnitPrice();
    BigDecimal unitPrice = money(price);
    String effective =
        pricing.hasEffectiveTime()
            ? Instant.ofEpochSecond(
                    pricing.getEffectiveTime().getSeconds(), pricing.getEffectiveTime().getNanos())
                .toString()
            : null;
    String gpuModel =
        "GPU".equals(sku.getCategory().getResourceGroup())
            ? gpuModel(sku.getDescription()).orElse(null)
            : null;
    List<SkuPrice> prices = new ArrayList<>();
    for (String region : sku.getServiceRegionsList()) {
      prices.add(
          new SkuPrice(
              sku.getSkuId(),
              sku.getDescription(),
              region,
              sku.getCategory().getUsageType(),
              sku.getCategory().getResourceGroup(),
              gpuModel,
              unit,
              unitPrice,
              price.getCurrencyCode(),
              effective,
              pulled));
    }
    return prices;
  }

  /** {@code units + nanos / 10^9}, exact; both carry the sign of the amount. */
  public static BigDecimal money(Money money) {
    BigDecimal value =
        BigDecimal.valueOf(money.getUnits()).add(BigDecimal.valueOf(money.getNanos(), 9));
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  static Optional<String> gpuModel(String description) {
    Matcher matcher = GPU_MODEL.matcher(description);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * RESOURCE_EXHAUSTED (quota) and UNAVAILABLE are retried, after the wait the service asks for
   * (RetryInfo) if any; DEADLINE_EXCEEDED too, as a page that took too long. Other statuses are
   * not.
   */
  public static ApiFailure classifyFailure(RuntimeException e) {
    if (e instanceof ApiException api) {
      StatusCode.Code code = api.getStatusCode().getCode();
      ErrorDetails details = api.getErrorDetails();
      Optional<String> requestId =
          Optional.ofNullable(details)
              .map(ErrorDetails::getRequestInfo)
              .map(info -> info.getRequestId())
              .filter(id -> !id.isEmpty());
      Optional<Duration> retryAfter =
          Optional.ofNullable(details)
              .map(ErrorDetails::getRetryInfo)
              .filter(info -> info.hasRetryDelay())
              .map(
                  info ->
                      Duration.ofSeconds(
                          info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos()));
      boolean retryable =
          code == StatusCode.Code.RESOURCE_EXHAUSTED
              || code == StatusCode.Code.UNAVAILABLE
              || code == StatusCode.Code.DEADLINE_EXCEEDED;
      String hint =
          code == StatusCode.Code.PERMISSION_DENIED || code == StatusCode.Code.UNAUTHENTICATED
              ? " (the Cloud Billing Catalog API needs only Application Default Credentials of a project with the Cloud Billing API"
                  + " enabled, no billing-account role)"
              : "";
      return new ApiFailure(
          retryable, "gRPC " + code, requestId, retryAfter, statusMessage(api) + hint);
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

  /**
   * The service's own description, without gax's "io.grpc.StatusRuntimeException: CODE: " prefix.
   */
  private static String statusMessage(ApiException e) {
    Throwable cause = e.getCause();
    if (cause instanceof io.grpc.StatusRuntimeException status
        && status.getStatus().getDescription() != null) {
      return status.getStatus().getDescription();
    }
    return String.valueOf(e.getMessage());
  }

  private static byte[] json(MessageOrBuilder message) {
    try {
      return JsonFormat.printer().print(message).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a response of " + API + " cannot be printed as JSON", e);
    }
  }

  private static int grpcCode(ApiException e) {
    return e.getStatusCode().getTransportCode() instanceof io.grpc.Status.Code code
        ? code.value()
        : io.grpc.Status.Code.UNKNOWN.value();
  }

  private static byte[] failureJson(ApiException e) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(grpcCode(e)).setMessage(statusMessage(e));
    return json(status);
  }
}
