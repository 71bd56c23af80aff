package io.fleetcost.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  /** A builder with every field unset: nulls, zeros, false and empty lists. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link RunRow} by field name. {@link #build()} requires {@code runDate} and {@code
   * runId}, the row's key and the pointer readers follow; every other field is nullable in the
   * table (a column added by an upgrade reads as null on older dates) and defaults to null, zero,
   * false or an empty list.
   */
  public static final class Builder {
    private LocalDate runDate;
    private String runId;
    private String job;
    private String organization;
    private boolean seeded;
    private String windowStart;
    private String windowEnd;
    private BigDecimal spendMonthlyUsd;
    private BigDecimal gpuSpendMonthlyUsd;
    private BigDecimal identifiedMonthlyUsd;
    private int opportunities;
    private BigDecimal inProgressMonthlyUsd;
    private BigDecimal realizedMonthlyUsd;
    private Double securityScore;
    private Double compliancePct;
    private Map<String, Long> findingsBySeverity;
    private long billingRowsRead;
    private long billingRowsQuarantined;
    private Map<String, Long> quarantinedByReason;
    private long telemetryValuesRead;
    private long telemetryValuesQuarantined;
    private double gpuHours;
    private double idleGpuHours;
    private double unjoinedGpuHours;
    private int gpusProfiled;
    private double meanGpuUtilization;
    private Map<String, Long> utilizationBuckets;
    private int resourcesWithoutTelemetry;
    private List<InputStatus> inputStatus;
    private BigDecimal unmeasuredGpuMonthlyUsd;
    private Integer securityFilesNotRead;
    private List<RecommendationRow> externalRecommendations;

    private Builder() {}

    public Builder runDate(LocalDate runDate) {
      this.runDate = runDate;
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder job(String job) {
      this.job = job;
      return this;
    }

    public Builder organization(String organization) {
      this.organization = organization;
      return this;
    }

    public Builder seeded(boolean seeded) {
      this.seeded = seeded;
      return this;
    }

    public Builder windowStart(String windowStart) {
      this.windowStart = windowStart;
      return this;
    }

    public Builder windowEnd(String windowEnd) {
      this.windowEnd = windowEnd;
      return this;
    }

    public Builder spendMonthlyUsd(BigDecimal spendMonthlyUsd) {
      this.spendMonthlyUsd = spendMonthlyUsd;
      return this;
    }

    public Builder gpuSpendMonthlyUsd(BigDecimal gpuSpendMonthlyUsd) {
      this.gpuSpendMonthlyUsd = gpuSpendMonthlyUsd;
      return this;
    }

    public Builder identifiedMonthlyUsd(BigDecimal identifiedMonthlyUsd) {
      this.identifiedMonthlyUsd = identifiedMonthlyUsd;
      return this;
    }

    public Builder opportunities(int opportunities) {
      this.opportunities = opportunities;
      return this;
    }

    public Builder inProgressMonthlyUsd(BigDecimal inProgressMonthlyUsd) {
      this.inProgressMonthlyUsd = inProgressMonthlyUsd;
      return this;
    }

    public Builder realizedMonthlyUsd(BigDecimal realizedMonthlyUsd) {
      this.realizedMonthlyUsd = realizedMonthlyUsd;
      return this;
    }

    public Builder securityScore(Double securityScore) {
      this.securityScore = securityScore;
      return this;
    }

    public Builder compliancePct(Double compliancePct) {
      this.compliancePct = compliancePct;
      return this;
    }

    public Builder findingsBySeverity(Map<String, Long> findingsBySeverity) {
      this.findingsBySeverity = findingsBySeverity;
      return this;
    }

    public Builder billingRowsRead(long billingRowsRead) {
      this.billingRowsRead = billingRowsRead;
      return this;
    }

    public Builder billingRowsQuarantined(long billingRowsQuarantined) {
      this.billingRowsQuarantined = billingRowsQuarantined;
      return this;
    }

    public Builder quarantinedByReason(Map<String, Long> quarantinedByReason) {
      this.quarantinedByReason = quarantinedByReason;
      return this;
    }

    public Builder telemetryValuesRead(long telemetryValuesRead) {
      this.telemetryValuesRead = telemetryValuesRead;
      return this;
    }

    public Builder telemetryValuesQuarantined(long telemetryValuesQuarantined) {
      this.telemetryValuesQuarantined = telemetryValuesQuarantined;
      return this;
    }

    public Builder gpuHours(double gpuHours) {
      this.gpuHours = gpuHours;
      return this;
    }

    public Builder idleGpuHours(double idleGpuHours) {
      this.idleGpuHours = idleGpuHours;
      return this;
    }

    public Builder unjoinedGpuHours(double unjoinedGpuHours) {
      this.unjoinedGpuHours = unjoinedGpuHours;
      return this;
    }

    public Builder gpusProfiled(int gpusProfiled) {
      this.gpusProfiled = gpusProfiled;
      return this;
    }

    public Builder meanGpuUtilization(double meanGpuUtilization) {
      this.meanGpuUtilization = meanGpuUtilization;
      return this;
    }

    public Builder utilizationBuckets(Map<String, Long> utilizationBuckets) {
      this.utilizationBuckets = utilizationBuckets;
      return this;
    }

    public Builder resourcesWithoutTelemetry(int resourcesWithoutTelemetry) {
      this.resourcesWithoutTelemetry = resourcesWithoutTelemetry;
      return this;
    }

    public Builder inputStatus(List<InputStatus> inputStatus) {
      this.inputStatus = inputStatus;
      return this;
    }

    public Builder unmeasuredGpuMonthlyUsd(BigDecimal unmeasuredGpuMonthlyUsd) {
      this.unmeasuredGpuMonthlyUsd = unmeasuredGpuMonthlyUsd;
      return this;
    }

    public Builder securityFilesNotRead(Integer securityFilesNotRead) {
      this.securityFilesNotRead = securityFilesNotRead;
      return this;
    }

    public Builder externalRecommendations(List<RecommendationRow> externalRecommendations) {
      this.externalRecommendations = externalRecommendations;
      return this;
    }

    /**
     * The row.
     *
     * @throws NullPointerException when {@code runDate} or {@code runId} is unset
     */
    public RunRow build() {
      Objects.requireNonNull(runDate, "runDate");
      Objects.requireNonNull(runId, "runId");
      return new RunRow(
          runDate,
          runId,
          job,
          organization,
          seeded,
          windowStart,
          windowEnd,
          spendMonthlyUsd,
          gpuSpendMonthlyUsd,
          identifiedMonthlyUsd,
          opportunities,
          inProgressMonthlyUsd,
          realizedMonthlyUsd,
          securityScore,
          compliancePct,
          findingsBySeverity,
          billingRowsRead,
          billingRowsQuarantined,
          quarantinedByReason,
          telemetryValuesRead,
          telemetryValuesQuarantined,
          gpuHours,
          idleGpuHours,
          unjoinedGpuHours,
          gpusProfiled,
          meanGpuUtilization,
          utilizationBuckets,
          resourcesWithoutTelemetry,
          inputStatus,
          unmeasuredGpuMonthlyUsd,
          securityFilesNotRead,
          externalRecommendations);
    }
  }
}
