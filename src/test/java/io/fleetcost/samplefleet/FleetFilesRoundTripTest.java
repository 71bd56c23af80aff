package io.fleetcost.samplefleet;

import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.GPU_COUNT;
import static io.fleetcost.model.CostColumns.INSTANCE_TYPE;
import static io.fleetcost.model.CostColumns.PRICING_CATEGORY;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_NAME;
import static io.fleetcost.model.CostColumns.TAGS;
import static io.fleetcost.telemetry.GpuSampleColumns.CLUSTER;
import static io.fleetcost.telemetry.GpuSampleColumns.GPU_UTIL;
import static io.fleetcost.telemetry.GpuSampleColumns.GPU_UUID;
import static io.fleetcost.telemetry.GpuSampleColumns.GR_ENGINE_ACTIVE;
import static io.fleetcost.telemetry.GpuSampleColumns.INSTANCE_ID;
import static io.fleetcost.telemetry.GpuSampleColumns.NODE;
import static io.fleetcost.telemetry.GpuSampleColumns.SAMPLE_TIME;
import static io.fleetcost.telemetry.GpuSampleColumns.SOURCE_FORMAT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.pipeline.BillingIngestJob;
import io.fleetcost.pipeline.BillingIngestResult;
import io.fleetcost.pipeline.CurrencyTotals;
import io.fleetcost.pipeline.OutputDirectory;
import io.fleetcost.pipeline.ProviderTotals;
import io.fleetcost.pipeline.TelemetryIngestJob;
import io.fleetcost.pipeline.TelemetryIngestResult;
import io.fleetcost.spark.ProgressReporter;
import io.fleetcost.spark.SharedSpark;
import io.fleetcost.telemetry.ResourceKeys;
import io.fleetcost.telemetry.TelemetryInput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a hand-built fleet with {@link FleetFiles} and reads the files back with FleetCost's own
 * billing and telemetry ingest: nothing is quarantined, costs reconcile exactly, and every instance
 * and GPU is recognised.
 */
class FleetFilesRoundTripTest {
  static final ZoneId VM_ZONE = ZoneId.of("Asia/Kolkata");
  static final Map<String, String> PROVIDER_NAMES =
      Map.of(
          FleetInstance.AWS,
          "AWS",
          FleetInstance.GCP,
          "Google Cloud",
          FleetInstance.AZURE,
          "Microsoft");

  @TempDir static Path dir;

  static Fleet fleet;
  static FleetFiles.Written written;
  static BillingIngestResult billing;
  static TelemetryIngestResult telemetry;
  static Dataset<Row> normalized;
  static Dataset<Row> samples;

  @BeforeAll
  static void writeAndIngest() {
    fleet = TestFleets.small();
    Path files = dir.resolve("fleet");
    written = FleetFiles.write(fleet, files, VM_ZONE);

    List<BillingInput> billingInputs = new ArrayList<>();
    for (String provider : List.of("aws", "gcp", "azure")) {
      String folder = files.resolve("billing").resolve(provider).toString();
      billingInputs.add(new BillingInput(provider, List.of(folder), null, AzureCostDataset.AUTO));
    }
    List<TelemetryInput> telemetryInputs = new ArrayList<>();
    for (String cluster : fleet.clusters()) {
      telemetryInputs.add(
          new TelemetryInput(
              "dcgm-" + cluster,
              List.of(files.resolve("telemetry/dcgm").resolve(cluster).toString()),
              null,
              cluster,
              "UTC",
              null,
              null));
    }
    String logs = files.resolve("telemetry/nvidia-smi").toString();
    telemetryInputs.add(
        new TelemetryInput("nvidia-smi", List.of(logs), null, null, VM_ZONE.getId(), null, null));

    Path out = dir.resolve("out");
    Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
    try (ProgressReporter progress = new ProgressReporter(Duration.ofMinutes(5));
        OutputDirectory output = new OutputDirectory(conf, out.toString(), "round-trip")) {
      billing =
          new BillingIngestJob(SharedSpark.session(), progress)
              .run(billingInputs, output, "billing-");
      telemetry =
          new TelemetryIngestJob(SharedSpark.session(), progress)
              .run(telemetryInputs, output, "telemetry-");
      output.commit(
          List.of(
              "billing-" + BillingIngestJob.NORMALIZED,
              "billing-" + BillingIngestJob.QUARANTINE,
              "telemetry-" + TelemetryIngestJob.SAMPLES,
              "telemetry-" + TelemetryIngestJob.QUARANTINE,
              "telemetry-" + TelemetryIngestJob.LABEL_SETS));
    }
    normalized =
        SharedSpark.session()
            .read()
            .parquet(out.resolve("billing-" + BillingIngestJob.NORMALIZED).toString());
    samples =
        SharedSpark.session()
            .read()
            .parquet(out.resolve("telemetry-" + TelemetryIngestJob.SAMPLES).toString());
  }

  @Test
  void everyBillingRowIsKeptAndRecognisedAsItsFormat() {
    assertThat(billing.rowsQuarantined())
        .as("quarantined by reason: %s", billing.quarantinedByReason())
        .isZero();
    long writtenRows = written.billing().stream().mapToLong(BillingTotals::rows).sum();
    assertThat(billing.rowsRead()).isEqualTo(writtenRows);
    assertThat(billing.warnings()).as("the Azure file names say amortized cost").isEmpty();
    assertThat(billing.files())
        .hasSize(written.billing().stream().mapToInt(b -> b.files().size()).sum())
        .isNotEmpty();
    assertThat(billing.files())
        .allSatisfy(
            f -> assertThat(f.format()).isIn("aws-cur2", "gcp-bigquery", "azure-cost-details"))
        .filteredOn(f -> f.format().equals("azure-cost-details"))
        .allSatisfy(f -> assertThat(f.formatDetail()).contains("MCA").contains("amortized"));
  }

  @Test
  void effectiveCostPerProviderEqualsTheWritersTotalsExactly() {
    Map<String, ProviderTotals> byName = new HashMap<>();
    billing.byProvider().forEach(p -> byName.put(p.provider(), p));
    assertThat(written.billing())
        .extracting(BillingTotals::provider)
        .containsExactlyInAnyOrder(FleetInstance.AWS, FleetInstance.GCP, FleetInstance.AZURE);
    for (BillingTotals totals : written.billing()) {
      ProviderTotals ingested = byName.get(PROVIDER_NAMES.get(totals.provider()));
      assertThat(ingested).as(totals.provider()).isNotNull();
      assertThat(ingested.rows()).as("rows of %s", totals.provider()).isEqualTo(totals.rows());
      assertThat(ingested.totals()).extracting(CurrencyTotals::currency).containsExactly("USD");
      BigDecimal effective = new BigDecimal(ingested.totals().get(0).effectiveCost());
      assertThat(effective)
          .as("EffectiveCost of %s", totals.provider())
          .isEqualByComparingTo(totals.effectiveCost().get("USD"));

      BigDecimal instanceHours = BigDecimal.ZERO;
      for (FleetInstance instance : fleet.instancesOf(totals.provider())) {
        instanceHours =
            instanceHours.add(instance.hourlyCost().multiply(BigDecimal.valueOf(fleet.hours())));
      }
      assertThat(totals.instanceEffectiveCost().get("USD"))
          .as(totals.provider())
          .isEqualByComparingTo(instanceHours);
      assertThat(totals.otherEffectiveCost().get("USD"))
          .as("disks and data transfer of %s are a small part", totals.provider())
          .isPositive()
          .isLessThan(instanceHours.multiply(new BigDecimal("0.1")));
    }
    // 48 hours of (3.9704 + 0.6532 + 0.526), (7.348 + 0.5612 + 3.6984) and (7.346 + 2.3142 +
    // 0.0526)
    assertThat(instanceCost(FleetInstance.AWS)).isEqualByComparingTo("247.1808");
    assertThat(instanceCost(FleetInstance.GCP)).isEqualByComparingTo("557.1648");
    assertThat(instanceCost(FleetInstance.AZURE)).isEqualByComparingTo("466.2144");
  }

  @Test
  void eachInstancesRowsCarryItsTypeGpusPricingTagsAndCost() {
    Dataset<Row> keyed =
        normalized
            .withColumn(
                "key",
                ResourceKeys.fromBill(col(PROVIDER_NAME), col(RESOURCE_ID), col(RESOURCE_NAME)))
            .filter(col(INSTANCE_TYPE).isNotNull());
    for (FleetInstance instance : fleet.instances()) {
      String key = instance.resourceId().toLowerCase(Locale.ROOT);
      List<Row> rows = keyed.filter(col("key").equalTo(lit(key))).collectAsList();
      String what = instance.provider() + " " + instance.resourceId();
      assertThat(rows).as(what).isNotEmpty();
      assertThat(distinct(rows, INSTANCE_TYPE)).as(what).containsExactly(instance.instanceType());
      assertThat(distinct(rows, GPU_COUNT)).as(what).containsExactly(instance.gpus().size());
      assertThat(distinct(rows, PRICING_CATEGORY))
          .as(what)
          .containsExactly(pricingCategory(instance.pricing()));
      Set<Map<String, String>> tags = new HashSet<>();
      rows.forEach(r -> tags.add(new TreeMap<>(r.<String, String>getJavaMap(r.fieldIndex(TAGS)))));
      assertThat(tags).as(what).containsExactly(expectedTags(instance));
      BigDecimal effective =
          rows.stream()
              .map(r -> r.getDecimal(r.fieldIndex(EFFECTIVE_COST)))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(effective)
          .as(what)
          .isEqualByComparingTo(instance.hourlyCost().multiply(BigDecimal.valueOf(fleet.hours())));
    }
  }

  @Test
  void everyTelemetryValueIsKeptAndEveryGpuHasASampleAtEveryStep() {
    assertThat(telemetry.valuesQuarantined())
        .as("quarantined by reason: %s", telemetry.quarantinedByReason())
        .isZero();
    assertThat(telemetry.valuesRead()).isEqualTo(written.telemetry().values());
    assertThat(telemetry.gpus()).isEqualTo(written.telemetry().gpus()).isEqualTo(14);
    assertThat(telemetry.samples())
        .isEqualTo(written.telemetry().gpuSamples())
        .isEqualTo(14L * TestFleets.STEPS);
    assertThat(samples.count()).isEqualTo(14L * TestFleets.STEPS);
  }

  @Test
  void nvidiaSmiLocalTimestampsLandOnTheFleetsUtcInstants() {
    Set<Instant> expected = new TreeSet<>();
    for (int step = 0; step < fleet.steps(); step++) {
      expected.add(fleet.sampleTime(step));
    }
    for (FleetInstance vm : fleet.instances()) {
      if (vm.isKubernetesNode()) {
        continue;
      }
      List<Row> rows =
          samples
              .filter(col(INSTANCE_ID).equalTo(lit(vm.resourceId())))
              .select(SAMPLE_TIME, SOURCE_FORMAT)
              .collectAsList();
      assertThat(rows).as(vm.resourceId()).hasSize(fleet.steps() * vm.gpus().size());
      assertThat(rows).extracting(r -> r.getString(1)).containsOnly("nvidia-smi");
      Set<Instant> times =
          rows.stream()
              .map(r -> r.getTimestamp(0).toInstant())
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(times).as(vm.resourceId()).isEqualTo(expected);
    }
    // 2026/10/31 05:30:00.000 in Kolkata is the fleet's start, 00:00 UTC
    Row first =
        samples.filter(col(SOURCE_FORMAT).equalTo(lit("nvidia-smi"))).agg(min(SAMPLE_TIME)).first();
    assertThat(first.getTimestamp(0).toInstant()).isEqualTo(TestFleets.START);
  }

  @Test
  void dcgmSamplesKeepTheirNodeClusterAndUtilizationAndTheProfilingRatioAgreesWithIt() {
    Map<String, GpuSeries> gpus = new HashMap<>();
    Map<String, FleetInstance> nodeOf = new HashMap<>();
    for (FleetInstance instance : fleet.instances()) {
      for (GpuSeries gpu : instance.gpus()) {
        gpus.put(gpu.uuid(), gpu);
        nodeOf.put(gpu.uuid(), instance);
      }
    }
    List<Row> rows =
        samples
            .filter(col(SOURCE_FORMAT).equalTo(lit("dcgm-json")))
            .select(SAMPLE_TIME, GPU_UUID, NODE, CLUSTER, GPU_UTIL, GR_ENGINE_ACTIVE)
            .collectAsList();
    assertThat(rows).hasSize(8 * TestFleets.STEPS);
    String profiled = fleet.clusters().get(0);
    long compared = 0;
    for (Row row : rows) {
      GpuSeries gpu = gpus.get(row.getString(1));
      FleetInstance node = nodeOf.get(row.getString(1));
      Duration sinceStart = Duration.between(fleet.start(), row.getTimestamp(0).toInstant());
      int step = (int) (sinceStart.toSeconds() / fleet.step().toSeconds());
      assertThat(row.getString(2)).isEqualTo(node.node());
      assertThat(row.getString(3)).isEqualTo(node.cluster());
      assertThat(row.getDouble(4)).isEqualTo((double) Math.round(gpu.utilAt(step)));
      if (node.cluster().equals(profiled)) {
        assertThat(row.isNullAt(5)).isFalse();
        assertThat(row.getDouble(5) * 100).isCloseTo(gpu.utilAt(step), within(1e-9));
        assertThat(Math.abs(row.getDouble(5) * 100 - row.getDouble(4))).isLessThanOrEqualTo(0.5);
        compared++;
      } else {
        assertThat(row.isNullAt(5)).isTrue();
      }
    }
    assertThat(compared).isEqualTo(4L * TestFleets.STEPS);
  }

  @Test
  void kubernetesProviderIdsAndBillsGiveTheSameResourceKey() throws IOException {
    Set<String> billKeys = new HashSet<>();
    normalized
        .select(ResourceKeys.fromBill(col(PROVIDER_NAME), col(RESOURCE_ID), col(RESOURCE_NAME)))
        .distinct()
        .collectAsList()
        .forEach(r -> billKeys.add(r.getString(0)));
    StructType schema = new StructType().add("provider_id", DataTypes.StringType);
    ObjectMapper json = new ObjectMapper();
    int nodes = 0;
    for (String cluster : fleet.clusters()) {
      JsonNode list =
          json.readTree(dir.resolve("fleet/k8s").resolve(cluster + "-nodes.json").toFile());
      assertThat(list.get("kind").asText()).isEqualTo("List");
      for (JsonNode item : list.get("items")) {
        String name = item.at("/metadata/name").asText();
        FleetInstance instance =
            fleet.instances().stream()
                .filter(i -> name.equals(i.node()) && cluster.equals(i.cluster()))
                .findFirst()
                .orElseThrow();
        String providerId = item.at("/spec/providerID").asText();
        String key =
            SharedSpark.session()
                .createDataFrame(List.of(RowFactory.create(providerId)), schema)
                .select(ResourceKeys.fromProviderId(col("provider_id")))
                .first()
                .getString(0);
        assertThat(key)
            .as(providerId)
            .isEqualTo(instance.resourceId().toLowerCase(Locale.ROOT))
            .isIn(billKeys);
        assertThat(item.at("/metadata/labels/node.kubernetes.io~1instance-type").asText())
            .isEqualTo(instance.instanceType());
        assertThat(item.at("/status/capacity/nvidia.com~1gpu").asText())
            .isEqualTo(Integer.toString(instance.gpus().size()));
        nodes++;
      }
    }
    assertThat(nodes).isEqualTo(written.telemetry().kubeNodes().nodes()).isEqualTo(3);
  }

  private static Set<Object> distinct(List<Row> rows, String column) {
    Set<Object> values = new HashSet<>();
    rows.forEach(r -> values.add(r.get(r.fieldIndex(column))));
    return values;
  }

  private static String pricingCategory(PricingModel pricing) {
    return switch (pricing) {
      case ON_DEMAND -> "Standard";
      case SPOT -> "Dynamic";
      case COMMITTED -> "Committed";
    };
  }

  /**
   * AWS keys are CUR 2.0's ({@code workload-type} → {@code workload_type}); FleetCost removes the
   * {@code user_}.
   */
  private static Map<String, String> expectedTags(FleetInstance instance) {
    Map<String, String> tags = new TreeMap<>();
    boolean aws = instance.provider().equals(FleetInstance.AWS);
    instance
        .tags()
        .forEach(
            (key, value) ->
                tags.put(
                    aws ? AwsCur2Writer.cur2TagKey(key).substring("user_".length()) : key, value));
    return tags;
  }

  private static BigDecimal instanceCost(String provider) {
    return written.billing(provider).instanceEffectiveCost().get("USD");
  }
}
