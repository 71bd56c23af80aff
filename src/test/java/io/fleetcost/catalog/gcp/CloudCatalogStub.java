package io.fleetcost.catalog.gcp;

import com.google.cloud.billing.v1.Category;
import com.google.cloud.billing.v1.CloudCatalogGrpc;
import com.google.cloud.billing.v1.ListServicesRequest;
import com.google.cloud.billing.v1.ListServicesResponse;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Service;
import com.google.cloud.billing.v1.Sku;
import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.Code;
import com.google.rpc.RequestInfo;
import com.google.rpc.RetryInfo;
import com.google.type.Money;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The Cloud Catalog service as the Cloud Billing Catalog API serves it, in process: two pages of
 * services (Compute Engine on the second), three pages of Compute Engine SKUs shaped like real ones
 * (GPUs on-demand and Spot, A2 cores and memory, and SKUs the pull must skip), and failures queued
 * per method, answered before the next real page.
 */
final class CloudCatalogStub extends CloudCatalogGrpc.CloudCatalogImplBase {
  static final String COMPUTE_ENGINE = "services/6F81-5844-456A";
  static final Timestamp EFFECTIVE =
      Timestamp.newBuilder().setSeconds(1_796_169_600L).build(); // 2026-12-02T00:00:00Z

  /** A SKU of the stub, and whether the pull must keep it. */
  record StubSku(Sku sku, boolean kept) {}

  final List<ListServicesResponse> servicePages = new ArrayList<>();
  final List<ListSkusResponse> skuPages = new ArrayList<>();
  final List<StubSku> skus = new ArrayList<>();
  final Deque<com.google.rpc.Status> servicesFailures = new ArrayDeque<>();
  final Deque<com.google.rpc.Status> skusFailures = new ArrayDeque<>();
  final List<String> requests = new ArrayList<>();

  CloudCatalogStub() {
    servicePages.add(
        ListServicesResponse.newBuilder()
            .addServices(service("services/24E6-581D-38E5", "95FF-2EF5-5EA1", "BigQuery"))
            .addServices(service("services/95FF-2EF5-5EA1", "95FF-2EF5-5EA1", "Cloud Storage"))
            .setNextPageToken("services-page-2")
            .build());
    servicePages.add(
        ListServicesResponse.newBuilder()
            .addServices(service("services/9662-B51E-5089", "9662-B51E-5089", "Cloud SQL"))
            .addServices(service(COMPUTE_ENGINE, "6F81-5844-456A", "Compute Engine"))
            .build());

    List<String> americas = List.of("us-central1", "us-east1", "us-west1");
    List<List<StubSku>> pages =
        List.of(
            List.of(
                // a GPU SKU with a qualifier of its own (a stand-in for the reservation-mode
                // variants), listed before the
                // plain one at a lower price: pulled, but never taken as the machine types' GPU
                sku(
                    "7B1C-0D2E-9A31",
                    "Nvidia Tesla A100 GPU running in Americas (DWS Defined Duration)",
                    "GPU",
                    "OnDemand",
                    americas,
                    "h",
                    1,
                    500_000_000,
                    true),
                sku(
                    "039F-D0DA-4055",
                    "Nvidia Tesla A100 GPU running in Americas",
                    "GPU",
                    "OnDemand",
                    americas,
                    "h",
                    2,
                    933_908_000,
                    true),
                sku(
                    "0A3E-5E9C-5B0A",
                    "N1 Predefined Instance Core running in Americas",
                    "N1Standard",
                    "OnDemand",
                    americas,
                    "h",
                    0,
                    31_611_000,
                    false),
                sku(
                    "1E2A-6F70-1B7A",
                    "Commitment v1: A2 Cpu in Americas for 1 Year",
                    "CPU",
                    "Commit1Yr",
                    americas,
                    "h",
                    0,
                    19_915_000,
                    false),
                sku(
                    "0F18-A2C1-1E2B",
                    "A2 Instance Core running in Americas",
                    "CPU",
                    "OnDemand",
                    americas,
                    "h",
                    0,
                    31_611_000,
                    true)),
            List.of(
                sku(
                    "39D4-516A-0317",
                    "Nvidia Tesla A100 GPU attached to Spot Preemptible VMs running in Americas",
                    "GPU",
                    "Preemptible",
                    americas,
                    "h",
                    1,
                    173_600_000,
                    true),
                sku(
                    "8C1A-60A5-E0F2",
                    "A2 Instance Ram running in Americas",
                    "RAM",
                    "OnDemand",
                    americas,
                    "GiBy.h",
                    0,
                    4_237_000,
                    true),
                sku(
                    "3178-715E-CFB6",
                    "Spot Preemptible A2 Instance Core running in Americas",
                    "CPU",
                    "Preemptible",
                    americas,
                    "h",
                    0,
                    12_644_000,
                    true),
                sku(
                    "CF4E-A0C7-E3BF",
                    "E2 Instance Core running in Americas",
                    "CPU",
                    "OnDemand",
                    americas,
                    "h",
                    0,
                    21_811_590,
                    false),
                sku(
                    "D973-5D65-BAB2",
                    "Storage PD Capacity",
                    "PDStandard",
                    "OnDemand",
                    americas,
                    "GiBy.mo",
                    0,
                    40_000_000,
                    false)),
            List.of(
                sku(
                    "65A3-16DB-D57A",
                    "Spot Preemptible A2 Instance Ram running in Americas",
                    "RAM",
                    "Preemptible",
                    americas,
                    "GiBy.h",
                    0,
                    1_695_000,
                    true),
                sku(
                    "A4B4-BF3B-0D37",
                    "Nvidia L4 GPU running in Belgium",
                    "GPU",
                    "OnDemand",
                    List.of("europe-west1"),
                    "h",
                    0,
                    644_046_000,
                    true),
                sku(
                    "D8B1-5B1F-97A6",
                    "Nvidia Tesla T4 GPU running in Americas",
                    "GPU",
                    "OnDemand",
                    List.of("us-central1"),
                    "h",
                    0,
                    350_000_000,
                    true),
                tiered(
                    sku(
                        "F7C1-07E2-D2F6",
                        "Nvidia H100 80GB GPU running in Americas",
                        "GPU",
                        "OnDemand",
                        List.of("us-central1"),
                        "h",
                        9,
                        796_550_000,
                        true)),
                sku(
                    "2E27-4F75-95CD",
                    "Licensing Fee for Windows Server 2022 Datacenter Edition (CPU cost)",
                    "SQLServer",
                    "OnDemand",
                    americas,
                    "h",
                    0,
                    46_000_000,
                    false)));
    for (int p = 0; p < pages.size(); p++) {
      ListSkusResponse.Builder page = ListSkusResponse.newBuilder();
      pages.get(p).forEach(s -> page.addSkus(s.sku()));
      skus.addAll(pages.get(p));
      if (p + 1 < pages.size()) {
        page.setNextPageToken("skus-page-" + (p + 2));
      }
      skuPages.add(page.build());
    }
  }

  @Override
  public synchronized void listServices(
      ListServicesRequest request, StreamObserver<ListServicesResponse> response) {
    requests.add("ListServices " + request.getPageToken());
    if (!servicesFailures.isEmpty()) {
      response.onError(StatusProto.toStatusRuntimeException(servicesFailures.poll()));
      return;
    }
    response.onNext(servicePages.get(page(request.getPageToken(), "services-page-")));
    response.onCompleted();
  }

  @Override
  public synchronized void listSkus(
      ListSkusRequest request, StreamObserver<ListSkusResponse> response) {
    requests.add("ListSkus " + request.getParent() + " " + request.getPageToken());
    if (!skusFailures.isEmpty()) {
      response.onError(StatusProto.toStatusRuntimeException(skusFailures.poll()));
      return;
    }
    if (!request.getParent().equals(COMPUTE_ENGINE)) {
      response.onError(
          io.grpc.Status.NOT_FOUND
              .withDescription("no SKUs for " + request.getParent())
              .asRuntimeException());
      return;
    }
    response.onNext(skuPages.get(page(request.getPageToken(), "skus-page-")));
    response.onCompleted();
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private static int page(String token, String prefix) {
    return token.isEmpty() ? 0 : Integer.parseInt(token.substring(prefix.length())) - 1;
  }

  static com.google.rpc.Status failure(
      Code code, String message, String requestId, Long retryDelaySeconds) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
    if (requestId != null) {
      status.addDetails(Any.pack(RequestInfo.newBuilder().setRequestId(requestId).build()));
    }
    if (retryDelaySeconds != null) {
      status.addDetails(
          Any.pack(
              RetryInfo.newBuilder()
                  .setRetryDelay(
                      com.google.protobuf.Duration.newBuilder().setSeconds(retryDelaySeconds))
                  .build()));
    }
    return status.build();
  }

  private static Service service(String name, String id, String displayName) {
    return Service.newBuilder()
        .setName(name)
        .setServiceId(id)
        .setDisplayName(displayName)
        .setBusinessEntityName("businessEntities/GCP")
        .build();
  }

  private static StubSku sku(
      String id,
      String description,
      String group,
      String usageType,
      List<String> regions,
      String unit,
      long units,
      int nanos,
      boolean kept) {
    String family =
        group.equals("GPU") || group.equals("CPU") || group.equals("RAM") || group.startsWith("N1")
            ? "Compute"
            : group.startsWith("PD") ? "Storage" : "License";
    Sku sku =
        Sku.newBuilder()
            .setName(COMPUTE_ENGINE + "/skus/" + id)
            .setSkuId(id)
            .setDescription(description)
            .setCategory(
                Category.newBuilder()
                    .setServiceDisplayName("Compute Engine")
                    .setResourceFamily(family)
                    .setResourceGroup(group)
                    .setUsageType(usageType))
            .addAllServiceRegions(regions)
            .addPricingInfo(
                PricingInfo.newBuilder()
                    .setEffectiveTime(EFFECTIVE)
                    .setPricingExpression(
                        PricingExpression.newBuilder()
                            .setUsageUnit(unit)
                            .setUsageUnitDescription(
                                unit.equals("h")
                                    ? "hour"
                                    : unit.equals("GiBy.h") ? "gibibyte hour" : "gibibyte month")
                            .setBaseUnit(unit.equals("h") ? "s" : "By.s")
                            .setDisplayQuantity(1)
                            .addTieredRates(
                                PricingExpression.TierRate.newBuilder()
                                    .setStartUsageAmount(0)
                                    .setUnitPrice(
                                        Money.newBuilder()
                                            .setCurrencyCode("USD")
                                            .setUnits(units)
                                            .setNanos(nanos)))))
            .setServiceProviderName("Google")
            .build();
    return new StubSku(sku, kept);
  }

  /**
   * A second tier from 100 hours at a lower price: the pull must take the tier that starts at zero.
   */
  private static StubSku tiered(StubSku stub) {
    Sku.Builder sku = stub.sku().toBuilder();
    PricingExpression.Builder expression =
        sku.getPricingInfoBuilder(0).getPricingExpressionBuilder();
    expression.addTieredRates(
        0,
        PricingExpression.TierRate.newBuilder()
            .setStartUsageAmount(100)
            .setUnitPrice(Money.newBuilder().setCurrencyCode("USD").setUnits(1).setNanos(0)));
    return new StubSku(sku.build(), stub.kept());
  }
}
