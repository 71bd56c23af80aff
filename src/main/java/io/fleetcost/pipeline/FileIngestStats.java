package io.fleetcost.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reading one billing file gave. {@code rowsRead} = {@code rowsKept} + {@code rowsQuarantined}
 * + {@code rowsDuplicate}: every row read is kept, quarantined, or a copy of a row another file of
 * the same input keeps. The totals are over kept rows, per currency, never summed across
 * currencies.
 *
 * @param status {@code read}; {@code empty} for a file without a header; {@code unchanged} for a
 *     file an incremental run did not read because the kept table already holds it
 * @param rowsDuplicate rows of this file not counted because another file of the same input holds
 *     the same row and keeps it (see {@link io.fleetcost.billing.DuplicateRows})
 * @param duplicatesKeptIn where those rows are counted: the keeping file's path → rows
 */
public record FileIngestStats(
    String input,
    String path,
    String format,
    String formatDetail,
    String sha256,
    long bytes,
    Status status,
    long rowsRead,
    long rowsKept,
    long rowsQuarantined,
    long rowsDuplicate,
    Map<String, Long> duplicatesKeptIn,
    Map<String, Long> quarantinedByReason,
    List<CurrencyTotals> totals,
    String chargePeriodStartMin,
    String chargePeriodStartMax) {
  /** What a run did with a billing file; written as its {@link #label()}. */
  public enum Status {
    READ,
    EMPTY,
    UNCHANGED;

    /** The text in {@code ingest-summary.json}, {@code summary.json} and {@code metadata.json}. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return label();
    }
  }

  public FileIngestStats {
    duplicatesKeptIn = Map.copyOf(duplicatesKeptIn);
    quarantinedByReason = Map.copyOf(quarantinedByReason);
    totals = List.copyOf(totals);
  }
}
