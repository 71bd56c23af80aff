package io.fleetcost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigLoaderTest {
  @TempDir Path dir;

  private Path job(String yaml) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("jobs"));
    return Files.writeString(folder.resolve("nightly.yaml"), yaml);
  }

  @Test
  void readsEveryKeyAndResolvesPathsAgainstTheJobFile() throws IOException {
    Path file =
        job(
            """
        name: nightly
        organization: Example ML
        output: ../out/nightly
        spark:
          master: spark://127.0.0.1:7077
          conf:
            spark.sql.shuffle.partitions: "8"
        billing:
          - name: aws
            path: ../data/cur
            format: aws-cur
          - path: [s3a://bucket/gcp/, /abs/azure.csv]
            azure-cost-dataset: amortized
        data-quality:
          max-quarantined-fraction: 0.01
        """);
    JobConfig config = new JobConfigLoader().load(file);
    assertThat(config.name()).isEqualTo("nightly");
    assertThat(config.organization()).isEqualTo("Example ML");
    assertThat(config.output()).isEqualTo(dir.resolve("out/nightly").toString());
    assertThat(config.spark().masterOrDefault()).isEqualTo("spark://127.0.0.1:7077");
    assertThat(config.spark().conf()).containsEntry("spark.sql.shuffle.partitions", "8");
    assertThat(config.billing()).hasSize(2);
    assertThat(config.billing().get(0).path()).containsExactly(dir.resolve("data/cur").toString());
    assertThat(config.billing().get(0).format()).isEqualTo("aws-cur");
    assertThat(config.billing().get(1).name()).as("default name").isEqualTo("billing-2");
    assertThat(config.billing().get(1).path())
        .containsExactly("s3a://bucket/gcp/", "/abs/azure.csv");
    assertThat(config.billing().get(1).format()).isEqualTo("auto");
    assertThat(config.billing().get(1).azureCostDataset()).isEqualTo("amortized");
    assertThat(config.dataQuality().maxQuarantinedFraction())
        .isEqualByComparingTo(new BigDecimal("0.01"));
  }

  @Test
  void defaultsApplyWhenKeysAreLeftOut() throws IOException {
    JobConfig config = new JobConfigLoader().load(job("billing:\n  - path: a.csv\n"));
    assertThat(config.name()).as("the file name").isEqualTo("nightly");
    assertThat(config.output()).isNull();
    assertThat(config.spark().masterOrDefault()).isEqualTo("local[*]");
    assertThat(config.dataQuality().maxQuarantinedFraction()).isNull();
  }

  @Test
  void anUnknownKeyIsAnErrorNamingTheKeyAndTheFile() throws IOException {
    Path file = job("billing:\n  - name: aws\n    pahts: a.csv\n");
    assertThatThrownBy(() -> new JobConfigLoader().load(file))
        .isInstanceOf(FleetCostException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown key 'pahts'")
        .hasMessageContaining("in billing[0] (line 3)")
        .hasMessageContaining("path")
        .satisfies(
            e -> assertThat(((FleetCostException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    Path top = job("name: x\nbiling: []\n");
    assertThatThrownBy(() -> new JobConfigLoader().load(top))
        .hasMessageContaining("unknown key 'biling' in the top level (line 2)");
  }

  @Test
  void badValuesAreErrorsNamingTheKey() throws IOException {
    assertThatThrownBy(() -> new JobConfigLoader().load(job("billing:\n  - name: a\n")))
        .hasMessageContaining("billing[0] has no 'path'");
    assertThatThrownBy(
            () ->
                new JobConfigLoader()
                    .load(job("billing:\n  - path: a.csv\n    azure-cost-dataset: both\n")))
        .hasMessageContaining("billing[0].azure-cost-dataset");
    assertThatThrownBy(
            () -> new JobConfigLoader().load(job("data-quality:\n  max-quarantined-fraction: 2\n")))
        .hasMessageContaining("data-quality.max-quarantined-fraction");
    assertThatThrownBy(
            () ->
                new JobConfigLoader()
                    .load(job("data-quality:\n  max-quarantined-fraction: lots\n")))
        .hasMessageContaining("invalid value at data-quality.max-quarantined-fraction");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("name: 'unterminated\n")))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("name: 'bad name!'\n")))
        .hasMessageContaining("key 'name'");
    assertThatThrownBy(() -> new JobConfigLoader().load(dir.resolve("missing.yaml")))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> new JobConfigLoader().load(job(""))).hasMessageContaining("empty");
  }

  @Test
  void runDateAndCloseDayAreReadWithTheirDefaults() throws IOException {
    JobConfig pinned =
        new JobConfigLoader().load(job("run-date: 2026-11-14\nreport:\n  close-day: 0\n"));
    assertThat(pinned.runDate()).isEqualTo(LocalDate.of(2026, 11, 14));
    assertThat(pinned.report().closeDay()).isZero();
    JobConfig quoted =
        new JobConfigLoader().load(job("run-date: '2026-02-28'\nreport:\n  close-day: 28\n"));
    assertThat(quoted.runDate()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(quoted.report().closeDay()).isEqualTo(28);
    JobConfig none = new JobConfigLoader().load(job("billing:\n  - path: a.csv\n"));
    assertThat(none.runDate()).as("unset: the command line or the clock decides").isNull();
    assertThat(none.report().closeDay()).isEqualTo(3);
  }

  @Test
  void badRunDatesAndCloseDaysAreErrorsNamingTheKeyTheLineAndTheFile() throws IOException {
    for (String bad :
        new String[] {"2026-02-30", "20261114", "2026-11-14T00:00", "14.11.2026", "yesterday"}) {
      Path file = job("name: x\nrun-date: " + bad + "\n");
      assertThatThrownBy(() -> new JobConfigLoader().load(file))
          .as(bad)
          .isInstanceOf(FleetCostException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("invalid value at run-date (line 2,")
          .hasMessageContaining("expected a date YYYY-MM-DD")
          .satisfies(
              e -> assertThat(((FleetCostException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }
    Path late = job("report:\n  page-size: A4\n  close-day: 29\nhistory:\n  seed-days: 2\n");
    assertThatThrownBy(() -> new JobConfigLoader().load(late))
        .hasMessageContaining(late.toString())
        .hasMessageContaining("invalid value at report.close-day (line 3)")
        .hasMessageContaining("between 0 and 28, not 29");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("report:\n  close-day: -1\n")))
        .hasMessageContaining("report.close-day (line 2)");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("report:\n  close-day: soon\n")))
        .hasMessageContaining("invalid value at report.close-day (line 2, column 14)");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("report:\n  close-day: 2.5\n")))
        .hasMessageContaining("invalid value at report.close-day (line 2, column 14)");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("report:\n  close_day: 3\n")))
        .hasMessageContaining("unknown key 'close_day' in report (line 2)")
        .hasMessageContaining("close-day");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("run_date: 2026-11-14\n")))
        .hasMessageContaining("unknown key 'run_date' in the top level (line 1)")
        .hasMessageContaining("run-date");
  }

  @Test
  void telemetryInventoryAndSavingsSectionsAreReadWithTheirDefaults() throws IOException {
    Path file =
        job(
            """
        telemetry:
          - path: ../telemetry/dcgm
            cluster: eks-ml
          - name: vms
            path: [../telemetry/smi]
            format: nvidia-smi
            timezone: America/New_York
        inventory:
          - path: ../k8s/eks-ml-nodes.json
            cluster: eks-ml
        savings:
          lookback-days: 7
          owner-tags: [cost-center]
          exchange-rates-to-usd: {EUR: 1.08}
          thresholds:
            rightsize-mean-percent: 25
            interruption-overhead: {">20%": 0.4}
        security:
          - path: [../k8s/platform, ../k8s/extra.yaml]
        governance:
          untagged-spend-max-fraction: 0.2
        data-quality:
          max-quarantined-telemetry-fraction: 0.05
        """);
    JobConfig config = new JobConfigLoader().load(file);
    assertThat(config.telemetry()).hasSize(2);
    assertThat(config.telemetry().get(0).name()).isEqualTo("telemetry-1");
    assertThat(config.telemetry().get(0).path())
        .containsExactly(dir.resolve("telemetry/dcgm").toString());
    assertThat(config.telemetry().get(0).format()).isEqualTo("auto");
    assertThat(config.telemetry().get(0).timezone()).isEqualTo("UTC");
    assertThat(config.telemetry().get(1).timezone()).isEqualTo("America/New_York");
    assertThat(config.inventory().get(0).cluster()).isEqualTo("eks-ml");
    assertThat(config.inventory().get(0).path())
        .containsExactly(dir.resolve("k8s/eks-ml-nodes.json").toString());
    assertThat(config.savings().lookbackDays()).isEqualTo(7);
    assertThat(config.savings().sampleGapLimitSeconds()).isEqualTo(900);
    assertThat(config.savings().ownerTags()).containsExactly("cost-center");
    assertThat(config.savings().exchangeRatesToUsd()).containsEntry("EUR", new BigDecimal("1.08"));
    SavingsThresholds thresholds = config.savings().thresholds().resolve();
    assertThat(thresholds.rightsizeMeanPercent()).isEqualTo(25);
    assertThat(thresholds.migMeanPercent()).as("default").isEqualTo(50);
    assertThat(thresholds.overhead(">20%")).isEqualTo(0.4);
    assertThat(thresholds.overhead("<5%")).as("default bucket").isEqualTo(0.05);
    assertThat(config.dataQuality().maxQuarantinedTelemetryFraction()).isEqualByComparingTo("0.05");
    assertThat(config.security())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("security-1");
              assertThat(s.path())
                  .containsExactly(
                      dir.resolve("k8s/platform").toString(),
                      dir.resolve("k8s/extra.yaml").toString());
            });
    assertThat(config.governance().untaggedSpendMaxFraction()).isEqualByComparingTo("0.2");

    JobConfig none = new JobConfigLoader().load(job("billing:\n  - path: a.csv\n"));
    assertThat(none.savings().lookbackDays()).isEqualTo(14);
    assertThat(none.savings().ownerTags()).containsExactly("team", "owner");
    assertThat(none.savings().thresholds().resolve()).isEqualTo(SavingsThresholds.DEFAULTS);
    assertThat(none.security()).isEmpty();
    assertThat(none.governance().untaggedSpendMaxFraction()).isEqualByComparingTo("0.10");
  }

  @Test
  void badTelemetryAndSavingsValuesNameTheirKey() throws IOException {
    assertThatThrownBy(
            () ->
                new JobConfigLoader()
                    .load(job("telemetry:\n  - path: a\n    timezone: Mars/Olympus\n")))
        .hasMessageContaining("telemetry[0].timezone 'Mars/Olympus'");
    assertThatThrownBy(
            () ->
                new JobConfigLoader().load(job("telemetry:\n  - path: a\n    format: dcgm-xml\n")))
        .hasMessageContaining("telemetry[0].format");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("telemetry:\n  - cluster: a\n")))
        .hasMessageContaining("telemetry[0] has no 'path'");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("savings:\n  lookback-days: 0\n")))
        .hasMessageContaining("savings.lookback-days");
    assertThatThrownBy(
            () ->
                new JobConfigLoader()
                    .load(job("savings:\n  thresholds:\n    mig-mean-percent: 140\n")))
        .hasMessageContaining("savings.thresholds: migMeanPercent must be between 0 and 100");
    assertThatThrownBy(
            () -> new JobConfigLoader().load(job("savings:\n  thresholds:\n    idle-mean: 2\n")))
        .hasMessageContaining("unknown key 'idle-mean' in savings.thresholds");
    assertThatThrownBy(
            () ->
                new JobConfigLoader().load(job("savings:\n  exchange-rates-to-usd: {euro: 1.1}\n")))
        .hasMessageContaining("savings.exchange-rates-to-usd");
    assertThatThrownBy(() -> new JobConfigLoader().load(job("security:\n  - name: x\n")))
        .hasMessageContaining("security[0] has no 'path'");
    assertThatThrownBy(
            () ->
                new JobConfigLoader().load(job("governance:\n  untagged-spend-max-fraction: 3\n")))
        .hasMessageContaining("governance.untagged-spend-max-fraction");
  }
}
