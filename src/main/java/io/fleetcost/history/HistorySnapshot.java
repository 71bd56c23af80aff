package io.fleetcost.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the history holds for one report month, read without re-ingesting anything: the input of the monthly finance
 * report and the trends page.
 *
 * @param asOf the newest complete run date in the month (the report's figures are as of it)
 * @param runs every complete run up to {@code asOf}, oldest first
 * @param spend each usage day's newest view, for the report month and the month before it
 * @param opportunities the opportunities of the {@code asOf} run, by rank
 * @param findings the security findings of the newest run up to {@code asOf} that scanned (not seeded)
 * @param realized the {@code realized_savings} rows of the {@code asOf} run (every opportunity ever identified)
 * @param gpuProfiles the GPU profiles of the {@code asOf} run
 * @param budgets monthly budget per team, USD, from the job file
 */
public record HistorySnapshot(
    String organization,
    String job,
    YearMonth month,
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
    runs = List.copyOf(runs);
    spend = List.copyOf(spend);
    opportunities = List.copyOf(opportunities);
    findings = List.copyOf(findings);
    realized = List.copyOf(realized);
    gpuProfiles = List.copyOf(gpuProfiles);
    budgets = Map.copyOf(budgets);
  }
}
