package io.fleetcost.history;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A run date's records for {@link HistoryStore#write} without a job: one row in every table, whose
 * values are those of a {@code version}, so that two runs' rows of a date differ in more than their
 * run id.
 */
final class HistoryRecords {
  private HistoryRecords() {}

  static HistoryStore.DateRecords of(
      SparkSession spark, LocalDate date, String runId, int version) {
    BigDecimal amount = BigDecimal.valueOf(100 + version);
    StructType all =
        StructType.fromDDL(
            HistoryTables.columns(HistoryTables.DAILY_SPEND).replace(" NOT NULL", ""));
    StructType spendColumns =
        new StructType(
            Arrays.stream(all.fields())
                .filter(f -> !f.name().equals("run_date") && !f.name().equals("run_id"))
                .toArray(StructField[]::new));
    var spend =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    Date.valueOf(date.minusDays(1)),
                    "AWS",
                    "111122223333",
                    "111122223333",
                    "Amazon EC2",
                    "team-" + version,
                    "USD",
                    amount,
                    amount,
                    amount,
                    10L + version)),
            spendColumns);
    GpuProfileRow gpu =
        new GpuProfileRow(
            date,
            "i-" + version,
            "gpu-" + version,
            "ml",
            "node-1",
            "NVIDIA A100",
            "research",
            48,
            version,
            version,
            1,
            1024);
    String opportunity = "opportunity-" + version;
    OpportunityRow listed =
        OpportunityRow.builder()
            .runDate(date)
            .id(opportunity)
            .rank(1)
            .lever("idle")
            .resourceId("i-" + version)
            .provider("AWS")
            .accountId("111122223333")
            .region("us-east-1")
            .instanceType("p4d.24xlarge")
            .gpuModel("NVIDIA A100")
            .gpuCount(8)
            .owner("research")
            .currency("USD")
            .currentMonthlyCost(amount)
            .projectedMonthlyCost(BigDecimal.ZERO.setScale(2))
            .monthlySaving(amount.setScale(2))
            .monthlySavingUsd(amount.setScale(2))
            .confidence(0.9)
            .risk("low")
            .effort(1)
            .priority(BigDecimal.ONE.setScale(2))
            .action("stop it")
            .build();
    FindingRow finding =
        new FindingRow(
            date,
            "check-" + version,
            "Privileged container",
            "high",
            10,
            "pod.yaml",
            0,
            "Pod",
            "ml",
            "trainer",
            "spec",
            "privileged",
            "drop it");
    RealizedRow realized =
        new RealizedRow(
            date,
            opportunity,
            "idle",
            "i-" + version,
            "research",
            SavingStatus.OPEN,
            date,
            null,
            amount.setScale(2),
            amount.setScale(2),
            amount.setScale(2),
            BigDecimal.ZERO.setScale(2));
    RunRow run =
        RunRow.builder()
            .runDate(date)
            .runId(runId)
            .job("rerun")
            .organization("Rerun Test")
            .seeded(false)
            .windowStart(date.minusDays(2) + "T00:00:00Z")
            .windowEnd(date + "T00:00:00Z")
            .spendMonthlyUsd(amount.setScale(2))
            .gpuSpendMonthlyUsd(amount.setScale(2))
            .identifiedMonthlyUsd(amount.setScale(2))
            .opportunities(1)
            .inProgressMonthlyUsd(BigDecimal.ZERO.setScale(2))
            .realizedMonthlyUsd(BigDecimal.ZERO.setScale(2))
            .securityScore(90.0)
            .compliancePct(80.0)
            .findingsBySeverity(Map.of("high", 1L))
            .billingRowsRead(10)
            .billingRowsQuarantined(0)
            .quarantinedByReason(Map.of())
            .telemetryValuesRead(20)
            .telemetryValuesQuarantined(0)
            .gpuHours(48)
            .idleGpuHours(1)
            .unjoinedGpuHours(0)
            .gpusProfiled(1)
            .meanGpuUtilization(version)
            .utilizationBuckets(Map.of("0-10", 1L))
            .resourcesWithoutTelemetry(0)
            .inputStatus(List.of())
            .unmeasuredGpuMonthlyUsd(BigDecimal.ZERO.setScale(2))
            .securityFilesNotRead(0)
            .externalRecommendations(List.of())
            .build();
    return new HistoryStore.DateRecords(
        spend, List.of(gpu), List.of(listed), List.of(finding), List.of(realized), run);
  }
}
