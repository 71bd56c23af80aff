package io.fleetcost.history;

import io.fleetcost.savings.MigPlacement;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of the history tables to and from their records, column for column in the order of
 * {@link HistoryTables#columns}, without {@code run_id} (written for the whole run date). The
 * {@code runs} table's are {@link RunRows}.
 */
final class HistoryRows {
  private HistoryRows() {}

  static Date date(LocalDate value) {
    return value == null ? null : Date.valueOf(value);
  }

  static LocalDate localDate(Row row, String field) {
    Object value = row.getAs(field);
    return value == null ? null : ((Date) value).toLocalDate();
  }

  static Row row(GpuProfileRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.resourceKey(),
        r.gpuKey(),
        r.cluster(),
        r.node(),
        r.gpuModel(),
        r.owner(),
        r.hours(),
        r.meanUtilization(),
        r.p95Utilization(),
        r.idleHours(),
        r.memoryMaxMib());
  }

  static GpuProfileRow gpuProfileRow(Row r) {
    return new GpuProfileRow(
        localDate(r, "run_date"),
        r.getAs("resource_key"),
        r.getAs("gpu_key"),
        r.getAs("cluster"),
        r.getAs("node"),
        r.getAs("gpu_model"),
        r.getAs("owner"),
        r.getAs("hours"),
        r.getAs("mean_utilization"),
        r.getAs("p95_utilization"),
        r.getAs("idle_hours"),
        r.getAs("memory_max_mib"));
  }

  static Row row(OpportunityRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.id(),
        r.rank(),
        r.lever(),
        r.resourceId(),
        r.resourceName(),
        r.provider(),
        r.accountId(),
        r.region(),
        r.instanceType(),
        r.gpuModel(),
        r.gpuCount(),
        r.owner(),
        r.currency(),
        r.currentMonthlyCost(),
        r.projectedMonthlyCost(),
        r.monthlySaving(),
        r.monthlySavingUsd(),
        r.confidence(),
        r.risk(),
        r.effort(),
        r.priority(),
        r.action(),
        placementRows(r.plan()),
        r.evidenceJson());
  }

  static OpportunityRow opportunityRow(Row r) {
    return OpportunityRow.builder()
        .runDate(localDate(r, "run_date"))
        .id(r.getAs("id"))
        .rank(r.<Integer>getAs("rank"))
        .lever(r.getAs("lever"))
        .resourceId(r.getAs("resource_id"))
        .resourceName(r.getAs("resource_name"))
        .provider(r.getAs("provider"))
        .accountId(r.getAs("account_id"))
        .region(r.getAs("region"))
        .instanceType(r.getAs("instance_type"))
        .gpuModel(r.getAs("gpu_model"))
        .gpuCount(r.<Integer>getAs("gpu_count"))
        .owner(r.getAs("owner"))
        .currency(r.getAs("currency"))
        .currentMonthlyCost(r.getAs("current_monthly_cost"))
        .projectedMonthlyCost(r.getAs("projected_monthly_cost"))
        .monthlySaving(r.getAs("monthly_saving"))
        .monthlySavingUsd(r.getAs("monthly_saving_usd"))
        .confidence(r.<Double>getAs("confidence"))
        .risk(r.getAs("risk"))
        .effort(r.<Integer>getAs("effort"))
        .priority(r.getAs("priority"))
        .action(r.getAs("action"))
        .plan(placements(r))
        .evidenceJson(r.getAs("evidence_json"))
        .build();
  }

  private static List<Row> placementRows(List<MigPlacement> plan) {
    return plan.stream()
        .map(
            p ->
                RowFactory.create(
                    p.resourceId(),
                    p.gpuKey(),
                    p.profile(),
                    p.startSlice(),
                    p.computeSlices(),
                    p.memorySlices(),
                    p.workload(),
                    p.fromGpu()))
        .toList();
  }

  /** The row's {@code plan}, empty if null. */
  private static List<MigPlacement> placements(Row r) {
    int field = r.fieldIndex("plan");
    List<Row> rows = r.isNullAt(field) ? List.of() : r.getList(field);
    return rows.stream()
        .map(
            p ->
                new MigPlacement(
                    p.getAs("resource_id"),
                    p.getAs("gpu_key"),
                    p.getAs("profile"),
                    p.<Integer>getAs("start_slice"),
                    p.<Integer>getAs("compute_slices"),
                    p.<Integer>getAs("memory_slices"),
                    p.getAs("workload"),
                    p.getAs("from_gpu")))
        .toList();
  }

  static Row row(FindingRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.checkId(),
        r.title(),
        r.severity(),
        r.weight(),
        r.file(),
        r.docIndex(),
        r.kind(),
        r.namespace(),
        r.name(),
        r.path(),
        r.message(),
        r.fix());
  }

  static FindingRow findingRow(Row r) {
    return new FindingRow(
        localDate(r, "run_date"),
        r.getAs("check_id"),
        r.getAs("title"),
        r.getAs("severity"),
        r.<Integer>getAs("weight"),
        r.getAs("file"),
        r.<Integer>getAs("doc_index"),
        r.getAs("kind"),
        r.getAs("namespace"),
        r.getAs("name"),
        r.getAs("path"),
        r.getAs("message"),
        r.getAs("fix"));
  }

  static Row row(RealizedRow r) {
    return RowFactory.create(
        date(r.runDate()),
        r.opportunityId(),
        r.lever(),
        r.resourceId(),
        r.owner(),
        r.status().value(),
        date(r.identifiedOn()),
        date(r.closedOn()),
        r.estimatedMonthlySavingUsd(),
        r.baselineMonthlyCostUsd(),
        r.currentMonthlyCostUsd(),
        r.realizedMonthlySavingUsd());
  }

  static RealizedRow realizedRow(Row r) {
    return new RealizedRow(
        localDate(r, "run_date"),
        r.getAs("opportunity_id"),
        r.getAs("lever"),
        r.getAs("resource_id"),
        r.getAs("owner"),
        SavingStatus.of(r.getAs("status")),
        localDate(r, "identified_on"),
        localDate(r, "closed_on"),
        r.getAs("estimated_monthly_saving_usd"),
        r.getAs("baseline_monthly_cost_usd"),
        r.getAs("current_monthly_cost_usd"),
        r.getAs("realized_monthly_saving_usd"));
  }

  static SpendRow spendRow(Row r) {
    return new SpendRow(
        localDate(r, "run_date"),
        localDate(r, "usage_date"),
        r.getAs("provider"),
        r.getAs("billing_account_id"),
        r.getAs("sub_account_id"),
        r.getAs("service"),
        r.getAs("team"),
        r.getAs("currency"),
        r.getAs("billed_cost"),
        r.getAs("effective_cost"),
        r.getAs("effective_cost_usd"),
        r.<Long>getAs("row_count"));
  }
}
