package io.fleetcost.samplefleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writers' formats checked without Spark: names, units, encodings and sums computed
 * independently.
 */
class FleetWritersTest {
  @TempDir Path dir;

  /**
   * A data line of {@code nvidia-smi --query-gpu=... --format=csv} with the real H200 log's
   * columns.
   */
  static final Pattern SMI_LINE =
      Pattern.compile(
          "\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}, \\d+, GPU-[0-9a-f-]+, [^,]+, "
              + "[0-9A-F]{8}:[0-9A-F]{2}:[0-9A-F]{2}\\.\\d, \\d+ %, \\d+ %, \\d+ MiB, \\d+ MiB, "
              + "(\\d+\\.\\d{2} W|\\[N/A\\]), \\d+\\.\\d{2} W, \\d+, \\d+ MHz, (Disabled|Enabled)");

  @Test
  void nvidiaSmiLogsHaveTheRealLogsHeaderAndValueFormats() throws IOException {
    List<String> real =
        Files.readAllLines(
            TestPaths.realSample("telemetry/nvidia-smi-h200/nvidia-smi-query-gpu.csv"));
    assertThat(real.subList(1, real.size())).allMatch(line -> SMI_LINE.matcher(line).matches());

    NvidiaSmiCsvWriter.Result result =
        new NvidiaSmiCsvWriter(ZoneId.of("UTC")).write(TestFleets.small(), dir);
    assertThat(result.files()).hasSize(6);
    long missingPower = 0;
    for (Path file : result.files()) {
      List<String> lines = Files.readAllLines(dir.resolve(file));
      assertThat(lines.get(0)).isEqualTo(real.get(0)).isEqualTo(NvidiaSmiCsvWriter.HEADER);
      assertThat(lines.subList(1, lines.size())).allMatch(line -> SMI_LINE.matcher(line).matches());
      missingPower += lines.stream().filter(l -> l.contains("[N/A]")).count();
    }
    assertThat(result.rows()).isEqualTo(6L * TestFleets.STEPS);
    assertThat(missingPower).as("a handful of [N/A] power readings").isBetween(6L, 30L);
    assertThat(result.values()).isEqualTo(4 * result.rows() - missingPower);
  }

  @Test
  void nvidiaSmiPrintsLocalWallClockTimeEvenWhenAnHourRepeats() throws IOException {
    // US clocks go back from 02:00 EDT to 01:00 EST on 1 November 2026, 06:00 UTC.
    Fleet fleet = fleetOf(Instant.parse("2026-11-01T04:00:00Z"), Duration.ofMinutes(30), 8);
    new NvidiaSmiCsvWriter(ZoneId.of("America/New_York")).write(fleet, dir);
    List<String> lines = Files.readAllLines(dir.resolve("aws/i-0a1b2c3d4e5f60002.csv"));
    List<String> times = lines.stream().skip(1).map(l -> l.substring(0, 23)).toList();
    assertThat(times)
        .containsExactly(
            "2026/11/01 00:00:00.000",
            "2026/11/01 00:30:00.000",
            "2026/11/01 01:00:00.000",
            "2026/11/01 01:30:00.000",
            "2026/11/01 01:00:00.000",
            "2026/11/01 01:30:00.000",
            "2026/11/01 02:00:00.000",
            "2026/11/01 02:30:00.000");
  }

  @Test
  void billingHeadersHaveTheSampleExportsColumns() throws IOException {
    String azure =
        Files.readAllLines(
                TestPaths.sample("billing/azure/mca-ml-prod-eu_AmortizedCost_2026-10.csv"))
            .get(0);
    assertThat(String.join(",", AzureCostDetailsWriter.COLUMNS)).isEqualTo(azure.substring(1));
    String cur2 =
        Files.readAllLines(TestPaths.sample("billing/aws-cur2/cur2-example-2026-10-00001.csv"))
            .get(0);
    assertThat(AwsCur2Writer.COLUMNS).containsSubsequence(List.of(cur2.split(",")));
  }

  @Test
  void cur2TagKeysAreSnakeCaseWithTheUserPrefix() {
    assertThat(AwsCur2Writer.cur2TagKey("team")).isEqualTo("user_team");
    assertThat(AwsCur2Writer.cur2TagKey("workload-type")).isEqualTo("user_workload_type");
    assertThat(AwsCur2Writer.cur2TagKey("CostCenter")).isEqualTo("user_cost_center");
    assertThat(AwsCur2Writer.cur2TagKey("karpenter.sh/nodepool"))
        .isEqualTo("user_karpenter_sh_nodepool");
  }

  @Test
  void awsUsageTypesCarryTheRegionPrefixExceptInUsEast1() {
    assertThat(AwsRegions.usageTypePrefix("us-east-1")).isEmpty();
    assertThat(AwsRegions.usageTypePrefix("us-west-2")).isEqualTo("USW2-");
    assertThat(AwsRegions.usageTypePrefix("eu-central-1")).isEqualTo("EUC1-");
    assertThat(AwsRegions.usageTypePrefix("eu-west-1")).isEqualTo("EU-");
    assertThat(AwsRegions.usageTypePrefix("ap-northeast-1")).isEqualTo("APN1-");
  }

  @Test
  void gcpSkuDescriptionsNameTheSeriesAndTheGpu() {
    assertThat(GcpSkus.core("a2-highgpu-1g", "us-central1", false))
        .isEqualTo("A2 Instance Core running in Americas");
    assertThat(GcpSkus.ram("g2-standard-8", "europe-west4", true))
        .isEqualTo("Spot Preemptible G2 Instance Ram running in EMEA");
    assertThat(GcpSkus.core("n1-standard-8", "asia-east1", false))
        .isEqualTo("N1 Predefined Instance Core running in APAC");
    assertThat(GcpSkus.gpu("NVIDIA A100-SXM4-40GB", 40960, "us-central1", false))
        .isEqualTo("Nvidia Tesla A100 GPU running in Americas");
    assertThat(GcpSkus.gpu("NVIDIA A100-SXM4-80GB", 81920, "us-central1", false))
        .isEqualTo("Nvidia Tesla A100 80GB GPU running in Americas");
    assertThat(GcpSkus.gpu("NVIDIA H100 80GB HBM3", 81559, "us-east4", true))
        .isEqualTo("Spot Preemptible Nvidia H100 80GB GPU running in Americas");
    assertThat(GcpSkus.gpu("NVIDIA L4", 23034, "us-central1", false))
        .isEqualTo("Nvidia L4 GPU running in Americas");
    assertThat(GcpSkus.gpu("Tesla T4", 15360, "us-central1", false))
        .isEqualTo("Nvidia Tesla T4 GPU running in Americas");
  }

  @Test
  void azureMetersAreNamedAfterTheVmSize() {
    assertThat(AzureMeters.meterName("Standard_NC24ads_A100_v4")).isEqualTo("NC24ads A100 v4");
    assertThat(AzureMeters.meterSubCategory("Standard_NC24ads_A100_v4"))
        .isEqualTo("NCadsA100v4 Series");
    assertThat(AzureMeters.meterSubCategory("Standard_NC4as_T4_v3")).isEqualTo("NCasT4v3 Series");
    assertThat(AzureMeters.region("eastus")).isEqualTo("US East");
  }

  @Test
  void gcpRowsAddUpToTheHourlyCostsIndependently() throws IOException {
    Fleet fleet = TestFleets.small();
    BillingTotals totals = new GcpBillingExportWriter().write(fleet, dir);
    ObjectMapper json = new ObjectMapper();
    BigDecimal effective = BigDecimal.ZERO;
    BigDecimal machines = BigDecimal.ZERO;
    long rows = 0;
    for (Path file : totals.files()) {
      for (String line : Files.readAllLines(dir.resolve(file))) {
        JsonNode row = json.readTree(line);
        BigDecimal cost = row.get("cost").decimalValue();
        for (JsonNode credit : row.get("credits")) {
          cost = cost.add(credit.get("amount").decimalValue());
        }
        effective = effective.add(cost);
        if (row.get("system_labels").size() > 0) {
          machines = machines.add(cost);
        }
        rows++;
      }
    }
    assertThat(rows).isEqualTo(totals.rows());
    assertThat(effective).isEqualByComparingTo(totals.effectiveCost().get("USD"));
    assertThat(machines).isEqualByComparingTo("557.1648");
  }

  @Test
  void billingChangesStopOrRepriceAnInstanceFromAnHourOnAndBillsRunFromBilledFrom()
      throws IOException {
    Fleet small = TestFleets.small();
    FleetInstance vm =
        small.instances().stream()
            .filter(i -> i.resourceId().equals("i-0a1b2c3d4e5f60003"))
            .findFirst()
            .orElseThrow();
    FleetInstance azure =
        small.instances().stream()
            .filter(i -> i.resourceId().equals("vision-train-01"))
            .findFirst()
            .orElseThrow();
    Instant billedFrom =
        Instant.parse("2026-10-30T00:00:00Z"); // a day before the samples start (31 Oct)
    Instant deleted = Instant.parse("2026-11-01T12:00:00Z");
    Instant onSpot = Instant.parse("2026-11-01T00:00:00Z");
    Fleet fleet =
        new Fleet(
            small.start(),
            small.step(),
            small.steps(),
            small.instances(),
            small.accounts(),
            billedFrom,
            List.of(
                BillingChange.stop(vm, deleted),
                BillingChange.reprice(
                    azure,
                    onSpot,
                    PricingModel.SPOT,
                    new BigDecimal("0.7346"),
                    new BigDecimal("3.673"))));

    FleetFiles.Written written = FleetFiles.write(fleet, dir, ZoneId.of("UTC"));

    // the g4dn.xlarge is billed from 30 Oct 00:00 to 1 Nov 12:00: 24 + 24 + 12 = 60 BoxUsage hours
    long boxUsageHours = 0;
    for (Path file : written.billing("AWS").files()) {
      try (var parser =
          org.apache.commons.csv.CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .build()
              .parse(Files.newBufferedReader(dir.resolve(file)))) {
        for (var record : parser) {
          if (record.get("line_item_resource_id").equals(vm.resourceId())
              && record.get("line_item_usage_type").contains("BoxUsage")) {
            boxUsageHours++;
            assertThat(Instant.parse(record.get("line_item_usage_start_date"))).isBefore(deleted);
          }
        }
      }
    }
    assertThat(boxUsageHours).isEqualTo(60);
    // its nvidia-smi log stops too: 31 Oct 00:00 to 1 Nov 12:00 is 36 h of 4 samples
    List<String> log =
        Files.readAllLines(dir.resolve("telemetry/nvidia-smi/aws/" + vm.resourceId() + ".csv"));
    assertThat(log).hasSize(1 + 36 * 4);
    int gpus = fleet.instances().stream().mapToInt(i -> i.gpus().size()).sum();
    assertThat(written.telemetry().gpuSamples())
        .isEqualTo((long) gpus * fleet.steps() - (48 - 36) * 4);
    // the Azure VM: reserved on 30 and 31 Oct (24 × 2.3142 = 55.5408 a day), a Spot VM from 1 Nov:
    // 24 × 0.7346 = 17.6304
    List<String> azureDays = new java.util.ArrayList<>();
    for (Path file : written.billing("Azure").files()) {
      String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8).substring(1);
      try (var parser =
          org.apache.commons.csv.CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .build()
              .parse(new java.io.StringReader(text))) {
        for (var record : parser) {
          if (record.get("ResourceId").endsWith("/virtualMachines/vision-train-01")
              && record.get("meterCategory").equals("Virtual Machines")) {
            azureDays.add(
                record.get("date")
                    + " "
                    + record.get("pricingModel")
                    + " "
                    + record.get("costInBillingCurrency"));
          }
        }
      }
    }
    assertThat(azureDays).hasSize(3); // 30 Oct to 1 Nov: the samples (and bills) end on 2 Nov 00:00
    assertThat(azureDays.get(0)).startsWith("10/30/2026 Reservation");
    assertThat(azureDays.get(2)).startsWith("11/01/2026 Spot ");
    assertThat(new BigDecimal(azureDays.get(2).split(" ")[2])).isEqualByComparingTo("17.6304");
  }

  @Test
  void azureFilesStartWithAByteOrderMarkAndEndLinesWithCrLf() throws IOException {
    BillingTotals totals = new AzureCostDetailsWriter().write(TestFleets.small(), dir);
    assertThat(totals.files()).as("one export per billing month: 31 Oct and 1 Nov").hasSize(2);
    for (Path file : totals.files()) {
      assertThat(file.getFileName().toString()).contains("amortizedcost");
      String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
      assertThat(text).startsWith("\ufeffinvoiceId,").endsWith("\r\n");
      assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    }
  }

  @Test
  void theModelRefusesWhatNoBillCouldHold() {
    FleetInstance vm = TestFleets.small().instances().get(1);
    Instant halfPast = Instant.parse("2026-11-01T00:30:00Z");
    assertThatThrownBy(
            () -> new Fleet(halfPast, Duration.ofMinutes(15), TestFleets.STEPS, List.of(vm)))
        .hasMessageContaining("whole hour");
    assertThatThrownBy(() -> new Fleet(TestFleets.START, Duration.ofMinutes(15), 10, List.of(vm)))
        .hasMessageContaining("has 192 samples, the fleet 10");
    assertThatThrownBy(
            () ->
                new FleetInstance(
                    vm.provider(),
                    vm.accountId(),
                    vm.resourceId(),
                    vm.instanceType(),
                    vm.region(),
                    vm.zone(),
                    null,
                    vm.node(),
                    Map.of(),
                    PricingModel.SPOT,
                    new BigDecimal("2"),
                    new BigDecimal("1"),
                    vm.gpus()))
        .hasMessageContaining("hourlyCost <= hourlyOnDemand");
    assertThatThrownBy(
            () ->
                new GpuSeries(
                    0, "GPU-x", "NVIDIA L4", 100, null, null, new double[] {101}, new double[] {0}))
        .hasMessageContaining("not 0–100");
  }

  @Test
  void theWritersDoNotUseSpark() throws IOException {
    Path generator = TestPaths.PROJECT.resolve("src/test/java/io/fleetcost/samplefleet");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(generator)) {
      // the generator's classes, not the tests beside them (FleetFilesRoundTripTest reads the files
      // with Spark)
      sources =
          files
              .filter(
                  f ->
                      f.toString().endsWith(".java") && !f.toString().matches(".*(Test|IT)\\.java"))
              .toList();
    }
    assertThat(sources)
        .extracting(f -> f.getFileName().toString())
        .contains("FleetFiles.java", "AwsCur2Writer.java");
    for (Path file : sources) {
      assertThat(Files.readString(file))
          .as("%s", file.getFileName())
          .doesNotContain("org.apache.spark")
          .doesNotContain("org.apache.hadoop");
    }
  }

  /**
   * The small fleet's instances over another window, with samples cut or repeated to its length.
   */
  private static Fleet fleetOf(Instant start, Duration step, int steps) {
    List<FleetInstance> instances =
        TestFleets.small().instances().stream()
            .map(
                i ->
                    new FleetInstance(
                        i.provider(),
                        i.accountId(),
                        i.resourceId(),
                        i.instanceType(),
                        i.region(),
                        i.zone(),
                        i.cluster(),
                        i.node(),
                        i.tags(),
                        i.pricing(),
                        i.hourlyCost(),
                        i.hourlyOnDemand(),
                        i.gpus().stream()
                            .map(
                                g ->
                                    new GpuSeries(
                                        g.index(),
                                        g.uuid(),
                                        g.modelName(),
                                        g.memoryTotalMib(),
                                        g.namespace(),
                                        g.pod(),
                                        g.container(),
                                        Arrays.copyOf(g.utilPercent(), steps),
                                        Arrays.copyOf(g.memoryUsedMib(), steps)))
                            .toList(),
                        i.resourceGroup()))
            .toList();
    return new Fleet(start, step, steps, instances);
  }
}
