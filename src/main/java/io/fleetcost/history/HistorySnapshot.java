package io.fleetcost.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the history holds for one report month, read without re-ingesting anything: the input of the
 * monthly finance report and the trends page.
 *
 * @param closed the month is over: the history was read up to a run after its last day, so its
 *     report is the complete month rather than month to date
 * @param asOf the newest complete run date in the month, or the month's last day when it is closed
 *     (the report's figures are as of it)
 * @param runs every complete run up to {@code asOf}, oldest first
 * @param spend each usage day's newest view, for the report month and the month before it (for a
 *     closed month, also from the runs after it, which see its last days)
 * @param opportunities the opportunities of the newest run up to {@code asOf} (the as-of run), by
 *     rank
 * @param findings the security findings of the newest run up to {@code asOf} that scanned (not
 *     seeded)
 * @param realized the {@code realized_savings} rows of the as-of run (every opportunity ever
 *     identified)
 * @param gpuProfiles the GPU profiles of the as-of run
 * @param budgets monthly budget per team, USD, from the job file
 */
public record HistorySnapshot(
    String organization,
    String job,
    YearMonth month,
    boolean closed,
    LocalDate asOf,
    List<RunRow> runs,
    List<SpendRow> spend,
    List<OpportunityRow> opportunities,
    List<FindingRow> findings,
    List<RealizedRow> realized,
    List<GpuProfileRow> gpuProfiles,
    Map<String, BigDecimal> budgets) {
  public HistorySnapshot {
    Objects.requireNonNull(month, "month is null");
    Objects.requireNonNull(asOf, "asOf is null");
    if (!YearMonth.from(asOf).equals(month) || closed && !asOf.equals(month.atEndOfMonth())) {
      throw new IllegalArgumentException(
          "asOf " + asOf + " is not " + (closed ? "the last day" : "a day") + " of " + month);
    }
    runs = List.copyOf(runs);
    spend = List.copyOf(spend);
    opportunities = List.copyOf(opportunities);
    findings = List.copyOf(findings);
    realized = List.copyOf(realized);
    gpuProfiles = List.copyOf(gpuProfiles);
    budgets = Map.copyOf(budgets);
  }
}
