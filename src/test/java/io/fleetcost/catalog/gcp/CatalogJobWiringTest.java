package io.fleetcost.catalog.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import com.google.rpc.Code;
import io.fleetcost.config.CatalogConfig;
import io.fleetcost.config.JobConfig;
import io.fleetcost.config.JobConfigLoader;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pipeline.JobRun;
import io.fleetcost.pipeline.PullJob;
import io.fleetcost.pull.Landing;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job file's {@code catalog} key, the catalog's pull in {@code fleetcost pull}, and the run's
 * catalog.
 */
class CatalogJobWiringTest {
  private static final LocalDate DATE = LocalDate.parse("2026-12-03");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC);

  @TempDir Path folder;
  private final CloudCatalogStub stub = new CloudCatalogStub();
  private final List<Duration> waits = new ArrayList<>();
  private final List<CatalogConfig> clientsAskedFor = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private Server server;
  private String name;

  @BeforeEach
  void start() throws IOException {
    name = "cloud-catalog-" + UUID.randomUUID();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(stub).build().start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channels.forEach(ManagedChannel::shutdownNow);
    server.shutdownNow().awaitTermination();
  }

  private CloudCatalogClient client(CatalogConfig config) {
    clientsAskedFor.add(config);
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    channels.add(channel);
    try {
      return CloudCatalogClient.create(
          CloudCatalogPull.withoutRetries(
                  CloudCatalogSettings.newBuilder()
                      .setTransportChannelProvider(
                          FixedTransportChannelProvider.create(
                              GrpcTransportChannel.create(channel)))
                      .setCredentialsProvider(NoCredentialsProvider.create()))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JobConfig load(String yaml) throws IOException {
    Path file = folder.resolve("job.yaml");
    Files.writeString(file, yaml);
    return new JobConfigLoader().load(file);
  }

  private PullJob pullJob() {
    return new PullJob(
        CLOCK,
        waits::add,
        (input, raw) -> {
          throw new AssertionError("no billing API input");
        },
        this::client);
  }

  @Test
  void theCatalogKeyIsASourceOrASection() throws IOException {
    assertThat(load("billing:\n  - path: a.csv\n").catalog()).isEqualTo(CatalogConfig.DEFAULT);
    assertThat(load("billing:\n  - path: a.csv\ncatalog: gcp-billing-catalog\n").catalog().pulled())
        .isTrue();
    CatalogConfig section =
        load("billing:\n  - path: a.csv\ncatalog:\n  source: gcp-billing-catalog\n  endpoint: billing-proxy.internal:443\n  retry:\n    attempts: 2\n")
            .catalog();
    assertThat(section.pulled()).isTrue();
    assertThat(section.endpoint()).isEqualTo("billing-proxy.internal:443");
    assertThat(section.retry().attempts()).isEqualTo(2);
    assertThat(load("billing:\n  - path: a.csv\ncatalog: bundled\n").catalog().pulled()).isFalse();
    assertThatThrownBy(() -> load("billing:\n  - path: a.csv\ncatalog: aws-pricing\n"))
        .isInstanceOf(FleetCostException.class)
        .hasMessageContaining(
            "catalog.source must be bundled or gcp-billing-catalog (got 'aws-pricing')");
  }

  @Test
  void fleetcostPullLandsTheCatalogOnceADateAndARunPricesWithIt() throws IOException {
    JobConfig config =
        load(
            "output: out\nbilling:\n  - path: a.csv\ncatalog:\n  source: gcp-billing-catalog\n  retry:\n    attempts: 3\n");
    assertThat(PullJob.hasPulls(config)).isTrue();
    assertThat(PullJob.hasApiInputs(config)).isFalse();
    Path output = Path.of(config.output());
    Landing landing = new Landing(output);
    JobRun.Request request =
        JobRun.Request.builder()
            .jobFile(folder.resolve("job.yaml"))
            .config(config)
            .runDate(DATE)
            .outputDir(output.toString())
            .progressInterval(Duration.ofSeconds(10))
            .build();
    assertThat(JobRun.catalog(request).price("a2-highgpu-1g", "us-central1").orElseThrow().source())
        .as("nothing pulled yet")
        .doesNotContain("gcp-billing-catalog");
    stub.skusFailures.add(CloudCatalogStub.failure(Code.UNAVAILABLE, "unavailable", null, null));

    List<PullJob.Outcome> outcomes = pullJob().pull(config, landing, DATE, false, line -> {});

    assertThat(outcomes).hasSize(1);
    PullJob.Outcome outcome = outcomes.get(0);
    assertThat(outcome.status()).isEqualTo(PullJob.Status.PULLED);
    assertThat(outcome.input()).isEqualTo("catalog-gcp");
    assertThat(outcome.rows()).isEqualTo(24);
    assertThat(outcome.retries()).isEqualTo(1);
    assertThat(waits).hasSize(1);
    assertThat(outcome.folder())
        .isEqualTo(output.resolve("landing/catalog-gcp/2026-12-03"))
        .isDirectory();
    assertThat(clientsAskedFor).extracting(c -> c.retry().attempts()).containsExactly(3);
    assertThat(JobRun.catalog(request).price("a2-highgpu-1g", "us-central1").orElseThrow().source())
        .isEqualTo("gcp-billing-catalog");

    int requests = stub.requests().size();
    assertThat(pullJob().pull(config, landing, DATE, false, line -> {}))
        .extracting(PullJob.Outcome::status)
        .containsExactly(PullJob.Status.LANDED_ALREADY);
    assertThat(stub.requests()).hasSize(requests);

    stub.servicesFailures.add(
        CloudCatalogStub.failure(
            Code.PERMISSION_DENIED,
            "Cloud Billing API has not been used in project 1",
            "req-9",
            null));
    PullJob.Outcome refused = pullJob().pull(config, landing, DATE, true, line -> {}).get(0);
    assertThat(refused.status()).isEqualTo(PullJob.Status.FAILED);
    assertThat(refused.message())
        .startsWith(
            "Google Cloud Billing Catalog ListServices failed: gRPC PERMISSION_DENIED (request id req-9)");
    assertThat(JobRun.catalog(request).price("a2-highgpu-1g", "us-central1").orElseThrow().source())
        .as("the earlier pull stays")
        .isEqualTo("gcp-billing-catalog");
  }
}
