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
  @ValueSource(strings = {"", "run", "ingest", "export", "validate"})
  void everyCommandHasHelp(String command) {
    Cli.Result result = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: fleetcost").contains("--help");
  }

  @Test
  void badUsageExitsWithTwo() {
    assertThat(Cli.run().exitCode()).as("no command").isEqualTo(2);
    assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);
    assertThat(Cli.run("sample-fleet", "--out", dir.toString()).exitCode())
        .as(
            "the sample fleet's generator is test code (mvn -q test-compile exec:java@sample-fleet), not a command")
        .isEqualTo(2);
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
    Files.writeString(
        data.resolve("focus.csv"),
        "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,"
            + "ChargeCategory\n1,1,USD,2026-10-01,2026-10-02,Usage\nx,1,USD,2026-10-01,2026-10-02,Usage\n");
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            "billing:\n  - path: data/focus.csv\ndata-quality:\n  max-quarantined-fraction: 0.1\noutput: out\n");
    // no --date and no run-date: yesterday by the clock, in UTC
    Cli.Result result =
        Cli.run(
            Clock.fixed(Instant.parse("2026-10-03T05:00:00Z"), ZoneOffset.UTC),
            "run",
            job.toString());
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
    Path job =
        Files.writeString(dir.resolve("job.yaml"), "billing:\n  - path: x.csv\n    formt: focus\n");
    Cli.Result result = Cli.run("run", job.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(job.toString()).contains("unknown key 'formt'");
    Path badFormat =
        Files.writeString(dir.resolve("bad.yaml"), "billing:\n  - path: x.csv\n    format: xls\n");
    Cli.Result format = Cli.run("validate", badFormat.toString());
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("billing[0].format 'xls'");
  }

  @Test
  void validateChecksHeadersWithoutReadingRowsAndListsEveryProblem() throws IOException {
    Cli.Result sample =
        Cli.run("validate", TestPaths.PROJECT.resolve("jobs/sample.yaml").toString());
    assertThat(sample.exitCode()).as(sample.toString()).isZero();
    assertThat(sample.out())
        .contains("ok     ")
        .contains("[aws-cur2] CUR 2.0")
        .contains("[dcgm-json] telemetry")
        .contains("[nvidia-smi] telemetry")
        .contains("[inventory] ")
        .contains("valid");

    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        data.resolve("good.csv"),
        "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory\n");
    Files.writeString(
        data.resolve("nocost.csv"),
        "BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory\n");
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

  @Test
  void exportFocusHasHelpAndExportAloneIsBadUsage() {
    Cli.Result help = Cli.run("export", "focus", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("Usage: fleetcost export focus")
        .contains("--from")
        .contains("--to")
        .contains("FOCUS 1.2");
    assertThat(Cli.run("export").exitCode()).as("no export named").isEqualTo(2);
    assertThat(Cli.run("export", "focus", "jobs/sample.yaml").exitCode())
        .as("missing --out")
        .isEqualTo(2);
  }

  @Test
  void exportFocusWritesParquetCsvAndMetadata() throws IOException {
    Path job = focusJob("");
    Path out = dir.resolve("export");
    Cli.Result result = Cli.run("export", "focus", job.toString(), "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("FOCUS 1.2 export of job 'focus-job' (every charge read): 10 rows of 10 kept")
        .contains("USD: BilledCost");
    assertThat(out.resolve("metadata.json")).isRegularFile();
    try (var parquet = Files.list(out.resolve("parquet"));
        var csv = Files.list(out.resolve("csv"))) {
      assertThat(parquet.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.endsWith(".parquet"));
      assertThat(csv.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".csv"));
    }
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("nothing staged is left")
          .containsExactlyInAnyOrder("parquet", "csv", "metadata.json");
    }
  }

  @Test
  void exportFocusFailsWithTwoNamingABadDateOrAMissingJobFile() throws IOException {
    Path job = focusJob("");
    Path out = dir.resolve("export");
    Cli.Result badDate =
        Cli.run("export", "focus", job.toString(), "--from", "2026-13-01", "--out", out.toString());
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("--from").contains("2026-13-01");
    Cli.Result reversed =
        Cli.run(
            "export",
            "focus",
            job.toString(),
            "--from",
            "2026-10-05",
            "--to",
            "2026-10-01",
            "--out",
            out.toString());
    assertThat(reversed.exitCode()).isEqualTo(2);
    assertThat(reversed.err()).contains("--from 2026-10-05").contains("--to 2026-10-01");
    Path missing = dir.resolve("no-such-job.yaml");
    Cli.Result noJob = Cli.run("export", "focus", missing.toString(), "--out", out.toString());
    assertThat(noJob.exitCode()).isEqualTo(2);
    assertThat(noJob.err()).contains(missing.toString()).contains("no such file");
    assertThat(out).as("nothing written").doesNotExist();
  }

  @Test
  void runWritesTheFocusExportWhenTheJobAsksAndListsItInTheSummary() throws IOException {
    Path job = focusJob("exports: [focus]\ndata-quality:\n  on-missing-input: warn\noutput: out\n");
    // with history: the export is of the kept billing table
    Cli.Result result = Cli.run("run", job.toString(), "--date", "2026-10-04");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.get("artifacts").get("focus_export").asText()).isEqualTo("focus");
    assertThat(result.out()).contains("focus_export");
    JsonNode metadata =
        new ObjectMapper().readTree(dir.resolve("out/focus/metadata.json").toFile());
    assertThat(metadata.get("Schema").get("FocusVersion").asText()).isEqualTo("1.2");
    assertThat(metadata.get("x_Period").get("Rows").asLong())
        .isEqualTo(summary.get("row_counts").get("billing_rows_kept").asLong())
        .isEqualTo(10);
    assertThat(dir.resolve("out/focus/parquet")).isDirectory();
    assertThat(dir.resolve("out/focus/csv")).isDirectory();

    Path without = focusJob("data-quality:\n  on-missing-input: warn\noutput: plain\n");
    assertThat(
            Cli.run("run", without.toString(), "--date", "2026-10-04", "--no-history").exitCode())
        .isZero();
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("plain/summary.json").toFile())
                .get("artifacts")
                .has("focus_export"))
        .isFalse();
    assertThat(dir.resolve("plain/focus")).doesNotExist();
  }

  @Test
  void anUnknownExportInTheJobFileIsRefusedNamingTheKey() throws IOException {
    Path job = focusJob("exports: [focus, pdf]\n");
    Cli.Result result = Cli.run("validate", job.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(job.toString())
        .contains("exports")
        .contains("'pdf'")
        .contains("known: focus");
  }

  /**
   * A job over the sample FOCUS export (10 rows, USD, 3 and 4 October 2026) with more top-level
   * keys.
   */
  private Path focusJob(String more) throws IOException {
    Path job = dir.resolve("focus-job-" + Integer.toHexString(more.hashCode()) + ".yaml");
    Files.writeString(
        job,
        "name: focus-job\nbilling:\n  - path: "
            + TestPaths.sample("billing/focus/focus-1.2-aws-export-2026-10.csv")
            + "\n"
            + more);
    return job;
  }
}
