package io.fleetcost.pipeline;

import io.fleetcost.files.SkippedFile;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The outcome of a billing ingest: per file, skipped files, and totals over all files; {@code
 * rowsRead} = {@code rowsKept} + {@code rowsQuarantined} + {@code rowsDuplicate}.
 *
 * @param billingPeriods per file read (by the path the tables name it by), the months of {@code
 *     BillingPeriodStart} of its rows: kept, kept in another file as duplicates, and quarantined
 *     (where the month could be read); a file without rows is absent. Not in the JSON summaries:
 *     incremental ingest records it in its ledger.
 */
public record BillingIngestResult(
    List<FileIngestStats> files,
    List<SkippedFile> skipped,
    long rowsRead,
    long rowsKept,
    long rowsQuarantined,
    long rowsDuplicate,
    Map<String, Long> quarantinedByReason,
    List<CurrencyTotals> totals,
    List<ProviderTotals> byProvider,
    long gpuRows,
    List<String> warnings,
    double seconds,
    Map<String, SortedSet<YearMonth>> billingPeriods) {
  public BillingIngestResult {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    quarantinedByReason = Map.copyOf(quarantinedByReason);
    totals = List.copyOf(totals);
    byProvider = List.copyOf(byProvider);
    warnings = List.copyOf(warnings);
    billingPeriods = Map.copyOf(billingPeriods);
  }

  /**
   * The same reading with other per-file entries and warnings (incremental ingest adds the files it
   * did not read).
   */
  BillingIngestResult with(
      List<FileIngestStats> otherFiles, List<String> otherWarnings, double otherSeconds) {
    return new BillingIngestResult(
        otherFiles,
        skipped,
        rowsRead,
        rowsKept,
        rowsQuarantined,
        rowsDuplicate,
        quarantinedByReason,
        totals,
        byProvider,
        gpuRows,
        otherWarnings,
        otherSeconds,
        billingPeriods);
  }
}
