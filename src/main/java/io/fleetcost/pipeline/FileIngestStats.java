package io.fleetcost.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What reading one billing file gave. {@code rowsRead} = {@code rowsKept} + {@code rowsQuarantined}, by
 * construction of the readers; the totals are over kept rows, per currency, never summed across currencies.
 *
 * @param status {@code read}, or {@code empty} for a file without a header
 */
public record FileIngestStats(
    String input,
    String path,
    String format,
    String formatDetail,
    String sha256,
    long bytes,
    String status,
    long rowsRead,
    long rowsKept,
    long rowsQuarantined,
    Map<String, Long> quarantinedByReason,
    List<CurrencyTotals> totals,
    String chargePeriodStartMin,
    String chargePeriodStartMax) {
  public FileIngestStats {
    quarantinedByReason = Map.copyOf(quarantinedByReason);
    totals = List.copyOf(totals);
  }
}
