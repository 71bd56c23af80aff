package io.fleetcost.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.fleetcost.TestPaths;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetcost} as a scheduler sees it: a separate JVM with the product's own logging
 * configuration, its exit code, and what it prints on standard output and standard error. The
 * sample job's run as a scheduler sees it (exit 0, progress lines, quiet Spark, where the outputs
 * are) is checked on the packaged jar by {@code StandaloneClusterIT} ({@code mvn verify}), which
 * runs it anyway.
 */
class ProcessExitTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  private Run fleetcost(String... args) throws IOException, InterruptedException {
    return fleetcost(Map.of(), args);
  }

  private Run fleetcost(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens")
          || option.startsWith("-XX:+IgnoreUnrecognized")
          || option.startsWith("-Dio.netty")) {
        command.add(option);
      }
    }
    command.add("-Xmx1g");
    command.add(
        "-Dlog4j2.configurationFile="
            + TestPaths.PROJECT.resolve("target/classes/log4j2.properties"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FleetCostMain.class.getName());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("fleetcost finished").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void jsonLogLinesWhenAsked() throws Exception {
    Path file = TestPaths.sample("billing/focus/focus-1.2-aws-export-2026-10.csv");
    Run run =
        fleetcost(
            "ingest",
            file.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--log-format",
            "json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines =
        run.err()
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator"))
            .toList();
    assertThat(lines).isNotEmpty();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line : lines) {
      com.fasterxml.jackson.databind.JsonNode node = json.readTree(line);
      assertThat(node.get("time").asText())
          .as(line)
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      assertThat(node.get("level").asText()).as(line).isNotEmpty();
      assertThat(node.has("message")).as(line).isTrue();
    }
    assertThat(lines).anyMatch(l -> l.contains("\"message\":\"ingest billing: finished in"));
  }

  @Test
  void badInputExitsTwoWithOneReadableLine() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("cur.csv"),
            "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/CurrencyCode\nUsage,2023-11-01,2023-11-02,USD\n");
    Run run = fleetcost("ingest", file.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .contains("fleetcost: Cannot read " + file + " as aws-cur: required column")
        .contains("lineItem/UnblendedCost");
    assertThat(run.err()).as("no stack trace without -v").doesNotContain("\tat ");
  }

  /**
   * A pull with credentials in the environment (the SDK's default chain), logging verbosely, then a
   * refused one: the requests are signed with the environment's key, and neither the secret nor the
   * session token is ever printed.
   */
  @Test
  void aPullTakesCredentialsFromTheEnvironmentAndNeverPrintsThem() throws Exception {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETSTUB";
    String token = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENSTUB";
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    try {
      server.stubFor(
          post(urlEqualTo("/"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/x-amz-json-1.1")
                      .withHeader("x-amzn-RequestId", "req-1")
                      .withBody(
                          "{\"ResultsByTime\":[{\"TimePeriod\":{\"Start\":\"2026-11-14\",\"End\":\"2026-11-15\"},\"Total\":"
                              + "{\"UnblendedCost\":{\"Amount\":\"12.5\",\"Unit\":\"USD\"},\"AmortizedCost\":{\"Amount\":\"12.5\","
                              + "\"Unit\":\"USD\"}},\"Groups\":[],\"Estimated\":true}]}")));
      Path job =
          Files.writeString(
              dir.resolve("api.yaml"),
              "name: api\noutput: out\nbilling:\n  - name: aws-api\n    source: aws-cost-explorer\n    endpoint: http://127.0.0.1:"
                  + server.port()
                  + "\n    retry:\n      initial-delay-seconds: 0.01\n      max-delay-seconds: 0.02\n");
      Map<String, String> credentials =
          Map.of(
              "AWS_ACCESS_KEY_ID",
              "AKIDENVIRONMENTSTUB",
              "AWS_SECRET_ACCESS_KEY",
              secret,
              "AWS_SESSION_TOKEN",
              token);
      Run pulled =
          fleetcost(credentials, "pull", job.toString(), "--date", "2026-11-14", "--verbose");
      assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
      assertThat(pulled.out())
          .contains(
              "pulled aws-api (aws-cost-explorer): 1 rows, 1 page, 1 request (0 retried), 1 estimated day");
      server.verify(
          postRequestedFor(urlEqualTo("/"))
              .withHeader(
                  "Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDENVIRONMENTSTUB/.*"))
              .withHeader("X-Amz-Security-Token", equalTo(token)));

      server.resetAll();
      server.stubFor(
          post(urlEqualTo("/"))
              .willReturn(
                  aResponse()
                      .withStatus(403)
                      .withHeader("x-amzn-RequestId", "req-403")
                      .withBody(
                          "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform: ce:GetCostAndUsage\"}")));
      Run refused =
          fleetcost(credentials, "pull", job.toString(), "--date", "2026-11-15", "--verbose");
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err()).contains("HTTP 403 AccessDeniedException (request id req-403)");
      for (Run run : List.of(pulled, refused)) {
        assertThat(run.out() + run.err())
            .doesNotContain(secret)
            .doesNotContain(token)
            .doesNotContain(secret.substring(0, 12));
      }
      assertThat(Files.readString(job)).doesNotContain("AKID");
    } finally {
      server.stop();
    }
  }
}
