package io.fleetcost.pipeline;

import io.fleetcost.files.SkippedFile;
import java.util.List;
import java.util.Map;

/**
 * {@code ingest-summary.json}: per input file and in total, what billing ingest read, kept,
 * quarantined and found duplicated ({@code rows_read} = {@code rows_kept} + {@code
 * rows_quarantined} + {@code rows_duplicate}).
 */
public record IngestSummary(
    String fleetcostVersion,
    String runId,
    String generatedAt,
    double durationSeconds,
    long rowsRead,
    long rowsKept,
    long rowsQuarantined,
    long rowsDuplicate,
    Map<String, Long> quarantinedByReason,
    List<CurrencyTotals> totals,
    List<ProviderTotals> byProvider,
    long gpuRows,
    List<FileIngestStats> files,
    List<SkippedFile> skippedFiles,
    List<String> warnings,
    Map<String, String> tables,
    IncrementalBillingIngest.Incremental incremental) {

  public static IngestSummary of(
      String runId, String generatedAt, BillingIngestResult result, Map<String, String> tables) {
    return of(runId, generatedAt, result, tables, null);
  }

  /**
   * @param incremental what an incremental ingest did to the history's kept billing table (files
   *     read and unchanged, periods replaced); null for a read of everything without history
   */
  public static IngestSummary of(
      String runId,
      String generatedAt,
      BillingIngestResult result,
      Map<String, String> tables,
      IncrementalBillingIngest.Incremental incremental) {
    return new IngestSummary(
        RunIdentity.version(),
        runId,
        generatedAt,
        result.seconds(),
        result.rowsRead(),
        result.rowsKept(),
        result.rowsQuarantined(),
        result.rowsDuplicate(),
        result.quarantinedByReason(),
        result.totals(),
        result.byProvider(),
        result.gpuRows(),
        result.files(),
        result.skipped(),
        result.warnings(),
        tables,
        incremental);
  }
}
