package io.fleetcost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "ingest", "validate", "sample-fleet"})
  void everyCommandHasHelp(String command) {
    Cli.Result result = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: fleetcost").contains("--help");
  }

  @Test
  void badUsageExitsWithTwo() {
    assertThat(Cli.run().exitCode()).as("no command").isEqualTo(2);
    assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);
    assertThat(Cli.run("run").exitCode()).as("missing JOB.yaml").isEqualTo(2);
    assertThat(Cli.run("ingest", "x.csv").exitCode()).as("missing --out").isEqualTo(2);
    Cli.Result badDate = Cli.run("run", "jobs/sample.yaml", "--date", "2026-02-30");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("--date");
    Cli.Result badFormat = Cli.run("ingest", "x.csv", "--out", dir.toString(), "--format", "excel");
    assertThat(badFormat.exitCode()).isEqualTo(2);
    assertThat(badFormat.err()).contains("excel").contains("aws-cur");
  }

  @Test
  void aDataQualityLimitFailsTheRunWithTwoButStillWritesItsOutputs() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("focus.csv"), "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,"
        + "ChargeCategory\n1,1,USD,2026-10-01,2026-10-02,Usage\nx,1,USD,2026-10-01,2026-10-02,Usage\n");
    Path job = Files.writeString(dir.resolve("job.yaml"),
        "billing:\n  - path: data/focus.csv\ndata-quality:\n  max-quarantined-fraction: 0.1\noutput: out\n");
    // no --date and no run-date: yesterday by the clock, in UTC
    Cli.Result result = Cli.run(Clock.fixed(Instant.parse("2026-10-03T05:00:00Z"), ZoneOffset.UTC), "run", job.toString());
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("1 of 2 rows were quarantined").contains("0.1");
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.get("run_date").asText()).isEqualTo("2026-10-02");
    assertThat(summary.get("started_at").asText()).isEqualTo("2026-10-03T05:00:00Z");
    assertThat(summary.get("status").asText()).isEqualTo("failed");
    assertThat(summary.get("data_quality").get("quarantined_fraction").asText()).isEqualTo("0.5");
  }

  @Test
  void aBadJobFileExitsWithTwoNamingTheKeyAndTheFile() throws IOException {
    Path job = Files.writeString(dir.resolve("job.yaml"), "billing:\n  - path: x.csv\n    formt: focus\n");
    Cli.Result result = Cli.run("run", job.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(job.toString()).contains("unknown key 'formt'");
    Path badFormat = Files.writeString(dir.resolve("bad.yaml"), "billing:\n  - path: x.csv\n    format: xls\n");
    Cli.Result format = Cli.run("validate", badFormat.toString());
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("billing[0].format 'xls'");
  }

  @Test
  void validateChecksHeadersWithoutReadingRowsAndListsEveryProblem() throws IOException {
    Cli.Result sample = Cli.run("validate", TestPaths.PROJECT.resolve("jobs/sample.yaml").toString());
    assertThat(sample.exitCode()).as(sample.toString()).isZero();
    assertThat(sample.out())
        .contains("ok     ")
        .contains("[aws-cur2] CUR 2.0")
        .contains("[dcgm-json] telemetry")
        .contains("[nvidia-smi] telemetry")
        .contains("[inventory] ")
        .contains("valid");

    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("good.csv"), "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory\n");
    Files.writeString(data.resolve("nocost.csv"), "BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory\n");
    Files.writeString(data.resolve("other.csv"), "a,b\n");
    Path telemetry = Files.createDirectories(dir.resolve("telemetry"));
    Files.writeString(telemetry.resolve("smi.csv"), "timestamp, index, utilization.gpu [%]\n");
    Files.writeString(telemetry.resolve("odd.csv"), "when,what\n1,2\n");
    Files.writeString(dir.resolve("nodes.json"), "{\"items\": [");
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            "billing:\n  - path: data\n  - path: missing/\ntelemetry:\n  - path: telemetry\ninventory:\n  - path: nodes.json\n");
    Cli.Result result = Cli.run("validate", job.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out())
        .contains("ok     " + data.resolve("good.csv"))
        .contains("ERROR  " + data.resolve("nocost.csv"))
        .contains("'BilledCost'")
        .contains("ERROR  " + data.resolve("other.csv"))
        .contains("missing")
        .contains("ok     " + telemetry.resolve("smi.csv") + " [nvidia-smi]")
        .contains("ERROR  " + telemetry.resolve("odd.csv") + ": Cannot detect the telemetry format")
        .contains("not valid JSON")
        .contains("5 problems");
  }
}
