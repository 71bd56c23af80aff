package io.fleetcost.history;

import static io.fleetcost.history.HistoryDumps.RUN_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.savings.MigPlacement;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse written by an older FleetCost is upgraded when it is opened, and its dates read as
 * they did:
 *
 * <ul>
 *   <li>before the coverage check and the nullable security score, it lacks their {@code runs}
 *       columns: opening it adds them, its old dates read them as empty, and new dates write them;
 *   <li>before run ids, no table but {@code runs} has {@code run_id}: opening it gives every row
 *       its date's run id;
 *   <li>before the typed MIG plan, {@code opportunities} has the plan as JSON text in {@code
 *       plan_json}: opening it converts the plans to {@code plan} and drops {@code plan_json}.
 * </ul>
 */
class HistoryUpgradeTest {
  static final List<String> ADDED =
      List.of(
          "input_status",
          "unmeasured_gpu_monthly_usd",
          "security_files_not_read",
          "external_recommendations");

  @TempDir Path dir;

  private static RunRow run(
      LocalDate date, List<InputStatus> inputs, BigDecimal unmeasured, Integer notRead) {
    return run(date, inputs, unmeasured, notRead, List.of());
  }

  private static RunRow run(
      LocalDate date,
      List<InputStatus> inputs,
      BigDecimal unmeasured,
      Integer notRead,
      List<RecommendationRow> external) {
    return RunRow.builder()
        .runDate(date)
        .runId("run-" + date)
        .job("upgrade")
        .organization("Upgrade Test")
        .seeded(false)
        .windowStart(date + "T00:00:00Z")
        .windowEnd(date.plusDays(1) + "T00:00:00Z")
        .spendMonthlyUsd(new BigDecimal("100.00"))
        .gpuSpendMonthlyUsd(new BigDecimal("80.00"))
        .identifiedMonthlyUsd(new BigDecimal("10.00"))
        .opportunities(1)
        .inProgressMonthlyUsd(new BigDecimal("0.00"))
        .realizedMonthlyUsd(new BigDecimal("0.00"))
        .securityScore(null)
        .compliancePct(null)
        .findingsBySeverity(Map.of())
        .billingRowsRead(10)
        .billingRowsQuarantined(0)
        .quarantinedByReason(Map.of())
        .telemetryValuesRead(20)
        .telemetryValuesQuarantined(0)
        .gpuHours(48.0)
        .idleGpuHours(2.0)
        .unjoinedGpuHours(0.0)
        .gpusProfiled(2)
        .meanGpuUtilization(35.0)
        .utilizationBuckets(Map.of("0-10", 1L))
        .resourcesWithoutTelemetry(0)
        .inputStatus(inputs)
        .unmeasuredGpuMonthlyUsd(unmeasured)
        .securityFilesNotRead(notRead)
        .externalRecommendations(external)
        .build();
  }

  private static Dataset<Row> noSpend(SparkSession spark) {
    StructType all =
        StructType.fromDDL(
            HistoryTables.columns(HistoryTables.DAILY_SPEND).replace(" NOT NULL", ""));
    StructType withoutDate =
        new StructType(
            Arrays.stream(all.fields())
                .filter(f -> !f.name().equals("run_date"))
                .toArray(StructField[]::new));
    return spark.createDataFrame(List.<Row>of(), withoutDate);
  }

  @Test
  void openingAnOlderWarehouseAddsTheNewRunsColumnsAndKeepsItsDates() {
    SparkSession spark = SharedSpark.session();
    String warehouse = dir.resolve("warehouse").toString();
    HistoryStore store = HistoryStore.open(spark, warehouse, "fleetcost", line -> {});
    LocalDate before = LocalDate.of(2026, 10, 1);
    store.write(
        before,
        new HistoryStore.DateRecords(
            noSpend(spark),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            run(before, List.of(), null, null)));
    // an older FleetCost's table: without the columns added since
    for (String column : ADDED) {
      spark.sql("ALTER TABLE " + store.table(HistoryTables.RUNS) + " DROP COLUMN " + column);
    }
    assertThat(Arrays.asList(spark.table(store.table(HistoryTables.RUNS)).schema().fieldNames()))
        .doesNotContainAnyElementsOf(ADDED);

    StringBuilder log = new StringBuilder();
    HistoryStore upgraded =
        HistoryStore.open(spark, warehouse, "fleetcost", line -> log.append(line).append('\n'));
    assertThat(Arrays.asList(spark.table(upgraded.table(HistoryTables.RUNS)).schema().fieldNames()))
        .containsAll(ADDED);
    assertThat(log.toString()).contains("history: adding column input_status to runs");
    LocalDate after = LocalDate.of(2026, 10, 2);
    InputStatus stale =
        new InputStatus("aws", "billing", "stale", "2026-10-01T00:00:00Z", 1, 24, "96 h old");
    List<RecommendationRow> external =
        List.of(
            new RecommendationRow(
                "i-0a",
                "trainer-1",
                "AWS",
                "differ",
                "idle",
                new BigDecimal("2920.00"),
                "USD",
                "aws-cost-explorer",
                "p3.2xlarge",
                "MODIFY",
                "g5.2xlarge",
                new BigDecimal("300.45"),
                "USD",
                "the cloud: resize; FleetCost: idle"),
            new RecommendationRow(
                "i-0b",
                null,
                "AWS",
                "fleetcost only",
                "spot, mig",
                new BigDecimal("10.01"),
                "USD",
                null,
                null,
                null,
                null,
                null,
                null,
                "FleetCost: spot then mig"));
    upgraded.write(
        after,
        new HistoryStore.DateRecords(
            noSpend(spark),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            run(after, List.of(stale), new BigDecimal("12.34"), 1, external)));

    List<RunRow> runs = upgraded.runs();
    assertThat(runs).extracting(RunRow::runDate).containsExactly(before, after);
    assertThat(runs.get(0).inputStatus()).as("the older date has no coverage recorded").isEmpty();
    assertThat(runs.get(0).unmeasuredGpuMonthlyUsd()).isNull();
    assertThat(runs.get(0).securityFilesNotRead()).isNull();
    assertThat(runs.get(1).inputStatus()).containsExactly(stale);
    assertThat(runs.get(1).inputsNotOk()).containsExactly(stale);
    assertThat(runs.get(1).unmeasuredGpuMonthlyUsd()).isEqualByComparingTo("12.34");
    assertThat(runs.get(1).securityFilesNotRead()).isEqualTo(1);
    assertThat(runs.get(0).externalRecommendations()).as("the older date imported none").isEmpty();
    assertThat(runs.get(1).externalRecommendations()).containsExactlyElementsOf(external);
  }

  /**
   * The older warehouse holds what a warehouse of today's FleetCost holds (two complete dates, and
   * the rows of a run of a third killed before its {@code runs} row), without run ids: its tables
   * have no {@code run_id} and are partitioned by {@code run_date} only, except {@code
   * daily_spend}, left upgraded by an open that was killed after it.
   */
  @Test
  void openingAWarehouseWithoutRunIdsFillsThemFromRunsAndReadsTheSameRows() throws Exception {
    SparkSession spark = SharedSpark.session();
    LocalDate first = LocalDate.of(2026, 10, 1);
    LocalDate second = LocalDate.of(2026, 10, 2);
    LocalDate killed = LocalDate.of(2026, 10, 3);
    String todays = dir.resolve("today").toString();
    HistoryStore today = HistoryStore.open(spark, todays, "fleetcost", line -> {});
    today.write(first, HistoryRecords.of(spark, first, "run-1", 1));
    today.write(second, HistoryRecords.of(spark, second, "run-2", 2));
    TableCommitHook killedBeforeRuns =
        (table, date) -> {
          if (table.equals(HistoryTables.RUNS)) {
            throw new IllegalStateException("killed");
          }
        };
    assertThatThrownBy(
            () ->
                HistoryStore.open(spark, todays, "fleetcost", line -> {}, killedBeforeRuns)
                    .write(killed, HistoryRecords.of(spark, killed, "run-3", 3)))
        .hasMessage("killed");

    String warehouse = dir.resolve("older").toString();
    HistoryStore older =
        HistoryStore.open(
            spark, warehouse, "fleetcost", line -> {}); // today's tables, replaced below
    for (String table : HistoryTables.ALL) {
      Dataset<Row> rows = spark.table(today.table(table));
      if (table.equals(HistoryTables.DAILY_SPEND)) {
        rows = today.current(table);
      } else if (!table.equals(HistoryTables.RUNS)) {
        spark.sql("DROP TABLE " + older.table(table) + " PURGE");
        spark.sql(
            "CREATE TABLE "
                + older.table(table)
                + " ("
                + HistoryTables.columns(table).replace("run_id STRING, ", "")
                + ") USING iceberg PARTITIONED BY (run_date) TBLPROPERTIES ('format-version'='2')");
        rows = rows.drop("run_id");
      }
      rows.writeTo(older.table(table)).append();
    }
    assertThat(spark.table(older.table(HistoryTables.GPU_PROFILES)).columns())
        .doesNotContain("run_id");
    // an older FleetCost read the rows of the dates that have a runs row
    Dataset<Row> complete =
        spark.table(older.table(HistoryTables.RUNS)).select(col("run_date").as("complete_date"));
    Map<String, List<String>> readBefore =
        HistoryDumps.dump(
            table ->
                spark
                    .table(older.table(table))
                    .join(complete, col("run_date").equalTo(col("complete_date")), "left_semi"),
            RUN_ID);
    assertThat(readBefore.get(HistoryTables.OPPORTUNITIES)).hasSize(2);

    StringBuilder log = new StringBuilder();
    HistoryStore upgraded =
        HistoryStore.open(spark, warehouse, "fleetcost", line -> log.append(line).append('\n'));
    assertThat(log.toString())
        .contains(
            "history: adding column run_id to gpu_profiles",
            "history: partitioning gpu_profiles by run_id")
        .contains("history: filling run_id of gpu_profiles from runs (3 run dates)")
        .doesNotContain("run_id of daily_spend");
    assertThat(HistoryDumps.runIdsOf(upgraded, first))
        .allSatisfy((table, ids) -> assertThat(ids).as(table).containsExactly("run-1"));
    assertThat(HistoryDumps.runIdsOf(upgraded, second))
        .allSatisfy((table, ids) -> assertThat(ids).as(table).containsExactly("run-2"));
    assertThat(HistoryDumps.dumpOf(upgraded, killed, List.of()))
        .as("the killed run's rows, never read, are not kept")
        .allSatisfy((table, rows) -> assertThat(rows).as(table).isEmpty());
    for (String table : HistoryTables.POINTED_AT) {
      assertThat(
              spark
                  .table(upgraded.table(table) + ".files")
                  .filter(col("partition.run_id").isNull())
                  .count())
          .as("%s's files without a run id partition", table)
          .isZero();
    }
    assertThat(HistoryDumps.current(upgraded, RUN_ID))
        .as("the rows read after the upgrade")
        .isEqualTo(readBefore);
    assertThat(HistoryDumps.current(today, RUN_ID))
        .as("the rows read in today's warehouse")
        .isEqualTo(readBefore);
    assertThat(upgraded.snapshot(YearMonth.of(2026, 10), second, Map.of()))
        .isEqualTo(today.snapshot(YearMonth.of(2026, 10), second, Map.of()));

    StringBuilder again = new StringBuilder();
    HistoryStore.open(spark, warehouse, "fleetcost", line -> again.append(line).append('\n'));
    assertThat(again.toString()).as("an upgraded warehouse is not upgraded again").isEmpty();
    upgraded.write(second, HistoryRecords.of(spark, second, "run-4", 4));
    assertThat(HistoryDumps.runIdsOf(upgraded, second))
        .allSatisfy((table, ids) -> assertThat(ids).as(table).containsExactly("run-4"));
    assertThat(HistoryDumps.runIdsOf(upgraded, first))
        .allSatisfy((table, ids) -> assertThat(ids).as(table).containsExactly("run-1"));
  }

  /**
   * The text an older FleetCost wrote in {@code plan_json} (SummaryJson's mapper, no indentation):
   * every field, snake_case, nulls written.
   */
  static final String OLD_PLAN_JSON =
      "[{\"resource_id\":\"i-0a\",\"gpu_key\":\"GPU-0\",\"profile\":\"3g.40gb\",\"start_slice\":0,"
          + "\"compute_slices\":3,\"memory_slices\":4,\"workload\":\"ml/notebook-7\",\"from_gpu\":\"i-0b GPU-2\"},"
          + "{\"resource_id\":\"i-0a\",\"gpu_key\":\"GPU-0\",\"profile\":\"2g.20gb\",\"start_slice\":4,"
          + "\"compute_slices\":2,\"memory_slices\":2,\"workload\":\"inference/embedder\",\"from_gpu\":null}]";

  @Test
  void openingAWarehouseWithPlanJsonConvertsThePlansAndDropsTheColumn() throws Exception {
    SparkSession spark = SharedSpark.session();
    LocalDate before = LocalDate.of(2026, 10, 1);
    String warehouse = dir.resolve("plans").toString();
    HistoryStore store = HistoryStore.open(spark, warehouse, "fleetcost", line -> {});
    store.write(before, HistoryRecords.of(spark, before, "run-1", 1));
    // an older FleetCost's opportunities table: plan_json STRING where plan is, holding the plan
    String opportunities = store.table(HistoryTables.OPPORTUNITIES);
    String olderColumns =
        HistoryTables.columns(HistoryTables.OPPORTUNITIES)
            .replaceFirst("plan ARRAY<STRUCT<[^>]*>>", "plan_json STRING");
    assertThat(olderColumns).contains("plan_json STRING").doesNotContain("ARRAY");
    Dataset<Row> olderRows =
        spark.table(opportunities).withColumn("plan_json", lit(OLD_PLAN_JSON)).drop("plan");
    StructType olderSchema = olderRows.schema();
    List<Row> rows = olderRows.collectAsList();
    spark.sql("DROP TABLE " + opportunities + " PURGE");
    spark.sql(
        "CREATE TABLE "
            + opportunities
            + " ("
            + olderColumns
            + ") USING iceberg PARTITIONED BY (run_date, run_id) TBLPROPERTIES ('format-version'='2')");
    spark
        .createDataFrame(rows, olderSchema)
        .selectExpr(spark.table(opportunities).columns())
        .writeTo(opportunities)
        .append();

    StringBuilder log = new StringBuilder();
    HistoryStore upgraded =
        HistoryStore.open(spark, warehouse, "fleetcost", line -> log.append(line).append('\n'));
    assertThat(log.toString())
        .contains(
            "history: adding column plan to opportunities",
            "history: converting plan_json of opportunities to plan (1 run dates)",
            "history: dropping column plan_json of opportunities");
    assertThat(spark.table(upgraded.table(HistoryTables.OPPORTUNITIES)).columns())
        .contains("plan")
        .doesNotContain("plan_json");
    List<MigPlacement> plan =
        List.of(
            new MigPlacement("i-0a", "GPU-0", "3g.40gb", 0, 3, 4, "ml/notebook-7", "i-0b GPU-2"),
            new MigPlacement("i-0a", "GPU-0", "2g.20gb", 4, 2, 2, "inference/embedder", null));
    assertThat(upgraded.opportunities(before))
        .as("the older date's row reads its plan")
        .singleElement()
        .satisfies(o -> assertThat(o.plan()).isEqualTo(plan));

    StringBuilder again = new StringBuilder();
    HistoryStore.open(spark, warehouse, "fleetcost", line -> again.append(line).append('\n'));
    assertThat(again.toString()).as("an upgraded warehouse is not upgraded again").isEmpty();
    LocalDate after = LocalDate.of(2026, 10, 2);
    upgraded.write(after, HistoryRecords.of(spark, after, "run-2", 2));
    assertThat(upgraded.opportunities(after))
        .singleElement()
        .satisfies(o -> assertThat(o.plan()).isEmpty());
    assertThat(upgraded.opportunities(before))
        .singleElement()
        .satisfies(o -> assertThat(o.plan()).isEqualTo(plan));
  }
}
