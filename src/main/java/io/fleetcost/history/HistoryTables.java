package io.fleetcost.history;

import java.util.List;

/**
 * The history tables: their names, columns and partitioning. Every row carries the {@code run_id}
 * of the run that wrote it, and a date's {@code runs} row names the run whose rows are the date's
 * current version: a run writes its rows beside the current ones, then replaces the date's {@code
 * runs} row (the flip), then removes the other runs' rows of the date ({@link HistoryStore#write}).
 * Every table but {@code runs} is partitioned by {@code run_date} and {@code run_id}, so that a
 * data file never holds two runs' rows; {@code runs} by {@code run_date}.
 */
public final class HistoryTables {
  public static final String DAILY_SPEND = "daily_spend";
  public static final String GPU_PROFILES = "gpu_profiles";
  public static final String OPPORTUNITIES = "opportunities";
  public static final String SECURITY_FINDINGS = "security_findings";
  public static final String REALIZED_SAVINGS = "realized_savings";
  public static final String RUNS = "runs";

  /** In write order: {@code runs}, the pointer to each date's current run, comes last. */
  public static final List<String> ALL =
      List.of(DAILY_SPEND, GPU_PROFILES, OPPORTUNITIES, SECURITY_FINDINGS, REALIZED_SAVINGS, RUNS);

  /**
   * Every table but {@code runs}, in write order: the tables whose rows of a date {@code runs}
   * points at.
   */
  static final List<String> POINTED_AT = ALL.subList(0, ALL.size() - 1);

  static final String MONEY = "DECIMAL(20,2)";
  static final String EXACT = "DECIMAL(38,18)";
  static final String CONVERTED = "DECIMAL(38,12)";

  private HistoryTables() {}

  /** The partition columns of a table's {@code CREATE TABLE}. */
  static String partitioning(String table) {
    return table.equals(RUNS) ? "run_date" : "run_date, run_id";
  }

  /** The column list of a table's {@code CREATE TABLE}. */
  static String columns(String table) {
    return switch (table) {
      case DAILY_SPEND ->
          "run_date DATE NOT NULL, run_id STRING, usage_date DATE NOT NULL, provider STRING, billing_account_id STRING,"
              + " sub_account_id STRING, service STRING, team STRING, currency STRING, billed_cost "
              + EXACT
              + ", effective_cost "
              + EXACT
              + ", effective_cost_usd "
              + CONVERTED
              + ", row_count BIGINT";
      case GPU_PROFILES ->
          "run_date DATE NOT NULL, run_id STRING, resource_key STRING, gpu_key STRING, cluster STRING, node STRING, gpu_model STRING,"
              + " owner STRING, hours DOUBLE, mean_utilization DOUBLE, p95_utilization DOUBLE, idle_hours DOUBLE,"
              + " memory_max_mib DOUBLE";
      case OPPORTUNITIES ->
          "run_date DATE NOT NULL, run_id STRING, id STRING NOT NULL, rank INT, lever STRING, resource_id STRING, resource_name STRING,"
              + " provider STRING, account_id STRING, region STRING, instance_type STRING, gpu_model STRING, gpu_count INT,"
              + " owner STRING, currency STRING, current_monthly_cost "
              + MONEY
              + ", projected_monthly_cost "
              + MONEY
              + ", monthly_saving "
              + MONEY
              + ", monthly_saving_usd "
              + MONEY
              + ", confidence DOUBLE, risk STRING,"
              + " effort INT, priority "
              + MONEY
              + ", action STRING, plan ARRAY<STRUCT<resource_id: STRING, gpu_key: STRING, profile: STRING, start_slice: INT, compute_slices: INT, memory_slices: INT, workload: STRING, from_gpu: STRING>>, evidence_json STRING";
      case SECURITY_FINDINGS ->
          "run_date DATE NOT NULL, run_id STRING, check_id STRING, title STRING, severity STRING, weight INT, file STRING, doc_index INT,"
              + " kind STRING, namespace STRING, name STRING, path STRING, message STRING, fix STRING";
      case REALIZED_SAVINGS ->
          "run_date DATE NOT NULL, run_id STRING, opportunity_id STRING NOT NULL, lever STRING, resource_id STRING, owner STRING,"
              + " status STRING, identified_on DATE, closed_on DATE, estimated_monthly_saving_usd "
              + MONEY
              + ", baseline_monthly_cost_usd "
              + MONEY
              + ", current_monthly_cost_usd "
              + MONEY
              + ", realized_monthly_saving_usd "
              + MONEY;
      case RUNS ->
          "run_date DATE NOT NULL, run_id STRING, job STRING, organization STRING, seeded BOOLEAN, window_start STRING,"
              + " window_end STRING, spend_monthly_usd "
              + MONEY
              + ", gpu_spend_monthly_usd "
              + MONEY
              + ", identified_monthly_usd "
              + MONEY
              + ", opportunities INT, in_progress_monthly_usd "
              + MONEY
              + ", realized_monthly_usd "
              + MONEY
              + ", security_score DOUBLE, compliance_pct DOUBLE,"
              + " findings_by_severity MAP<STRING, BIGINT>, billing_rows_read BIGINT, billing_rows_quarantined BIGINT,"
              + " quarantined_by_reason MAP<STRING, BIGINT>, telemetry_values_read BIGINT,"
              + " telemetry_values_quarantined BIGINT, gpu_hours DOUBLE, idle_gpu_hours DOUBLE, unjoined_gpu_hours DOUBLE,"
              + " gpus_profiled INT, mean_gpu_utilization DOUBLE, utilization_buckets MAP<STRING, BIGINT>,"
              + " resources_without_telemetry INT, input_status ARRAY<STRUCT<name: STRING, kind: STRING, status: STRING,"
              + " newest_timestamp: STRING, days_covered: INT, rows: BIGINT, detail: STRING>>, unmeasured_gpu_monthly_usd "
              + MONEY
              + ", security_files_not_read INT, external_recommendations ARRAY<STRUCT<resource_id: STRING,"
              + " resource_name: STRING, provider: STRING, verdict: STRING, fleetcost_levers: STRING, fleetcost_monthly_saving: "
              + MONEY
              + ", fleetcost_currency: STRING, source: STRING, instance_type: STRING, cloud_action: STRING,"
              + " cloud_target_instance_type: STRING, cloud_monthly_saving: "
              + MONEY
              + ", cloud_currency: STRING,"
              + " detail: STRING>>";
      default -> throw new IllegalArgumentException("no history table " + table);
    };
  }
}
