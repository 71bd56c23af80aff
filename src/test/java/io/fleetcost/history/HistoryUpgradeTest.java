package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * A warehouse written before the coverage check and the nullable security score lacks their {@code runs} columns:
 * opening it adds them, its old dates read them as empty, and new dates write them.
 */
class HistoryUpgradeTest {
  static final List<String> ADDED = List.of("input_status", "unmeasured_gpu_monthly_usd", "security_files_not_read");

  @TempDir Path dir;

  private static RunRow run(LocalDate date, List<InputStatus> inputs, BigDecimal unmeasured, Integer notRead) {
    return new RunRow(
        date, "run-" + date, "upgrade", "Upgrade Test", false, date + "T00:00:00Z", date.plusDays(1) + "T00:00:00Z",
        new BigDecimal("100.00"), new BigDecimal("80.00"), new BigDecimal("10.00"), 1, new BigDecimal("0.00"),
        new BigDecimal("0.00"), null, null, Map.of(), 10, 0, Map.of(), 20, 0, 48.0, 2.0, 0.0, 2, 35.0,
        Map.of("0-10", 1L), 0, inputs, unmeasured, notRead);
  }

  private static Dataset<Row> noSpend(SparkSession spark) {
    StructType all = StructType.fromDDL(HistoryTables.columns(HistoryTables.DAILY_SPEND).replace(" NOT NULL", ""));
    StructType withoutDate = new StructType(Arrays.stream(all.fields()).filter(f -> !f.name().equals("run_date")).toArray(StructField[]::new));
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
            noSpend(spark), List.of(), List.of(), List.of(), List.of(), run(before, List.of(), null, null)));
    // an older FleetCost's table: without the columns added since
    for (String column : ADDED) {
      spark.sql("ALTER TABLE " + store.table(HistoryTables.RUNS) + " DROP COLUMN " + column);
    }
    assertThat(Arrays.asList(spark.table(store.table(HistoryTables.RUNS)).schema().fieldNames())).doesNotContainAnyElementsOf(ADDED);

    StringBuilder log = new StringBuilder();
    HistoryStore upgraded = HistoryStore.open(spark, warehouse, "fleetcost", line -> log.append(line).append('\n'));
    assertThat(Arrays.asList(spark.table(upgraded.table(HistoryTables.RUNS)).schema().fieldNames())).containsAll(ADDED);
    assertThat(log.toString()).contains("history: adding column input_status to runs");
    LocalDate after = LocalDate.of(2026, 10, 2);
    InputStatus stale = new InputStatus("aws", "billing", "stale", "2026-10-01T00:00:00Z", 1, 24, "96 h old");
    upgraded.write(
        after,
        new HistoryStore.DateRecords(
            noSpend(spark), List.of(), List.of(), List.of(), List.of(), run(after, List.of(stale), new BigDecimal("12.34"), 1)));

    List<RunRow> runs = upgraded.runs();
    assertThat(runs).extracting(RunRow::runDate).containsExactly(before, after);
    assertThat(runs.get(0).inputStatus()).as("the older date has no coverage recorded").isEmpty();
    assertThat(runs.get(0).unmeasuredGpuMonthlyUsd()).isNull();
    assertThat(runs.get(0).securityFilesNotRead()).isNull();
    assertThat(runs.get(1).inputStatus()).containsExactly(stale);
    assertThat(runs.get(1).inputsNotOk()).containsExactly(stale);
    assertThat(runs.get(1).unmeasuredGpuMonthlyUsd()).isEqualByComparingTo("12.34");
    assertThat(runs.get(1).securityFilesNotRead()).isEqualTo(1);
  }
}
