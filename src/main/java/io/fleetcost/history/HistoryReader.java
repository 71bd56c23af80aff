package io.fleetcost.history;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fleetcost.error.FleetCostException;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads the history back for the next run (its previous run date's realized savings) and for the
 * reports: only the rows of each complete date's current run ({@link #current}).
 */
final class HistoryReader {
  private final HistoryWarehouse tables;

  HistoryReader(HistoryWarehouse tables) {
    this.tables = tables;
  }

  /**
   * The rows of a table that readers see: each complete date's rows written by the run its {@code
   * runs} row names. Rows of other runs (a run killed before its flip, or the previous run of a
   * date until they are removed) are never read. Every read of the history goes through it.
   */
  Dataset<Row> current(String table) {
    Dataset<Row> runs = tables.rows(HistoryTables.RUNS);
    if (table.equals(HistoryTables.RUNS)) {
      return runs; // the pointers themselves: one row per complete date
    }
    Dataset<Row> pointers =
        runs.select(col("run_date").as("current_run_date"), col("run_id").as("current_run_id"));
    return tables
        .rows(table)
        .join(
            pointers,
            col("run_date")
                .equalTo(col("current_run_date"))
                .and(col("run_id").equalTo(col("current_run_id"))),
            "left_semi");
  }

  /** Complete run dates (those with a {@code runs} row), oldest first. */
  List<LocalDate> runDates() {
    List<LocalDate> dates = new ArrayList<>();
    for (Row row :
        current(HistoryTables.RUNS)
            .select("run_date")
            .distinct()
            .orderBy("run_date")
            .collectAsList()) {
      dates.add(row.getDate(0).toLocalDate());
    }
    return dates;
  }

  /** The newest complete run date before {@code date}. */
  Optional<LocalDate> previousRunDate(LocalDate date) {
    return runDates().stream().filter(d -> d.isBefore(date)).reduce((a, b) -> b);
  }

  List<RealizedRow> realized(LocalDate runDate) {
    return read(
        HistoryTables.REALIZED_SAVINGS, runDate, HistoryRows::realizedRow, "opportunity_id");
  }

  List<OpportunityRow> opportunities(LocalDate runDate) {
    return read(HistoryTables.OPPORTUNITIES, runDate, HistoryRows::opportunityRow, "rank");
  }

  List<RunRow> runs() {
    List<RunRow> runs = new ArrayList<>();
    for (Row row : current(HistoryTables.RUNS).orderBy("run_date").collectAsList()) {
      runs.add(RunRows.runRow(row));
    }
    return runs;
  }

  /** {@link HistoryStore#snapshot}. */
  HistorySnapshot snapshot(YearMonth month, LocalDate upTo, Map<String, BigDecimal> budgets) {
    List<RunRow> all = runs();
    List<RunRow> readable = all.stream().filter(r -> !r.runDate().isAfter(upTo)).toList();
    LocalDate lastRun =
        readable.stream()
            .map(RunRow::runDate)
            .filter(d -> YearMonth.from(d).equals(month))
            .reduce((a, b) -> b)
            .orElseThrow(
                () ->
                    FleetCostException.userError(
                        "Cannot report on %s: the history in %s has no complete run in that month up to %s (runs: %s)",
                        month,
                        tables.warehouse(),
                        upTo,
                        all.isEmpty()
                            ? "none"
                            : all.get(0).runDate() + " to " + all.get(all.size() - 1).runDate()));
    boolean closed = upTo.isAfter(month.atEndOfMonth());
    LocalDate asOf = closed ? month.atEndOfMonth() : lastRun;
    List<RunRow> runs = readable.stream().filter(r -> !r.runDate().isAfter(asOf)).toList();
    RunRow last = runs.get(runs.size() - 1);
    Optional<LocalDate> scanned =
        runs.stream().filter(r -> !r.seeded()).map(RunRow::runDate).reduce((a, b) -> b);
    return new HistorySnapshot(
        last.organization(),
        last.job(),
        month,
        closed,
        asOf,
        runs,
        spend(month, readable.stream().map(RunRow::runDate).toList()),
        opportunities(lastRun),
        scanned
            .map(
                d ->
                    read(
                        HistoryTables.SECURITY_FINDINGS,
                        d,
                        HistoryRows::findingRow,
                        "check_id",
                        "file",
                        "doc_index",
                        "name",
                        "path"))
            .orElse(List.of()),
        realized(lastRun),
        read(
            HistoryTables.GPU_PROFILES,
            lastRun,
            HistoryRows::gpuProfileRow,
            "resource_key",
            "gpu_key"),
        budgets);
  }

  /** Each usage day of the month and the month before, in the newest complete run that has it. */
  private List<SpendRow> spend(YearMonth month, List<LocalDate> complete) {
    Date from = Date.valueOf(month.minusMonths(1).atDay(1));
    Date to = Date.valueOf(month.atEndOfMonth());
    Dataset<Row> rows =
        current(HistoryTables.DAILY_SPEND)
            .filter(col("usage_date").between(lit(from), lit(to)))
            .filter(col("run_date").isin(complete.stream().map(Date::valueOf).toArray()));
    Dataset<Row> newest =
        rows.groupBy(col("usage_date").as("newest_usage_date"))
            .agg(org.apache.spark.sql.functions.max("run_date").as("newest_run"));
    List<SpendRow> spend = new ArrayList<>();
    for (Row row :
        rows.join(
                newest,
                col("usage_date")
                    .equalTo(col("newest_usage_date"))
                    .and(col("run_date").equalTo(col("newest_run"))))
            .drop("newest_usage_date", "newest_run")
            .orderBy(
                "usage_date",
                "provider",
                "billing_account_id",
                "sub_account_id",
                "service",
                "team",
                "currency")
            .collectAsList()) {
      spend.add(HistoryRows.spendRow(row));
    }
    return spend;
  }

  /** A complete date's rows of a table, ordered by {@code orderBy}. */
  private <T> List<T> read(
      String table, LocalDate runDate, Function<Row, T> fromRow, String... orderBy) {
    List<T> values = new ArrayList<>();
    for (Row row :
        current(table)
            .filter(HistoryWarehouse.ofDate(runDate))
            .orderBy(
                Arrays.stream(orderBy)
                    .map(org.apache.spark.sql.functions::col)
                    .toArray(Column[]::new))
            .collectAsList()) {
      values.add(fromRow.apply(row));
    }
    return values;
  }
}
