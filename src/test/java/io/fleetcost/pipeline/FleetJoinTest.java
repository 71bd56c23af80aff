package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.cli.Cli;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join of telemetry to the bill on a hand-made fleet of two days, every GPU sampled every 15
 * minutes (192 samples, 48 hours each):
 *
 * <ul>
 *   <li>{@code i-aaa} (g5.12xlarge, 4 × A10G, 5.672/h, team=search): samples carry its instance id;
 *       all 4 GPUs idle;
 *   <li>{@code i-bbb} (g5.xlarge, 1.006/h, no tags): samples name only node {@code node-b} of
 *       cluster {@code eks-a}, which the inventory ({@code kubectl get nodes -o json}) maps to
 *       {@code aws:///us-east-1a/i-bbb}; 80 % busy, pod {@code serving/ranker-7d9f8b6c5-x2kfz};
 *   <li>{@code i-ccc} (g5.xlarge, 1.006/h): billed, no telemetry;
 *   <li>{@code vol-0123} (EBS, 0.1/h): billed, not a GPU resource;
 *   <li>{@code node-x} (1 GPU): no instance id, not in the inventory: unjoined;
 *   <li>{@code i-ddd} (1 GPU): samples carry its id, but the bill has no row for it: unjoined.
 * </ul>
 */
class FleetJoinTest {
  @TempDir static Path dir;
  static JsonNode summary;
  static JsonNode opportunities;
  static Path out;

  static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  static final int HOURS = 48;

  @BeforeAll
  static void run() throws IOException {
    Path billing = Files.createDirectories(dir.resolve("billing"));
    StringBuilder focus =
        new StringBuilder(
            "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,ProviderName,"
                + "SubAccountId,RegionId,ResourceId,PricingCategory,ServiceCategory,SkuPriceDetails,Tags\n");
    for (int h = 0; h < HOURS; h++) {
      Instant from = START.plus(h, ChronoUnit.HOURS);
      Instant to = from.plus(1, ChronoUnit.HOURS);
      focus.append(
          row(from, to, "5.672", "i-aaa", "g5.12xlarge", "{\"\"team\"\": \"\"search\"\"}"));
      focus.append(row(from, to, "1.006", "i-bbb", "g5.xlarge", "{}"));
      focus.append(row(from, to, "1.006", "i-ccc", "g5.xlarge", "{}"));
      focus.append(row(from, to, "0.1", "vol-0123", null, "{}"));
    }
    Files.writeString(billing.resolve("focus-2026-09.csv"), focus);

    Path telemetry = Files.createDirectories(dir.resolve("telemetry"));
    StringBuilder samples =
        new StringBuilder(
            "timestamp,metric,value,instance_id,node,cluster,gpu_uuid,gpu_index,namespace,pod\n");
    for (int i = 0; i < HOURS * 4; i++) {
      String time = START.plus(15L * i, ChronoUnit.MINUTES).toString();
      for (int g = 0; g < 4; g++) {
        sample(samples, time, "0", "0", "i-aaa", "ip-10-0-0-1", "", "GPU-aaa-" + g, g, "", "");
      }
      sample(
          samples,
          time,
          "80",
          "12000",
          "",
          "node-b",
          "eks-a",
          "GPU-bbb-0",
          0,
          "serving",
          "ranker-7d9f8b6c5-x2kfz");
      sample(
          samples,
          time,
          "50",
          "8000",
          "",
          "node-x",
          "eks-a",
          "GPU-xxx-0",
          0,
          "research",
          "notebook-0");
      sample(samples, time, "60", "9000", "i-ddd", "ip-10-0-0-9", "", "GPU-ddd-0", 0, "", "");
    }
    Files.writeString(telemetry.resolve("samples.csv"), samples);
    Files.writeString(
        dir.resolve("eks-a-nodes.json"),
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"kind": "Node", "metadata": {"name": "node-b"}, "spec": {"providerID": "aws:///us-east-1a/i-bbb"}},
          {"kind": "Node", "metadata": {"name": "node-kind"}, "spec": {}}
        ]}
        """);
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            """
            name: join-test
            billing:
              - path: billing
            telemetry:
              - path: telemetry
                format: gpu-samples-csv
            inventory:
              - path: eks-a-nodes.json
                cluster: eks-a
            savings:
              lookback-days: 2
            # the run date is 4 weeks after the data (the window then ends at the newest sample): the inputs are
            # reported missing for the run date's window, which this test accepts
            data-quality:
              on-missing-input: warn
            """);
    out = dir.resolve("out");
    Cli.Result result =
        Cli.run("run", job.toString(), "--date", "2026-09-30", "--out", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    opportunities = new ObjectMapper().readTree(out.resolve("opportunities.json").toFile());
  }

  private static String row(
      Instant from, Instant to, String cost, String resource, String instanceType, String tags) {
    String details =
        instanceType == null ? "" : "\"{\"\"InstanceType\"\": \"\"" + instanceType + "\"\"}\"";
    return String.join(
            ",",
            from.toString(),
            to.toString(),
            "Usage",
            cost,
            cost,
            "USD",
            "AWS",
            "111122223333",
            "us-east-1",
            resource,
            "Standard",
            instanceType == null ? "Storage" : "Compute",
            details,
            "\"" + tags + "\"")
        + "\n";
  }

  private static void sample(
      StringBuilder out,
      String time,
      String util,
      String memory,
      String instance,
      String node,
      String cluster,
      String uuid,
      int index,
      String namespace,
      String pod) {
    for (String[] metric :
        new String[][] {{"gpu_util", util}, {"fb_used_mib", memory}, {"fb_total_mib", "23028"}}) {
      out.append(
              String.join(
                  ",",
                  time,
                  metric[0],
                  metric[1],
                  instance,
                  node,
                  cluster,
                  uuid,
                  String.valueOf(index),
                  namespace,
                  pod))
          .append('\n');
    }
  }

  @Test
  void theWindowEndsAtTheNewestSampleAndEveryGpuIsProfiled() {
    JsonNode analysis = summary.get("cost_analysis");
    // newest sample 2026-09-02T23:45Z: the window ends at the next hour and starts 2 days before
    assertThat(analysis.get("window").get("end").asText()).isEqualTo("2026-09-03T00:00:00Z");
    assertThat(analysis.get("window").get("start").asText()).isEqualTo("2026-09-01T00:00:00Z");
    assertThat(analysis.get("window").get("ended_by").asText())
        .isEqualTo("newest telemetry sample");
    assertThat(summary.get("row_counts").get("gpu_samples").asLong()).isEqualTo(7 * 192);
    assertThat(summary.get("row_counts").get("gpu_profiles").asLong()).isEqualTo(7);
    // ranker-7d9f8b6c5-x2kfz -> ranker; notebook-0 -> notebook (i-aaa and i-ddd have no pods)
    assertThat(summary.get("row_counts").get("workload_profiles").asLong()).isEqualTo(2);
    assertThat(summary.get("inputs").get("inventory").get(0).get("nodes").asLong())
        .as("node-kind has no providerID and maps to nothing")
        .isEqualTo(1);
  }

  @Test
  void unjoinedGpuHoursAreReportedWithTheirReason() {
    JsonNode coverage = summary.get("cost_analysis").get("coverage");
    assertThat(coverage.get("gpus_profiled").asInt()).isEqualTo(7);
    assertThat(coverage.get("gpus_joined").asInt()).isEqualTo(5);
    assertThat(coverage.get("gpus_joined_by").get("instance_id").asInt()).isEqualTo(4);
    assertThat(coverage.get("gpus_joined_by").get("inventory").asInt()).isEqualTo(1);
    // 7 GPUs x 48 h = 336 GPU hours; node-x and i-ddd: 2 x 48 = 96 unjoined; 96 / 336 = 0.2857
    assertThat(coverage.get("gpu_hours_total").asDouble()).isEqualTo(336.0);
    assertThat(coverage.get("gpu_hours_unjoined").asDouble()).isEqualTo(96.0);
    assertThat(coverage.get("gpu_hours_unjoined_share").asDouble()).isEqualTo(0.2857);
    List<String> reasons = new ArrayList<>();
    coverage
        .get("unjoined_gpus")
        .forEach(g -> reasons.add(g.get("node").asText() + ": " + g.get("reason").asText()));
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "node-x: no instance id, providerID or inventory entry names its resource",
            "ip-10-0-0-9: resource i-ddd has no billing rows in the window");
    JsonNode without = coverage.get("gpu_resources_without_telemetry");
    assertThat(without).hasSize(1);
    assertThat(without.get(0).get("resource_id").asText()).isEqualTo("i-ccc");
    // 1.006 x 48 h billed over 48 h -> 1.006 x 730 = 734.38
    assertThat(without.get(0).get("monthly_cost").decimalValue()).isEqualByComparingTo("734.38");
    assertThat(coverage.get("resources_analyzed").asInt()).isEqualTo(2);
  }

  @Test
  void monthlyFiguresAreTheWindowsRateOverA730HourMonth() {
    JsonNode analysis = summary.get("cost_analysis");
    // (5.672 + 1.006 + 1.006 + 0.1) x 48 h over 48 billed hours -> 7.784 x 730 = 5682.32
    assertThat(analysis.get("monthly_estimate_usd").decimalValue()).isEqualByComparingTo("5682.32");
    // the GPU resources analysed: i-aaa and i-bbb, (5.672 + 1.006) x 730 = 4874.94
    assertThat(analysis.get("gpu_monthly_cost_usd").decimalValue()).isEqualByComparingTo("4874.94");
    // i-aaa is idle: all of 5.672 x 730 = 4140.56
    assertThat(analysis.get("identified_monthly_savings_usd").decimalValue())
        .isEqualByComparingTo("4140.56");
    assertThat(analysis.get("projected_gpu_monthly_cost_usd").decimalValue())
        .isEqualByComparingTo("734.38");
    JsonNode byTeam = analysis.get("breakdown").get("by_team");
    assertThat(byTeam.get(0).get("team").asText()).isEqualTo("search");
    assertThat(byTeam.get(0).get("monthly_saving_usd").decimalValue())
        .isEqualByComparingTo("4140.56");
    assertThat(byTeam.get(1).get("team").asText())
        .as("no team tag: the namespace of its pods")
        .isEqualTo("serving");
    assertThat(byTeam.get(1).get("gpu_monthly_cost_usd").decimalValue())
        .isEqualByComparingTo("734.38");
  }

  @Test
  void untaggedSpendIsAGovernanceFindingOfTheSecurityPosture() {
    // usage without a team/owner tag: i-bbb, i-ccc and the volume, (1.006 + 1.006 + 0.1) x 48 =
    // 101.376 of
    // 7.784 x 48 = 373.632: 27.13 % > the 10 % default
    JsonNode posture = summary.get("security_posture");
    JsonNode finding = null;
    for (JsonNode v : posture.get("vulnerabilities")) {
      if (v.get("check_id").asText().equals("untagged-spend")) {
        finding = v;
      }
    }
    assertThat(finding).isNotNull();
    assertThat(finding.get("severity").asText()).isEqualTo("medium");
    assertThat(finding.get("message").asText())
        .startsWith(
            "27.1 % of the window's USD usage spend (101.38 of 373.63) carries no team or owner tag")
        .contains("i-bbb (48.29)");
    // no manifests: the governance check is the only one that applies, and it fails: score 0,
    // compliance 0
    assertThat(posture.get("score").asDouble()).isEqualTo(0.0);
    assertThat(posture.get("compliance_pct").asDouble()).isEqualTo(0.0);
    assertThat(posture.get("recommendations").get(0).get("check_id").asText())
        .isEqualTo("untagged-spend");
  }

  @Test
  void theIdleInstanceIsTheOnlyOpportunityWithItsEvidence() throws IOException {
    assertThat(opportunities).hasSize(1);
    JsonNode o = opportunities.get(0);
    // op- + the first 16 hex digits of: printf 'AWS|i-aaa|idle' | sha256sum
    assertThat(o.get("id").asText()).isEqualTo("op-edc1713abe9ccc11");
    assertThat(o.get("lever").asText()).isEqualTo("idle");
    assertThat(o.get("resource_id").asText()).isEqualTo("i-aaa");
    assertThat(o.get("provider").asText()).isEqualTo("AWS");
    assertThat(o.get("owner").asText()).isEqualTo("search");
    assertThat(o.get("current_monthly_cost").decimalValue()).isEqualByComparingTo("4140.56");
    assertThat(o.get("projected_monthly_cost").decimalValue()).isEqualByComparingTo("0");
    assertThat(o.get("monthly_saving").decimalValue()).isEqualByComparingTo("4140.56");
    // full coverage (48 of 48 hours): (0.5 + 0.5 x 1) x 1.0 = 1.0; priority = 4140.56 x 1.0 /
    // effort 1
    assertThat(o.get("confidence").asDouble()).isEqualTo(1.0);
    assertThat(o.get("effort").asInt()).isEqualTo(1);
    assertThat(o.get("priority").decimalValue()).isEqualByComparingTo("4140.56");
    JsonNode billing = o.get("evidence").get("billing");
    assertThat(billing.get("rows").asLong()).isEqualTo(48);
    assertThat(new BigDecimal(billing.get("effective_cost_in_window").asText()))
        .isEqualByComparingTo("272.256");
    assertThat(billing.get("billed_hours").asDouble()).isEqualTo(48.0);
    assertThat(billing.get("sample_rows")).hasSize(5);
    assertThat(billing.get("sample_rows").get(0).asText()).endsWith("focus-2026-09.csv:2");
    assertThat(o.get("evidence").get("gpus")).hasSize(4);
    assertThat(
            summary
                .get("cost_analysis")
                .get("optimization_opportunities")
                .get(0)
                .get("id")
                .asText())
        .isEqualTo(o.get("id").asText());

    List<String> csv = Files.readAllLines(out.resolve("opportunities.csv"));
    assertThat(csv).hasSize(2);
    assertThat(csv.get(0)).startsWith("rank,id,lever,provider,account_id,region,resource_id");
    assertThat(csv.get(1))
        .startsWith(
            "1," + o.get("id").asText() + ",idle,AWS,111122223333,us-east-1,i-aaa,,g5.12xlarge");
  }
}
