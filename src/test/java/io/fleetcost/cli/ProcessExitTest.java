package io.fleetcost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetcost} as a scheduler sees it: a separate JVM with the product's own logging configuration, its exit
 * code, and what it prints on standard output and standard error.
 */
class ProcessExitTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  private Run fleetcost(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens") || option.startsWith("-XX:+IgnoreUnrecognized") || option.startsWith("-Dio.netty")) {
        command.add(option);
      }
    }
    command.add("-Xmx1g");
    command.add("-Dlog4j2.configurationFile=" + TestPaths.PROJECT.resolve("target/classes/log4j2.properties"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FleetCostMain.class.getName());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("fleetcost finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theSampleRunExitsZeroPrintsProgressAndSaysWhereItsOutputsAre() throws Exception {
    Path out = dir.resolve("out");
    Run run = fleetcost("run", TestPaths.PROJECT.resolve("jobs/sample.yaml").toString(), "--out", out.toString(), "--progress-seconds", "1",
        "--no-history");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).as("the job file's run-date, not yesterday").contains("of job 'sample' for 2026-11-14: succeeded");
    assertThat(run.out()).contains("Outputs are in " + out);
    // the 4 hand-written exports and the sample fleet's 4 bill files; its 77 telemetry files
    assertThat(run.err())
        .contains("fleetcost ingest billing: started (8 files)")
        .contains("fleetcost ingest billing: running for")
        .containsPattern("fleetcost ingest billing: finished in [0-9.]+ s: 74,223 rows read, 74,223 kept, 0 quarantined")
        .contains("fleetcost ingest telemetry: started (77 files)")
        .containsPattern("fleetcost profile GPUs: finished in [0-9.]+ s: 304 GPUs, 75 workloads");
    assertThat(run.out()).contains("savings: 47 opportunities");
    assertThat(run.err()).as("quiet by default: no Spark INFO lines").doesNotContain(" INFO ");
    assertThat(out.resolve("summary.json")).exists();
  }

  @Test
  void jsonLogLinesWhenAsked() throws Exception {
    Path file = TestPaths.sample("billing/focus/focus-1.2-aws-export-2026-10.csv");
    Run run = fleetcost("ingest", file.toString(), "--out", dir.resolve("out").toString(), "--log-format", "json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator")).toList();
    assertThat(lines).isNotEmpty();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line : lines) {
      com.fasterxml.jackson.databind.JsonNode node = json.readTree(line);
      assertThat(node.get("time").asText()).as(line).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      assertThat(node.get("level").asText()).as(line).isNotEmpty();
      assertThat(node.has("message")).as(line).isTrue();
    }
    assertThat(lines).anyMatch(l -> l.contains("\"message\":\"ingest billing: finished in"));
  }

  @Test
  void badInputExitsTwoWithOneReadableLine() throws Exception {
    Path file = Files.writeString(dir.resolve("cur.csv"),
        "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/CurrencyCode\nUsage,2023-11-01,2023-11-02,USD\n");
    Run run = fleetcost("ingest", file.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("fleetcost: Cannot read " + file + " as aws-cur: required column").contains("lineItem/UnblendedCost");
    assertThat(run.err()).as("no stack trace without -v").doesNotContain("\tat ");
  }
}
