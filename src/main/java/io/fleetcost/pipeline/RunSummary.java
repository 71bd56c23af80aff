package io.fleetcost.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import io.fleetcost.files.SkippedFile;
import io.fleetcost.quality.InputCoverage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code summary.json}: what a run read, kept and quarantined, and where its outputs are. Keys are
 * snake_case; artifact paths are relative to the summary's folder.
 */
public record RunSummary(
    String fleetcostVersion,
    String runId,
    Status status,
    String message,
    Job job,
    String runDate,
    String startedAt,
    String finishedAt,
    double durationSeconds,
    Spark spark,
    Inputs inputs,
    Map<String, Long> rowCounts,
    Billing billing,
    Telemetry telemetry,
    DataQuality dataQuality,
    io.fleetcost.report.CostAnalysis costAnalysis,
    io.fleetcost.report.SecurityPosture securityPosture,
    JobRun.HistoryOutcome history,
    ReportPublisher.Headline report,
    Map<String, String> artifacts) {

  /** How the run ended; written as its {@link #label()}. */
  public enum Status {
    SUCCEEDED,
    FAILED;

    /** The text in {@code summary.json} and the command's first line: {@code succeeded}. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return label();
    }
  }

  public record Job(String name, String file, String organization) {}

  public record Spark(String master, String version, String applicationId) {}

  public record Inputs(
      List<BillingInputSummary> billing,
      List<TelemetryInputSummary> telemetry,
      List<InventoryInputSummary> inventory,
      List<SecurityInputSummary> security) {}

  public record SecurityInputSummary(String name, List<String> paths) {}

  public record TelemetryInputSummary(
      String name,
      List<String> paths,
      String format,
      List<TelemetryIngestResult.TelemetryFileStats> files) {}

  /**
   * @param nodes the nodes the inventory maps to a resource
   */
  public record InventoryInputSummary(
      String name, List<String> paths, String cluster, long nodes) {}

  /**
   * GPU telemetry read this run: values (one metric of one GPU at one time), the samples they made
   * (one GPU at one time) and the time they span; the files not read again as the history holds
   * them ({@code unchanged_files}), and the UTC days whose daily aggregates this run computed
   * ({@code days_aggregated}).
   */
  public record Telemetry(
      long valuesRead,
      long valuesKept,
      long valuesQuarantined,
      String quarantinedFraction,
      String maxQuarantinedFraction,
      Map<String, Long> quarantinedByReason,
      long samples,
      long gpus,
      String firstSample,
      String lastSample,
      List<SkippedFile> skippedFiles,
      List<String> unchangedFiles,
      List<String> daysAggregated) {}

  public record BillingInputSummary(
      String name, List<String> paths, String format, List<FileIngestStats> files) {}

  /**
   * Kept billing rows of this run's reading: totals per currency, and per provider and currency.
   * Currencies are never summed together. With history, {@code incremental} says what the run read
   * and replaced in the kept billing table, and {@code keptTable} gives that table's totals in the
   * savings window (every file ever read); both null without.
   */
  public record Billing(
      List<CurrencyTotals> totals,
      List<ProviderTotals> byProvider,
      IncrementalBillingIngest.Incremental incremental,
      IncrementalBillingIngest.KeptTable keptTable) {
    public Billing(List<CurrencyTotals> totals, List<ProviderTotals> byProvider) {
      this(totals, byProvider, null, null);
    }
  }

  /**
   * @param quarantinedFraction quarantined rows over rows read, as an exact decimal string
   * @param inputs every billing and telemetry input's coverage of the run's window (ok, stale,
   *     missing, holes)
   * @param onMissingInput {@code fail} or {@code warn}: what a missing or stale input did to the
   *     run
   * @param unmeasuredGpuResources GPU resources billed without any telemetry (never counted as
   *     idle)
   */
  public record DataQuality(
      long billingRowsRead,
      long billingRowsQuarantined,
      String quarantinedFraction,
      String maxQuarantinedFraction,
      Map<String, Long> quarantinedByReason,
      List<SkippedFile> skippedFiles,
      List<String> emptyFiles,
      List<String> warnings,
      List<InputCoverage> inputs,
      String onMissingInput,
      io.fleetcost.report.CostAnalysis.UnmeasuredResources unmeasuredGpuResources) {}
}
