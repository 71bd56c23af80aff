package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import io.fleetcost.cli.Cli;
import io.fleetcost.model.CostColumns;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetcost run} reads a billing export through {@code s3a://} from an S3-compatible server
 * (S3Proxy, in memory, on 127.0.0.1) and commits its outputs back to it; the figures equal those of
 * the same job on local files. The job file holds no credential: S3A takes the stub's keys from the
 * AWS SDK's default chain (here its system properties), as FleetCost configures it; the endpoint,
 * path-style access and region are the bucket's own settings in the Hadoop configuration, so
 * nothing asks a real AWS endpoint or an instance metadata service.
 */
class ObjectStoreRunTest {
  private static final String BUCKET = "fleetcost-roundtrip";
  private static final String ACCESS_KEY = "AKIDS3ROUNDTRIPSTUB";
  private static final String SECRET_KEY = "s3-stub-secret-never-printed";
  private static final String SAMPLE = "EA_ActualCost_Small.csv";
  private static final String RUN_DATE = "2023-09-22";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static BlobStoreContext blobs;
  static S3Proxy proxy;
  static List<String> bucketKeys;

  @BeforeAll
  static void start() throws Exception {
    blobs =
        ContextBuilder.newBuilder(new TransientApiMetadata())
            .credentials("unused", "unused")
            .build(BlobStoreContext.class);
    BlobStore store = blobs.getBlobStore();
    store.createContainerInLocation(null, BUCKET);
    byte[] export = Files.readAllBytes(TestPaths.realSample("billing/azure-ea/" + SAMPLE));
    store.putBlob(
        BUCKET,
        store
            .blobBuilder("exports/azure/" + SAMPLE)
            .payload(export)
            .contentLength(export.length)
            .build());
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // the AWS SDK (2.30 and later) sends x-amz-checksum-crc32 with DeleteObjects, which
            // S3Proxy does not know
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
    Map<String, String> bucket =
        Map.of(
            "endpoint", "http://127.0.0.1:" + proxy.getPort(),
            "path.style.access", "true",
            "endpoint.region", "us-east-1",
            "connection.ssl.enabled", "false",
            // a broken stub fails the test in seconds rather than after S3A's minutes of retries
            "attempts.maximum", "2",
            "retry.limit", "2");
    bucketKeys =
        bucket.keySet().stream().map(key -> "fs.s3a.bucket." + BUCKET + "." + key).toList();
    bucket.forEach((key, value) -> conf.set("fs.s3a.bucket." + BUCKET + "." + key, value));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
      // the cached file system holds this stub's endpoint: close it, then forget the bucket's
      // settings
      FileSystem.get(URI.create("s3a://" + BUCKET + "/"), conf).close();
      bucketKeys.forEach(conf::unset);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      proxy.stop();
      blobs.close();
    }
  }

  @Test
  void runReadsTheExportThroughS3aAndCommitsOutputsThatEqualALocalRun() throws IOException {
    assertThat(
            SharedSpark.session()
                .sparkContext()
                .hadoopConfiguration()
                .get("fs.s3a.aws.credentials.provider"))
        .as("FleetCost's default: the SDK's chain")
        .isEqualTo("software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
    Path s3Job =
        job("s3", "s3a://" + BUCKET + "/exports/azure/", "s3a://" + BUCKET + "/fleetcost/out");
    Path localExport = Files.createDirectories(dir.resolve("exports/azure"));
    Files.copy(TestPaths.realSample("billing/azure-ea/" + SAMPLE), localExport.resolve(SAMPLE));
    Path localOut = dir.resolve("local-out");
    Path localJob = job("local", localExport.toString(), localOut.toString());
    assertThat(Files.readString(s3Job)).doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY);

    Cli.Result s3 = Cli.run("run", s3Job.toString(), "--date", RUN_DATE, "--no-history");
    Cli.Result local = Cli.run("run", localJob.toString(), "--date", RUN_DATE, "--no-history");
    assertThat(s3.exitCode()).as(s3.toString()).isZero();
    assertThat(local.exitCode()).as(local.toString()).isZero();
    assertThat(s3.out() + s3.err())
        .doesNotContain(SECRET_KEY)
        .contains("Outputs are in s3a://" + BUCKET + "/fleetcost/out");

    // what the server holds: every artifact under its final name, nothing staged or moved aside
    // left behind
    List<String> keys = objectKeys("fleetcost/out/");
    assertThat(keys)
        .contains(
            "fleetcost/out/summary.json",
            "fleetcost/out/metrics.prom",
            "fleetcost/out/opportunities.json",
            "fleetcost/out/opportunities.csv",
            "fleetcost/out/billing/ingest-summary.json",
            "fleetcost/out/security/findings.json");
    assertThat(keys)
        .anyMatch(k -> k.startsWith("fleetcost/out/billing/normalized/") && k.endsWith(".parquet"));
    assertThat(keys).noneMatch(k -> k.contains(".staging-") || k.contains(".replaced-"));

    JsonNode remote = JSON.readTree(object("fleetcost/out/summary.json"));
    JsonNode mine = JSON.readTree(localOut.resolve("summary.json").toFile());
    assertThat(remote.get("status").asText()).isEqualTo("succeeded");
    assertThat(remote.at("/inputs/billing/0/files/0/path").asText())
        .isEqualTo("s3a://" + BUCKET + "/exports/azure/" + SAMPLE);
    for (String field :
        List.of(
            "/row_counts",
            "/billing/totals",
            "/billing/by_provider",
            "/cost_analysis",
            "/data_quality/quarantined_by_reason")) {
      assertThat(remote.at(field)).as(field).isEqualTo(mine.at(field));
    }
    assertThat(remote.at("/inputs/billing/0/files/0/sha256"))
        .isEqualTo(mine.at("/inputs/billing/0/files/0/sha256"));
    assertThat(remote.at("/row_counts/billing_rows_read").asLong()).isEqualTo(11);

    // the billed total, to the cent, against the export summed on its own (Commons CSV, BigDecimal)
    BigDecimal expected =
        IndependentSums.csv(
                TestPaths.realSample("billing/azure-ea/" + SAMPLE), "Cost", "BillingCurrency")
            .byCurrency()
            .get("USD");
    assertThat(
            new BigDecimal(remote.at("/billing/totals/0/billed_cost").asText())
                .setScale(2, RoundingMode.HALF_UP))
        .isEqualByComparingTo(expected.setScale(2, RoundingMode.HALF_UP))
        .isEqualByComparingTo("8.55");
    assertThat(object("fleetcost/out/opportunities.json"))
        .isEqualTo(Files.readAllBytes(localOut.resolve("opportunities.json")));

    // the normalized table read back through s3a:// by Spark
    Row sums =
        SharedSpark.session()
            .read()
            .parquet("s3a://" + BUCKET + "/fleetcost/out/billing/normalized")
            .agg(
                org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.sum(CostColumns.BILLED_COST))
            .first();
    assertThat(sums.getLong(0)).isEqualTo(11);
    assertThat(sums.getDecimal(1))
        .isEqualByComparingTo(new BigDecimal(mine.at("/billing/totals/0/billed_cost").asText()));
  }

  @Test
  void anApiInputWithAnObjectStoreOutputIsRefusedNamingTheInput() throws IOException {
    Path job =
        Files.writeString(
            dir.resolve("api.yaml"),
            String.join(
                "\n",
                "name: api",
                "output: s3a://" + BUCKET + "/api/out",
                "billing:",
                "  - name: aws-api",
                "    source: aws-cost-explorer",
                "    endpoint: http://127.0.0.1:9",
                ""));
    Cli.Result run = Cli.run("run", job.toString(), "--date", RUN_DATE, "--no-history");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "Cannot pull job file "
                + job
                + ": billing[0] 'aws-api' (source aws-cost-explorer) lands under <output>/landing/,"
                + " which must be a local folder, and the output is s3a://"
                + BUCKET
                + "/api/out; give a local or mounted"
                + " folder with --out");
    assertThat(objectKeys("api/")).as("nothing written to the bucket").isEmpty();
  }

  private static Path job(String name, String billingPath, String output) throws IOException {
    return Files.writeString(
        dir.resolve(name + ".yaml"),
        String.join(
            "\n",
            "name: " + name,
            "output: " + output,
            "billing:",
            "  - name: azure",
            "    path: " + billingPath,
            "    format: azure-cost-details",
            "data-quality:",
            "  on-missing-input: warn",
            ""));
  }

  private static List<String> objectKeys(String prefix) {
    List<String> keys = new ArrayList<>();
    String marker = null;
    do {
      ListContainerOptions options = ListContainerOptions.Builder.prefix(prefix).recursive();
      if (marker != null) {
        options.afterMarker(marker);
      }
      var page = blobs.getBlobStore().list(BUCKET, options);
      page.stream().map(StorageMetadata::getName).forEach(keys::add);
      marker = page.getNextMarker();
    } while (marker != null);
    return keys;
  }

  private static byte[] object(String key) throws IOException {
    var blob = blobs.getBlobStore().getBlob(BUCKET, key);
    assertThat(blob).as(key).isNotNull();
    try (InputStream in = blob.getPayload().openStream()) {
      return in.readAllBytes();
    }
  }
}
