package io.fleetcost.catalog.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.Sku;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import io.fleetcost.catalog.Catalog;
import io.fleetcost.catalog.GpuInstanceCatalog;
import io.fleetcost.catalog.InstancePrice;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.Backoff;
import io.fleetcost.pull.Landing;
import io.fleetcost.pull.RawResponses;
import io.fleetcost.pull.RetrySettings;
import io.fleetcost.pull.Retrying;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloud Billing Catalog connector against an in-process gRPC server: pages, retries, refusals,
 * landing.
 */
class CloudCatalogPullTest {
  private static final LocalDate PULLED = LocalDate.parse("2026-12-03");
  private static final RetrySettings FAST =
      new RetrySettings(5, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(1));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC);

  @TempDir Path output;
  private final CloudCatalogStub stub = new CloudCatalogStub();
  private final List<Duration> waits = new ArrayList<>();
  private Server server;
  private ManagedChannel channel;
  private CloudCatalogClient client;

  @BeforeEach
  void start() throws IOException {
    String name = "cloud-catalog-" + UUID.randomUUID();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(stub).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    CloudCatalogSettings.Builder settings =
        CloudCatalogSettings.newBuilder()
            .setTransportChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create());
    client = CloudCatalogClient.create(CloudCatalogPull.withoutRetries(settings).build());
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.close();
    channel.shutdownNow();
    server.shutdownNow().awaitTermination();
  }

  private Retrying retrying() {
    return new Retrying(
        CloudCatalogPull.API,
        FAST,
        new Backoff(FAST, () -> 0.5),
        waits::add,
        CLOCK,
        CloudCatalogPull::classifyFailure);
  }

  private CloudCatalogPull.Pulled fetch(RawResponses raw) {
    return new CloudCatalogPull(client, raw).fetch(PULLED, retrying());
  }

  private Path land(String input) {
    return CatalogPullLanding.pullAndLand(
        new Landing(output),
        input,
        PULLED,
        CLOCK,
        (raw, date) -> new CloudCatalogPull(client, raw).fetch(date, retrying()));
  }

  /**
   * The stub's kept prices, computed here from units and nanos as text: sku, region, usage type ->
   * price.
   */
  private Map<String, BigDecimal> expectedPrices() {
    Map<String, BigDecimal> expected = new TreeMap<>();
    for (CloudCatalogStub.StubSku stubSku : stub.skus) {
      if (!stubSku.kept()) {
        continue;
      }
      Sku sku = stubSku.sku();
      PricingExpression.TierRate fromZero =
          sku.getPricingInfo(0).getPricingExpression().getTieredRatesList().stream()
              .filter(r -> r.getStartUsageAmount() == 0)
              .findFirst()
              .orElseThrow();
      BigDecimal price =
          new BigDecimal(
              fromZero.getUnitPrice().getUnits()
                  + "."
                  + String.format("%09d", fromZero.getUnitPrice().getNanos()));
      for (String region : sku.getServiceRegionsList()) {
        expected.put(sku.getSkuId() + " " + region + " " + sku.getCategory().getUsageType(), price);
      }
    }
    return expected;
  }

  private static Map<String, BigDecimal> pulledPrices(List<SkuPrice> prices) {
    Map<String, BigDecimal> pulled = new TreeMap<>();
    for (SkuPrice price : prices) {
      assertThat(
              pulled.put(
                  price.skuId() + " " + price.region() + " " + price.usageType(),
                  price.unitPrice()))
          .as("one row per SKU and region")
          .isNull();
    }
    return pulled;
  }

  @Test
  void readsEveryPageFindsComputeEngineByNameAndKeepsTheGpuAndAcceleratorPricesOfTheStub() {
    RawResponses raw = new RawResponses();
    CloudCatalogPull.Pulled pulled = fetch(raw);

    assertThat(stub.requests())
        .containsExactly(
            "ListServices ",
            "ListServices services-page-2",
            "ListSkus services/6F81-5844-456A ",
            "ListSkus services/6F81-5844-456A skus-page-2",
            "ListSkus services/6F81-5844-456A skus-page-3");
    assertThat(pulled.serviceName()).isEqualTo(CloudCatalogStub.COMPUTE_ENGINE);
    assertThat(pulled.pages()).isEqualTo(5);
    assertThat(pulled.requests()).isEqualTo(5);
    assertThat(pulled.retries()).isZero();
    assertThat(pulled.skusRead()).isEqualTo(15);
    // 7 kept SKUs in 3 regions, 3 in one; the N1, E2, commitment, disk and licence SKUs are skipped
    assertThat(pulled.prices()).hasSize(7 * 3 + 3);
    Map<String, BigDecimal> actual = pulledPrices(pulled.prices());
    Map<String, BigDecimal> expected = expectedPrices();
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (key, price) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(price));
    assertThat(actual.get("F7C1-07E2-D2F6 us-central1 OnDemand"))
        .as("the tier from zero, not the first listed")
        .isEqualByComparingTo("9.79655");

    SkuPrice spotA100 =
        pulled.prices().stream()
            .filter(p -> p.skuId().equals("39D4-516A-0317") && p.region().equals("us-east1"))
            .findFirst()
            .orElseThrow();
    assertThat(spotA100.row())
        .containsExactly(
            "39D4-516A-0317",
            "Nvidia Tesla A100 GPU attached to Spot Preemptible VMs running in Americas",
            "us-east1",
            "Preemptible",
            "GPU",
            "A100",
            "h",
            "1.1736",
            "USD",
            "2026-12-02T00:00:00Z",
            "2026-12-03");
    assertThat(pulled.prices())
        .filteredOn(p -> p.resourceGroup().equals("GPU"))
        .extracting(SkuPrice::gpuModel)
        .containsOnly("A100", "L4", "T4", "H100 80GB");
    assertThat(pulled.prices())
        .filteredOn(p -> p.resourceGroup().equals("RAM"))
        .extracting(SkuPrice::usageUnit)
        .containsOnly("GiBy.h");
    // the raw responses are the protos as JSON, in order
    assertThat(raw.responses())
        .extracting(RawResponses.Response::operation)
        .containsExactly("ListServices", "ListServices", "ListSkus", "ListSkus", "ListSkus");
    assertThat(raw.responses()).extracting(RawResponses.Response::status).containsOnly(200);
    assertThat(waits).isEmpty();
  }

  @Test
  void unavailableIsRetriedAfterTheBackoffAndThePullCompletes() {
    stub.skusFailures.add(
        CloudCatalogStub.failure(
            Code.UNAVAILABLE, "The service is currently unavailable.", null, null));
    RawResponses raw = new RawResponses();

    CloudCatalogPull.Pulled pulled = fetch(raw);

    assertThat(stub.requests())
        .filteredOn(r -> r.startsWith("ListSkus"))
        .containsExactly(
            "ListSkus services/6F81-5844-456A ",
            "ListSkus services/6F81-5844-456A ",
            "ListSkus services/6F81-5844-456A skus-page-2",
            "ListSkus services/6F81-5844-456A skus-page-3");
    assertThat(pulled.requests()).isEqualTo(6);
    assertThat(pulled.retries()).isEqualTo(1);
    // full jitter draws 0.5 of the first ceiling (10 ms): floor(0.5 × 11) ms
    assertThat(waits).containsExactly(Duration.ofMillis(5));
    assertThat(raw.responses())
        .extracting(RawResponses.Response::status)
        .containsExactly(200, 200, 503, 200, 200, 200);
    assertThat(new String(raw.responses().get(2).body(), StandardCharsets.UTF_8))
        .contains("\"code\": 14")
        .contains("currently unavailable");
    assertThat(pulledPrices(pulled.prices()).keySet()).isEqualTo(expectedPrices().keySet());
  }

  @Test
  void resourceExhaustedIsRetriedAfterTheDelayTheServiceAskedFor() {
    stub.servicesFailures.add(
        CloudCatalogStub.failure(
            Code.RESOURCE_EXHAUSTED,
            "Quota exceeded for quota metric 'Read requests' of service 'cloudbilling.googleapis.com'",
            "req-quota-1",
            3L));

    CloudCatalogPull.Pulled pulled = fetch(new RawResponses());

    assertThat(stub.requests())
        .filteredOn(r -> r.startsWith("ListServices"))
        .containsExactly("ListServices ", "ListServices ", "ListServices services-page-2");
    assertThat(pulled.retries()).isEqualTo(1);
    // longer than the jittered 5 ms: the RetryInfo delay
    assertThat(waits).containsExactly(Duration.ofSeconds(3));
    assertThat(pulled.prices()).hasSize(24);
  }

  @Test
  void retryableFailuresUntilTheAttemptsRunOutFailWithTheStatus() {
    for (int i = 0; i < 5; i++) {
      stub.skusFailures.add(
          CloudCatalogStub.failure(Code.UNAVAILABLE, "Connection reset", null, null));
    }
    assertThatThrownBy(() -> fetch(new RawResponses()))
        .isInstanceOf(FleetCostException.class)
        .hasMessage(
            "Google Cloud Billing Catalog ListSkus failed after 5 attempts: gRPC UNAVAILABLE: Connection reset");
    assertThat(stub.requests()).filteredOn(r -> r.startsWith("ListSkus")).hasSize(5);
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(20));
  }

  @Test
  void permissionDeniedFailsAtOnceWithAClearMessageAndLeavesTheLandingFolderAsItWas()
      throws IOException {
    Path previous = land("gcp-prices");
    Map<String, String> before = snapshot(output);
    assertThat(before).containsKey("landing/gcp-prices/2026-12-03/prices/part-0.parquet");
    int requestsBefore = stub.requests().size();
    stub.servicesFailures.add(
        CloudCatalogStub.failure(
            Code.PERMISSION_DENIED,
            "Cloud Billing API has not been used in project 123456789 before or it is disabled.",
            "req-denied-7",
            null));

    assertThatThrownBy(() -> land("gcp-prices"))
        .isInstanceOf(FleetCostException.class)
        .hasMessage(
            "Google Cloud Billing Catalog ListServices failed: gRPC PERMISSION_DENIED (request id req-denied-7): Cloud Billing API has not"
                + " been used in project 123456789 before or it is disabled. (the Cloud Billing Catalog API needs only Application Default"
                + " Credentials of a project with the Cloud Billing API enabled, no billing-account role)");
    assertThat(stub.requests()).hasSize(requestsBefore + 1);
    assertThat(waits).isEmpty();
    assertThat(snapshot(output)).isEqualTo(before);
    assertThat(previous).isDirectory();

    stub.servicesFailures.add(
        CloudCatalogStub.failure(
            Code.UNAUTHENTICATED, "Request had invalid authentication credentials.", null, null));
    assertThatThrownBy(() -> land("gcp-prices"))
        .hasMessageStartingWith(
            "Google Cloud Billing Catalog ListServices failed: gRPC UNAUTHENTICATED: Request had invalid authentication credentials.")
        .hasMessageContaining("Cloud Billing Catalog API needs only");
    assertThat(snapshot(output)).isEqualTo(before);
  }

  @Test
  void aFailureInTheMiddleOfTheSkusLandsNothing() throws IOException {
    Map<String, String> before = snapshot(output);
    assertThat(before).containsOnlyKeys("/");
    stub.skusFailures.add(
        CloudCatalogStub.failure(Code.INVALID_ARGUMENT, "Invalid page token", "req-bad-2", null));
    assertThatThrownBy(() -> land("gcp-prices"))
        .hasMessage(
            "Google Cloud Billing Catalog ListSkus failed: gRPC INVALID_ARGUMENT (request id req-bad-2): Invalid page token");
    assertThat(snapshot(output)).as("not even an empty landing folder").isEqualTo(before);
    assertThat(stub.requests()).filteredOn(r -> r.startsWith("ListSkus")).hasSize(1);
  }

  @Test
  void landsACompletePullWithTheRawResponsesAndReadsItBack() throws IOException {
    Path folder = land("gcp-prices");

    assertThat(folder).isEqualTo(output.resolve("landing/gcp-prices/2026-12-03"));
    try (Stream<Path> siblings = Files.list(folder.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no staging folder left")
          .containsExactly("2026-12-03");
    }
    List<SkuPrice> landed = CatalogPullLanding.read(folder);
    Map<String, BigDecimal> expected = expectedPrices();
    Map<String, BigDecimal> actual = pulledPrices(landed);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (key, price) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(price));
    assertThat(landed).allSatisfy(p -> assertThat(p.pulled()).isEqualTo(PULLED));

    Path rawFolder = folder.resolve(Landing.RAW);
    try (Stream<Path> files = Files.list(rawFolder)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "0001-ListServices-200.json.gz",
              "0002-ListServices-200.json.gz",
              "0003-ListSkus-200.json.gz",
              "0004-ListSkus-200.json.gz",
              "0005-ListSkus-200.json.gz");
    }
    ListSkusResponse.Builder lastPage = ListSkusResponse.newBuilder();
    JsonFormat.parser().merge(gunzip(rawFolder.resolve("0005-ListSkus-200.json.gz")), lastPage);
    assertThat(lastPage.build()).isEqualTo(stub.skuPages.get(2));

    String pullJson = Files.readString(folder.resolve(Landing.PULL_JSON));
    assertThat(pullJson)
        .contains("\"source\" : \"gcp-billing-catalog\"")
        .contains("\"rows\" : 24")
        .contains("\"pages\" : 5")
        .contains("\"pulled_at\" : \"2026-12-03T06:00:00Z\"");
  }

  @Test
  void theCatalogIsRefreshedFromAPullAndTheBundledPricesStayTheDefault() {
    List<SkuPrice> pulled = fetch(new RawResponses()).prices();

    List<InstancePrice> rows =
        GcpInstancePrices.fromPull(pulled, GpuInstanceCatalog.bundled(), PULLED);

    // A2 high-GPU and mega-GPU in the three regions; A2 ultra (80 GB, bundled SSD) and G2 (no G2
    // core SKUs here) are not priced
    assertThat(rows)
        .extracting(InstancePrice::instanceType)
        .containsOnly(
            "a2-highgpu-1g", "a2-highgpu-2g", "a2-highgpu-4g", "a2-highgpu-8g", "a2-megagpu-16g");
    assertThat(rows).hasSize(5 * 3);
    InstancePrice oneGpu =
        rows.stream()
            .filter(
                r -> r.instanceType().equals("a2-highgpu-1g") && r.region().equals("us-central1"))
            .findFirst()
            .orElseThrow();
    // 1 A100 + 12 vCPUs + 85 GiB (gpu-instance-types.csv), from the stub's prices
    BigDecimal gpu = new BigDecimal("2.933908");
    BigDecimal core = new BigDecimal("0.031611");
    BigDecimal ram = new BigDecimal("0.004237");
    assertThat(oneGpu.onDemandHourly())
        .isEqualByComparingTo(
            gpu.add(core.multiply(BigDecimal.valueOf(12)))
                .add(ram.multiply(BigDecimal.valueOf(85))));
    assertThat(oneGpu.onDemandHourly()).isEqualByComparingTo("3.673385");
    assertThat(oneGpu.spotHourly())
        .isEqualByComparingTo(
            new BigDecimal("1.1736")
                .add(new BigDecimal("0.012644").multiply(BigDecimal.valueOf(12)))
                .add(new BigDecimal("0.001695").multiply(BigDecimal.valueOf(85))));
    assertThat(oneGpu.currency()).isEqualTo("USD");
    assertThat(oneGpu.source()).isEqualTo("gcp-billing-catalog");
    assertThat(oneGpu.asOf()).isEqualTo("2026-12-03");
    assertThat(oneGpu.provider()).isEqualTo("GCP");
    assertThat(oneGpu.interruptionBucket()).isEqualTo("unknown");
    InstancePrice sixteen =
        rows.stream()
            .filter(r -> r.instanceType().equals("a2-megagpu-16g") && r.region().equals("us-west1"))
            .findFirst()
            .orElseThrow();
    assertThat(sixteen.onDemandHourly())
        .isEqualByComparingTo(
            gpu.multiply(BigDecimal.valueOf(16))
                .add(core.multiply(BigDecimal.valueOf(96)))
                .add(ram.multiply(BigDecimal.valueOf(1360))));

    Catalog bundled = Catalog.bundled();
    Catalog refreshed = bundled.withPrices(rows);
    assertThat(refreshed.price("a2-highgpu-1g", "us-central1").orElseThrow().source())
        .isEqualTo("gcp-billing-catalog");
    assertThat(refreshed.price("a2-highgpu-1g", "us-east1").orElseThrow().onDemandHourly())
        .isEqualByComparingTo("3.673385");
    assertThat(refreshed.price("a2-ultragpu-1g", "us-central1").orElseThrow().source())
        .as("not pulled: the bundled row")
        .doesNotContain("gcp-billing-catalog");
    assertThat(refreshed.prices())
        .hasSize(
            bundled.prices().size()
                + 5 * 3
                - 5); // 5 of the 15 replace the bundled us-central1 rows
    InstancePrice bundledRow = bundled.price("a2-highgpu-1g", "us-central1").orElseThrow();
    assertThat(bundledRow.onDemandHourly()).isEqualByComparingTo("3.673");
    assertThat(bundledRow.source()).doesNotContain("gcp-billing-catalog");
  }

  @Test
  void theRunsCatalogTakesTheNewestPullOnOrBeforeItsDateElseTheBundledPrices() {
    Landing landing = new Landing(output);
    Catalog bundled = Catalog.bundled();
    assertThat(CatalogPullLanding.refreshed(bundled, landing, "gcp-prices", PULLED))
        .as("nothing pulled")
        .isSameAs(bundled);

    land("gcp-prices");

    assertThat(CatalogPullLanding.newestPull(landing, "gcp-prices", PULLED)).contains(PULLED);
    assertThat(CatalogPullLanding.refreshed(bundled, landing, "gcp-prices", PULLED.minusDays(1)))
        .as("pulled after the run date")
        .isSameAs(bundled);
    Catalog refreshed =
        CatalogPullLanding.refreshed(bundled, landing, "gcp-prices", PULLED.plusDays(30));
    InstancePrice price = refreshed.price("a2-highgpu-8g", "us-east1").orElseThrow();
    assertThat(price.source()).isEqualTo("gcp-billing-catalog");
    assertThat(price.asOf()).isEqualTo("2026-12-03");
    // 8 A100 + 96 vCPUs + 680 GiB
    assertThat(price.onDemandHourly())
        .isEqualByComparingTo(
            new BigDecimal("2.933908")
                .multiply(BigDecimal.valueOf(8))
                .add(new BigDecimal("0.031611").multiply(BigDecimal.valueOf(96)))
                .add(new BigDecimal("0.004237").multiply(BigDecimal.valueOf(680))));
    assertThat(refreshed.price("g4dn.xlarge", "us-east-1"))
        .isEqualTo(bundled.price("g4dn.xlarge", "us-east-1"));
  }

  @Test
  void gaxMakesOneAttemptPerCall() {
    CloudCatalogSettings.Builder settings =
        CloudCatalogPull.withoutRetries(CloudCatalogSettings.newBuilder());
    assertThat(settings.listServicesSettings().getRetrySettings().getMaxAttempts()).isEqualTo(1);
    assertThat(settings.listSkusSettings().getRetrySettings().getMaxAttempts()).isEqualTo(1);
    assertThat(settings.listServicesSettings().getRetryableCodes()).isEmpty();
    assertThat(settings.listSkusSettings().getRetryableCodes()).isEmpty();
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every file and folder under {@code root}, with a digest of each file's bytes. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        String name = root.relativize(path).toString().replace('\\', '/');
        if (Files.isDirectory(path)) {
          tree.put(name + "/", "dir");
        } else {
          try {
            tree.put(
                name,
                HexFormat.of()
                    .formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return tree;
  }
}
