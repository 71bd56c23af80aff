package io.fleetcost.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One row of the {@code runs} history table: the figures of one run date, and the pointer to its
 * current version. It is written after the run's rows of every other table of the date, and readers
 * read those tables' rows of the date whose {@code run_id} is this row's {@code runId}; a run date
 * without this row is incomplete and reports ignore it.
 *
 * @param seeded true for a date the first run filled from the data it already had ({@code
 *     history.seed-days}); such dates have no security scan of their own (the manifests' past is
 *     unknown): the security fields are null
 * @param spendMonthlyUsd the whole bill at the window's rate, 730-hour month
 * @param identifiedMonthlyUsd the sum of the date's opportunities' monthly savings, USD
 * @param inProgressMonthlyUsd what the bill already shows saved on opportunities still open
 * @param realizedMonthlyUsd savings realized (closed opportunities whose resource's cost dropped)
 *     up to this date
 * @param utilizationBuckets GPUs by mean utilization over the window: {@code 0-10}, {@code 10-30},
 *     {@code 30-60}, {@code 60-100} (percent, lower bound inclusive)
 * @param inputStatus every input's coverage of the date's window; empty for seeded dates and for
 *     dates recorded before FleetCost checked coverage
 * @param unmeasuredGpuMonthlyUsd the monthly cost of the GPU resources billed without telemetry;
 *     null when unknown
 * @param securityScore null for seeded dates (no scan) and for a scan that evaluated nothing (no
 *     manifests)
 * @param securityFilesNotRead manifest files the scan could not read (its score is partial when
 *     above 0); null for seeded dates
 * @param externalRecommendations a cloud's recommendations beside FleetCost's opportunities, per
 *     resource; empty when the job imports none (and for seeded dates)
 */
public record RunRow(
    LocalDate runDate,
    String runId,
    String job,
    String organization,
    boolean seeded,
    String windowStart,
    String windowEnd,
    BigDecimal spendMonthlyUsd,
    BigDecimal gpuSpendMonthlyUsd,
    BigDecimal identifiedMonthlyUsd,
    int opportunities,
    BigDecimal inProgressMonthlyUsd,
    BigDecimal realizedMonthlyUsd,
    Double securityScore,
    Double compliancePct,
    Map<String, Long> findingsBySeverity,
    long billingRowsRead,
    long billingRowsQuarantined,
    Map<String, Long> quarantinedByReason,
    long telemetryValuesRead,
    long telemetryValuesQuarantined,
    double gpuHours,
    double idleGpuHours,
    double unjoinedGpuHours,
    int gpusProfiled,
    double meanGpuUtilization,
    Map<String, Long> utilizationBuckets,
    int resourcesWithoutTelemetry,
    List<InputStatus> inputStatus,
    BigDecimal unmeasuredGpuMonthlyUsd,
    Integer securityFilesNotRead,
    List<RecommendationRow> externalRecommendations) {
  public RunRow {
    inputStatus = inputStatus == null ? List.of() : List.copyOf(inputStatus);
    externalRecommendations =
        externalRecommendations == null ? List.of() : List.copyOf(externalRecommendations);
  }

  /** The inputs that were not {@code ok} on the date. */
  public List<InputStatus> inputsNotOk() {
    return inputStatus.stream().filter(s -> !s.ok()).toList();
  }
}
