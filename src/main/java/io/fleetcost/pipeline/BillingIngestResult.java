package io.fleetcost.pipeline;

import io.fleetcost.files.SkippedFile;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a billing ingest: per file, skipped files, and totals over all files; {@code rowsRead} = {@code
 * rowsKept} + {@code rowsQuarantined} + {@code rowsDuplicate}.
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
    double seconds) {
  public BillingIngestResult {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    quarantinedByReason = Map.copyOf(quarantinedByReason);
    totals = List.copyOf(totals);
    byProvider = List.copyOf(byProvider);
    warnings = List.copyOf(warnings);
  }
}
