package io.fleetcost.history;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code runs} table's rows to and from {@link RunRow}s: its maps as Scala maps, its input
 * statuses and external recommendations as arrays of structs.
 */
final class RunRows {
  private RunRows() {}

  private static <K, V> scala.collection.Map<K, V> scalaMap(Map<K, V> map) {
    return map == null ? null : CollectionConverters.asScala(new TreeMap<>(map));
  }

  private static Map<String, Long> javaMap(Row row, String field) {
    Object value = row.getAs(field);
    if (value == null) {
      return null;
    }
    Map<String, Long> map = new TreeMap<>();
    @SuppressWarnings("unchecked")
    scala.collection.Map<String, Object> scala = (scala.collection.Map<String, Object>) value;
    CollectionConverters.asJava(scala).forEach((k, v) -> map.put(k, ((Number) v).longValue()));
    return map;
  }

  static Row row(RunRow r) {
    return RowFactory.create(
        HistoryRows.date(r.runDate()),
        r.runId(),
        r.job(),
        r.organization(),
        r.seeded(),
        r.windowStart(),
        r.windowEnd(),
        r.spendMonthlyUsd(),
        r.gpuSpendMonthlyUsd(),
        r.identifiedMonthlyUsd(),
        r.opportunities(),
        r.inProgressMonthlyUsd(),
        r.realizedMonthlyUsd(),
        r.securityScore(),
        r.compliancePct(),
        scalaMap(r.findingsBySeverity()),
        r.billingRowsRead(),
        r.billingRowsQuarantined(),
        scalaMap(r.quarantinedByReason()),
        r.telemetryValuesRead(),
        r.telemetryValuesQuarantined(),
        r.gpuHours(),
        r.idleGpuHours(),
        r.unjoinedGpuHours(),
        r.gpusProfiled(),
        r.meanGpuUtilization(),
        scalaMap(r.utilizationBuckets()),
        r.resourcesWithoutTelemetry(),
        inputStatusRows(r.inputStatus()),
        r.unmeasuredGpuMonthlyUsd(),
        r.securityFilesNotRead(),
        recommendationRows(r.externalRecommendations()));
  }

  private static List<Row> inputStatusRows(List<InputStatus> inputStatus) {
    return inputStatus.stream()
        .map(
            i ->
                RowFactory.create(
                    i.name(),
                    i.kind(),
                    i.status(),
                    i.newestTimestamp(),
                    i.daysCovered(),
                    i.rows(),
                    i.detail()))
        .toList();
  }

  private static List<Row> recommendationRows(List<RecommendationRow> recommendations) {
    return recommendations.stream()
        .map(
            e ->
                RowFactory.create(
                    e.resourceId(),
                    e.resourceName(),
                    e.provider(),
                    e.verdict(),
                    e.fleetcostLevers(),
                    e.fleetcostMonthlySaving(),
                    e.fleetcostCurrency(),
                    e.source(),
                    e.instanceType(),
                    e.cloudAction(),
                    e.cloudTargetInstanceType(),
                    e.cloudMonthlySaving(),
                    e.cloudCurrency(),
                    e.detail()))
        .toList();
  }

  private static List<RecommendationRow> externalRecommendations(Row r) {
    int field = r.fieldIndex("external_recommendations");
    List<Row> rows = r.isNullAt(field) ? List.of() : r.getList(field);
    return rows.stream()
        .map(
            e ->
                new RecommendationRow(
                    e.getAs("resource_id"),
                    e.getAs("resource_name"),
                    e.getAs("provider"),
                    e.getAs("verdict"),
                    e.getAs("fleetcost_levers"),
                    e.getAs("fleetcost_monthly_saving"),
                    e.getAs("fleetcost_currency"),
                    e.getAs("source"),
                    e.getAs("instance_type"),
                    e.getAs("cloud_action"),
                    e.getAs("cloud_target_instance_type"),
                    e.getAs("cloud_monthly_saving"),
                    e.getAs("cloud_currency"),
                    e.getAs("detail")))
        .toList();
  }

  private static List<InputStatus> inputStatus(Row r) {
    List<Row> rows =
        r.isNullAt(r.fieldIndex("input_status"))
            ? List.of()
            : r.getList(r.fieldIndex("input_status"));
    return rows.stream()
        .map(
            i ->
                new InputStatus(
                    i.getAs("name"),
                    i.getAs("kind"),
                    i.getAs("status"),
                    i.getAs("newest_timestamp"),
                    i.isNullAt(i.fieldIndex("days_covered")) ? 0 : i.<Integer>getAs("days_covered"),
                    i.isNullAt(i.fieldIndex("rows")) ? 0 : i.<Long>getAs("rows"),
                    i.getAs("detail")))
        .toList();
  }

  static RunRow runRow(Row r) {
    return RunRow.builder()
        .runDate(HistoryRows.localDate(r, "run_date"))
        .runId(r.getAs("run_id"))
        .job(r.getAs("job"))
        .organization(r.getAs("organization"))
        .seeded(r.<Boolean>getAs("seeded"))
        .windowStart(r.getAs("window_start"))
        .windowEnd(r.getAs("window_end"))
        .spendMonthlyUsd(r.getAs("spend_monthly_usd"))
        .gpuSpendMonthlyUsd(r.getAs("gpu_spend_monthly_usd"))
        .identifiedMonthlyUsd(r.getAs("identified_monthly_usd"))
        .opportunities(r.<Integer>getAs("opportunities"))
        .inProgressMonthlyUsd(r.getAs("in_progress_monthly_usd"))
        .realizedMonthlyUsd(r.getAs("realized_monthly_usd"))
        .securityScore(r.getAs("security_score"))
        .compliancePct(r.getAs("compliance_pct"))
        .findingsBySeverity(javaMap(r, "findings_by_severity"))
        .billingRowsRead(r.<Long>getAs("billing_rows_read"))
        .billingRowsQuarantined(r.<Long>getAs("billing_rows_quarantined"))
        .quarantinedByReason(javaMap(r, "quarantined_by_reason"))
        .telemetryValuesRead(r.<Long>getAs("telemetry_values_read"))
        .telemetryValuesQuarantined(r.<Long>getAs("telemetry_values_quarantined"))
        .gpuHours(r.<Double>getAs("gpu_hours"))
        .idleGpuHours(r.<Double>getAs("idle_gpu_hours"))
        .unjoinedGpuHours(r.<Double>getAs("unjoined_gpu_hours"))
        .gpusProfiled(r.<Integer>getAs("gpus_profiled"))
        .meanGpuUtilization(r.<Double>getAs("mean_gpu_utilization"))
        .utilizationBuckets(javaMap(r, "utilization_buckets"))
        .resourcesWithoutTelemetry(r.<Integer>getAs("resources_without_telemetry"))
        .inputStatus(inputStatus(r))
        .unmeasuredGpuMonthlyUsd(r.getAs("unmeasured_gpu_monthly_usd"))
        .securityFilesNotRead(r.<Integer>getAs("security_files_not_read"))
        .externalRecommendations(externalRecommendations(r))
        .build();
  }
}
