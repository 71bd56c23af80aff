package io.fleetcost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.cli.Cli;
import io.fleetcost.samplefleet.SyntheticFleet;
import io.fleetcost.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nights of a small fleet with history: each night reads only the telemetry files it has not
 * seen, a late telemetry file is read with the other file of its day, a re-delivered bill file
 * replaces what was read of it, and the third night's outputs equal those of a {@code --full} run
 * over the same files.
 */
class IncrementalNightsTest {
  private static final LocalDate START = LocalDate.parse("2026-11-01");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void incrementalNightsGiveWhatAFullRunGives() throws Exception {
    SyntheticFleet fleet = SyntheticFleet.generate(16, 4, Duration.ofMinutes(15), START, 20261101);
    // every file of the four days, from which each night is delivered
    FleetInputs all = new FleetInputs(temp.resolve("all"), fleet, 2, 7);
    all.write(fleet.firstDay(), fleet.lastDay());
    FleetInputs data = new FleetInputs(temp.resolve("data"), fleet, 2, 7);
    Path late = Path.of("dcgm-eks-bench-2026-11-01-2-of-2.json");
    Path redelivered =
        Path.of("gpu-fleet-cur2", "data", "BILLING_PERIOD=2026-11", "gpu-fleet-cur2-00002.csv");

    // night 1 (run date 2 Nov): days 1 and 2, without one of day 1's two telemetry files
    deliver(all, data, "2026-11-01", late);
    deliver(all, data, "2026-11-02", null);
    JsonNode night1 = run(data, LocalDate.parse("2026-11-02"), "warehouse", "out1");
    assertThat(night1.path("row_counts").path("telemetry_files_read").asLong()).isEqualTo(3);
    assertThat(night1.path("telemetry").path("days_aggregated").toString())
        .isEqualTo("[\"2026-11-01\",\"2026-11-02\"]");

    // night 2: day 3's files; only they are read
    deliver(all, data, "2026-11-03", null);
    JsonNode night2 = run(data, LocalDate.parse("2026-11-03"), "warehouse", "out2");
    assertThat(night2.path("row_counts").path("telemetry_files_read").asLong()).isEqualTo(2);
    assertThat(night2.path("telemetry").path("unchanged_files")).hasSize(3);
    assertThat(night2.path("telemetry").path("days_aggregated").toString())
        .isEqualTo("[\"2026-11-03\"]");
    assertThat(night2.path("telemetry").path("samples").asLong())
        .as("day 3 only")
        .isEqualTo(16L * 96);

    // night 3: day 4, the late file of day 1 (read with day 1's other file), and day 2's bill
    // again, one line shorter
    deliver(all, data, "2026-11-04", null);
    Files.copy(all.telemetryFolder().resolve(late), data.telemetryFolder().resolve(late));
    Path bill = data.billingFolder().resolve(redelivered);
    List<String> lines = Files.readAllLines(bill);
    Files.write(bill, lines.subList(0, lines.size() - 1));
    JsonNode night3 = run(data, LocalDate.parse("2026-11-04"), "warehouse", "out3");
    assertThat(night3.path("row_counts").path("telemetry_files_read").asLong()).isEqualTo(4);
    assertThat(night3.path("telemetry").path("days_aggregated").toString())
        .isEqualTo("[\"2026-11-01\",\"2026-11-04\"]");
    assertThat(night3.path("row_counts").path("gpu_profiles").asLong()).isEqualTo(16);

    JsonNode full = run(data, LocalDate.parse("2026-11-04"), "warehouse", "out-full", "--full");
    assertThat(full.path("row_counts").path("telemetry_files_read").asLong()).isEqualTo(8);
    JsonNode fresh = run(data, LocalDate.parse("2026-11-04"), "fresh-warehouse", "out-fresh");

    for (JsonNode other : List.of(full, fresh)) {
      assertThat(other.path("cost_analysis")).isEqualTo(night3.path("cost_analysis"));
    }
    String opportunities = Files.readString(temp.resolve("out3/opportunities.json"));
    assertThat(JSON.readTree(opportunities).size()).as("the fleet has opportunities").isPositive();
    assertThat(Files.readString(temp.resolve("out-full/opportunities.json")))
        .isEqualTo(opportunities);
    assertThat(Files.readString(temp.resolve("out-fresh/opportunities.json")))
        .isEqualTo(opportunities);
    assertThat(profiles("out-full")).isEqualTo(profiles("out3")).isEqualTo(profiles("out-fresh"));
    // the bill as re-delivered: one line fewer than written
    assertThat(night3.path("cost_analysis").path("window").path("start").asText())
        .isEqualTo("2026-11-01T00:00:00Z");
  }

  private List<String> profiles(String out) {
    List<String> rows = new ArrayList<>();
    for (Row row :
        SharedSpark.session()
            .read()
            .parquet(temp.resolve(out).resolve("profiles/gpu_profiles").toString())
            .collectAsList()) {
      rows.add(row.toString());
    }
    rows.sort(null);
    return rows;
  }

  private JsonNode run(
      FleetInputs data, LocalDate runDate, String warehouse, String out, String... more)
      throws IOException {
    Path job =
        BenchJobFile.write(
            temp.resolve(out + ".yaml"),
            data,
            runDate,
            4,
            temp.resolve(out),
            temp.resolve(warehouse),
            "local[2]");
    List<String> args = new ArrayList<>(List.of("run", job.toString()));
    args.addAll(List.of(more));
    Cli.Result result = Cli.run(args.toArray(new String[0]));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return JSON.readTree(temp.resolve(out).resolve("summary.json").toFile());
  }

  /**
   * Copies the day's telemetry files and bill part (and the node list) from {@code all} to {@code
   * data}.
   */
  private static void deliver(FleetInputs all, FleetInputs data, String day, Path except)
      throws IOException {
    Files.createDirectories(data.telemetryFolder());
    Files.createDirectories(data.billingFolder());
    Files.createDirectories(data.nodesFile().getParent());
    Files.copy(all.nodesFile(), data.nodesFile(), StandardCopyOption.REPLACE_EXISTING);
    try (Stream<Path> files = Files.list(all.telemetryFolder())) {
      for (Path file : files.filter(f -> f.getFileName().toString().contains(day)).toList()) {
        if (!file.getFileName().equals(except)) {
          Files.copy(file, data.telemetryFolder().resolve(file.getFileName()));
        }
      }
    }
    String part = String.format("-%05d.csv", LocalDate.parse(day).getDayOfMonth());
    try (Stream<Path> files = Files.walk(all.billingFolder())) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(part)).toList()) {
        Path target = data.billingFolder().resolve(all.billingFolder().relativize(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }
}
