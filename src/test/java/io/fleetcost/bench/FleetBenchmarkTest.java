package io.fleetcost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.cli.Cli;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.samplefleet.AwsCur2Writer;
import io.fleetcost.samplefleet.BillingTotals;
import io.fleetcost.samplefleet.DcgmJsonWriter;
import io.fleetcost.samplefleet.StreamingCur2Writer;
import io.fleetcost.samplefleet.StreamingDcgmJsonWriter;
import io.fleetcost.samplefleet.SyntheticFleet;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet benchmark's generator and harness at a tiny size, without DuckDB (which only {@code
 * -Pbench} puts on the class path): the streaming writers write the sample fleet's writers' bytes,
 * and FleetCost, run in this JVM on the generated files, reads every bill row and value and
 * profiles every GPU as a plain-Java computation over the generator's own values does.
 */
class FleetBenchmarkTest {
  private static final LocalDate START = LocalDate.parse("2026-11-01");
  private static final Duration STEP = Duration.ofMinutes(15);

  @TempDir Path temp;

  @Test
  void streamingDcgmWriterWritesWhatDcgmJsonWriterWrites() throws Exception {
    SyntheticFleet fleet = SyntheticFleet.generate(16, 1, STEP, START, 7);
    DcgmJsonWriter.Result production =
        new DcgmJsonWriter(Map.of(fleet.cluster(), StreamingDcgmJsonWriter.EXPORTER))
            .write(fleet.materialize(0, fleet.stepsPerDay()), temp.resolve("production"));
    StreamingDcgmJsonWriter.Result streaming =
        new StreamingDcgmJsonWriter().write(fleet, temp.resolve("streaming"), START, START, 1);

    assertThat(streaming.files()).isEqualTo(production.files());
    assertThat(streaming.values()).isEqualTo(production.values()).isEqualTo(16L * 96 * 4);
    assertThat(Files.readString(temp.resolve("streaming").resolve(streaming.files().get(0))))
        .isEqualTo(Files.readString(temp.resolve("production").resolve(production.files().get(0))));
  }

  @Test
  void telemetryComesAsManyFilesPerDayOrAsOne() {
    SyntheticFleet fleet = SyntheticFleet.generate(24, 2, STEP, START, 7);
    StreamingDcgmJsonWriter writer = new StreamingDcgmJsonWriter();

    StreamingDcgmJsonWriter.Result split =
        writer.write(fleet, temp.resolve("split"), START, START.plusDays(1), 3);
    StreamingDcgmJsonWriter.Result single =
        writer.write(fleet, temp.resolve("single"), START, START.plusDays(1), 0);

    assertThat(split.files()).hasSize(6);
    assertThat(split.files().get(0)).hasToString("eks-bench/dcgm-eks-bench-2026-11-01-1-of-3.json");
    assertThat(single.files())
        .containsExactly(Path.of("eks-bench/dcgm-eks-bench-2026-11-01-to-2026-11-02.json"));
    assertThat(split.values()).isEqualTo(single.values()).isEqualTo(24L * 192 * 4);
    assertThat(split.series()).isEqualTo(2 * single.series());
  }

  @Test
  void streamingCur2WriterAtNineRowsPerGpuDayWritesWhatAwsCur2WriterWrites() throws Exception {
    // 10 nodes: the tenth runs on spot
    SyntheticFleet fleet = SyntheticFleet.generate(80, 1, STEP, START, 7);
    BillingTotals production =
        new AwsCur2Writer()
            .write(fleet.materialize(0, fleet.stepsPerDay()), temp.resolve("production"));
    StreamingCur2Writer.Result streaming =
        new StreamingCur2Writer(9).write(fleet, temp.resolve("streaming"), START, START);

    assertThat(streaming.files()).isEqualTo(production.files());
    assertThat(streaming.rows()).isEqualTo(production.rows()).isEqualTo(80L * 9);
    assertThat(streaming.unblendedCost())
        .isEqualByComparingTo(production.effectiveCost().get("USD"));
    assertThat(Files.readString(temp.resolve("streaming").resolve(streaming.files().get(0))))
        .isEqualTo(Files.readString(temp.resolve("production").resolve(production.files().get(0))));
  }

  @Test
  void fleetCostReadsAndProfilesTheGeneratedFleetAsTheGeneratorWroteIt() throws Exception {
    int gpus = 16;
    int days = 2;
    SyntheticFleet fleet = SyntheticFleet.generate(gpus, days, STEP, START, 20261101);
    FleetInputs inputs = new FleetInputs(temp.resolve("data"), fleet, 2, 7);
    FleetInputs.Written written = inputs.write(fleet.firstDay(), fleet.lastDay());
    assertThat(written.telemetry().files()).hasSize(days * 2);
    assertThat(written.telemetry().values()).isEqualTo((long) gpus * days * 96 * 4);
    assertThat(written.bill().files()).hasSize(days);
    assertThat(written.bill().rows()).isEqualTo((long) gpus * days * 7);

    Path out = temp.resolve("out");
    Path job =
        BenchJobFile.write(
            temp.resolve("job.yaml"),
            inputs,
            fleet.lastDay(),
            days,
            out,
            temp.resolve("history"),
            "local[2]");
    Cli.Result result = Cli.run("run", job.toString(), "--no-history");
    assertThat(result.exitCode()).as(result.toString()).isZero();

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    JsonNode counts = summary.path("row_counts");
    assertThat(counts.path("billing_rows_read").asLong()).isEqualTo(written.bill().rows());
    assertThat(counts.path("billing_rows_kept").asLong()).isEqualTo(written.bill().rows());
    assertThat(counts.path("telemetry_values_read").asLong())
        .isEqualTo(written.telemetry().values());
    assertThat(summary.path("telemetry").path("samples").asLong())
        .isEqualTo((long) gpus * days * 96);
    assertThat(
            new BigDecimal(
                summary.path("billing").path("totals").get(0).path("billed_cost").asText()))
        .isEqualByComparingTo(written.bill().unblendedCost());
    assertThat(summary.path("cost_analysis").path("window").path("start").asText())
        .isEqualTo("2026-11-01T00:00:00Z");
    assertThat(summary.path("cost_analysis").path("window").path("end").asText())
        .isEqualTo("2026-11-03T00:00:00Z");

    Map<String, Row> profiles = new HashMap<>();
    for (Row row :
        SharedSpark.session()
            .read()
            .parquet(out.resolve("profiles/gpu_profiles").toString())
            .collectAsList()) {
      profiles.put(row.getAs("gpu_key"), row);
    }
    assertThat(profiles).hasSize(gpus);
    double active = SavingsThresholds.DEFAULTS.idleP99Percent();
    for (int gpu = 0; gpu < gpus; gpu++) {
      ExpectedProfile expected = ExpectedProfile.of(fleet, gpu, active);
      Row row = profiles.get(fleet.gpu(gpu).uuid());
      String which = "GPU " + gpu + " (" + fleet.patterns().get(gpu) + ")";
      assertThat(row).as(which).isNotNull();
      assertThat(row.<Long>getAs("samples")).as(which).isEqualTo(expected.samples());
      assertThat(row.<Double>getAs("mean")).as(which).isCloseTo(expected.mean(), within(1e-6));
      // percentiles come from tenth-of-a-point bins: within half a tenth of the exact nearest rank
      assertThat(row.<Double>getAs("p95")).as(which).isCloseTo(expected.p95(), within(0.05 + 1e-9));
      assertThat(row.<Double>getAs("max")).as(which).isEqualTo(expected.max());
      assertThat(row.<Double>getAs("memory_max_mib")).as(which).isEqualTo(expected.memoryMaxMib());
      assertThat(row.<Double>getAs("active_fraction"))
          .as(which)
          .isCloseTo(expected.activeShare(), within(1e-9));
    }
  }

  @Test
  void progressLinesGiveTheStageTimes() {
    StageTimes stages =
        StageTimes.parse(
            List.of(
                "14:25:05 fleetcost ingest billing: started (2 files)",
                "14:25:15 fleetcost ingest billing: running for 10.0 s: 2/4 tasks done, 0 rows processed",
                "14:25:27 fleetcost ingest billing: finished in 21.6 s: 224 rows read, 224 kept, 0 quarantined",
                "14:25:40 fleetcost profile GPUs: finished in 10.8 s: 16 GPUs, 6 workloads",
                "14:26:40 fleetcost profile GPUs: finished in 1.2 s: 16 GPUs, 6 workloads",
                "14:26:41 WARN  SparkSession: something else"));

    assertThat(stages.stages())
        .extracting(StageTimes.Stage::name)
        .containsExactly("ingest billing", "profile GPUs", "profile GPUs");
    assertThat(stages.stages().get(0).outcome())
        .isEqualTo("224 rows read, 224 kept, 0 quarantined");
    assertThat(stages.seconds("profile GPUs")).isCloseTo(12.0, within(1e-9));
    assertThat(stages.sum()).isCloseTo(33.6, within(1e-9));
  }

  /** FleetCost's profile of one GPU computed in plain Java from the values the generator writes. */
  private record ExpectedProfile(
      long samples, double mean, double p95, double max, double memoryMaxMib, double activeShare) {
    static ExpectedProfile of(SyntheticFleet fleet, int gpu, double activePercent) {
      List<Double> activity = new ArrayList<>();
      double memoryMax = 0;
      for (int step = 0; step < fleet.steps(); step++) {
        // the file's text, parsed as FleetCost parses it, × 100 as GpuProfiles does
        activity.add(
            Double.parseDouble(
                    StreamingDcgmJsonWriter.value(
                        "DCGM_FI_PROF_GR_ENGINE_ACTIVE", fleet, gpu, step))
                * 100d);
        memoryMax =
            Math.max(
                memoryMax,
                Double.parseDouble(
                    StreamingDcgmJsonWriter.value("DCGM_FI_DEV_FB_USED", fleet, gpu, step)));
      }
      List<Double> sorted = new ArrayList<>(activity);
      Collections.sort(sorted);
      int n = sorted.size();
      double sum = 0;
      long activeSamples = 0;
      for (double a : activity) {
        sum += a;
        activeSamples += a >= activePercent ? 1 : 0;
      }
      double nearestRankP95 = sorted.get((int) Math.ceil(0.95 * n) - 1);
      return new ExpectedProfile(
          n, sum / n, nearestRankP95, sorted.get(n - 1), memoryMax, (double) activeSamples / n);
    }
  }
}
