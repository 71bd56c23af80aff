package io.fleetcost.history;

import static io.fleetcost.history.HistoryDumps.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.spark.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's write protocol on its own, without a job: a re-run's rows are read only once its
 * {@code runs} row is written, and the rows of every other run of the date go then. A write is
 * stopped by a hook that throws before one commit; every commit being atomic and nothing running
 * after the throw, the tables are then as a kill at that point leaves them ({@link
 * HistoryCrashTest} kills real runs).
 */
class HistoryRerunTest {
  private static final LocalDate EARLIER = LocalDate.parse("2026-10-01");
  private static final LocalDate DATE = LocalDate.parse("2026-10-02");

  @TempDir Path dir;

  /**
   * Stops a write before one table's commit of its rows ({@code cleanup} false) or of its removal
   * of older rows.
   */
  private record StopBefore(String table, boolean cleanup) implements TableCommitHook {
    @Override
    public void beforeCommit(String committing, LocalDate runDate) {
      if (!cleanup && committing.equals(table)) {
        throw new Stopped("before the commit of " + table);
      }
    }

    @Override
    public void beforeCleanup(String committing, LocalDate runDate) {
      if (cleanup && committing.equals(table)) {
        throw new Stopped("before the removal of older rows of " + table);
      }
    }
  }

  private static final class Stopped extends RuntimeException {
    Stopped(String message) {
      super(message);
    }
  }

  private HistoryStore store(String warehouse, TableCommitHook hook) {
    return HistoryStore.open(
        SharedSpark.session(), dir.resolve(warehouse).toString(), "fleetcost", line -> {}, hook);
  }

  private static HistoryStore.DateRecords records(LocalDate date, String runId, int version) {
    return HistoryRecords.of(SharedSpark.session(), date, runId, version);
  }

  /**
   * What every table holds when the date's only write was the version's: the reference for a
   * re-run's tables.
   */
  private Map<String, List<String>> writtenOnce(String warehouse, int earlierVersion, int version) {
    HistoryStore once = store(warehouse, TableCommitHook.NONE);
    once.write(EARLIER, records(EARLIER, "once", earlierVersion));
    once.write(DATE, records(DATE, "once", version));
    return HistoryDumps.dump(once, RUN_ID);
  }

  /** Each table's run ids among its rows of the date, in {@link HistoryTables#ALL} order. */
  private static Map<String, List<String>> runIds(List<String> dataTables, List<String> runs) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    HistoryTables.POINTED_AT.forEach(table -> ids.put(table, dataTables));
    ids.put(HistoryTables.RUNS, runs);
    return ids;
  }

  @Test
  void aCompletedRerunLeavesNoRowOfTheOlderRunInAnyTable() {
    HistoryStore store = store("warehouse", TableCommitHook.NONE);
    // one run records both dates (as a seeded or backfilling run does), then the second date is run
    // again
    store.write(EARLIER, records(EARLIER, "run-a", 1));
    store.write(DATE, records(DATE, "run-a", 1));
    Map<String, List<String>> earlier = HistoryDumps.dumpOf(store, EARLIER, List.of());
    store.write(DATE, records(DATE, "run-b", 2));

    assertThat(HistoryDumps.runIdsOf(store, DATE))
        .as("the date's run ids in each table")
        .isEqualTo(runIds(List.of("run-b"), List.of("run-b")));
    assertThat(HistoryDumps.dumpOf(store, EARLIER, List.of()))
        .as("the other date, written by the same run")
        .isEqualTo(earlier);
    assertThat(HistoryDumps.dump(store, List.of()))
        .as("every row is one readers see")
        .isEqualTo(HistoryDumps.current(store, List.of()));
    assertThat(HistoryDumps.dump(store, RUN_ID))
        .as("as if the date was written once")
        .isEqualTo(writtenOnce("once", 1, 2));
    assertThat(store.runDates()).containsExactly(EARLIER, DATE);
    assertThat(store.opportunities(DATE))
        .extracting(OpportunityRow::id)
        .containsExactly("opportunity-2");
  }

  @Test
  void aRunStoppedBeforeItsFlipIsNeverReadAndTheDatesNextWriteRemovesItsRows() {
    HistoryStore store = store("warehouse", TableCommitHook.NONE);
    store.write(DATE, records(DATE, "run-a", 1));
    Map<String, List<String>> seen = HistoryDumps.currentOf(store, DATE, List.of());
    HistorySnapshot report = store.snapshot(YearMonth.from(DATE), DATE, Map.of());

    // run-b wrote every table but runs, run-c only daily_spend
    assertThatThrownBy(
            () ->
                store("warehouse", new StopBefore(HistoryTables.RUNS, false))
                    .write(DATE, records(DATE, "run-b", 2)))
        .isInstanceOf(Stopped.class);
    assertThatThrownBy(
            () ->
                store("warehouse", new StopBefore(HistoryTables.GPU_PROFILES, false))
                    .write(DATE, records(DATE, "run-c", 3)))
        .isInstanceOf(Stopped.class);
    assertThat(HistoryDumps.currentOf(store, DATE, List.of()))
        .as("the rows readers see")
        .isEqualTo(seen);
    assertThat(store.snapshot(YearMonth.from(DATE), DATE, Map.of())).isEqualTo(report);
    assertThat(store.runDates()).containsExactly(DATE);
    assertThat(store.opportunities(DATE))
        .extracting(OpportunityRow::id)
        .containsExactly("opportunity-1");
    Map<String, List<String>> stored =
        new LinkedHashMap<>(runIds(List.of("run-a", "run-b"), List.of("run-a")));
    stored.put(HistoryTables.DAILY_SPEND, List.of("run-a", "run-b", "run-c"));
    assertThat(HistoryDumps.runIdsOf(store, DATE))
        .as("the stopped runs' rows, stored but not read")
        .isEqualTo(stored);

    store.write(DATE, records(DATE, "run-d", 4));
    assertThat(HistoryDumps.runIdsOf(store, DATE))
        .as("after the next write")
        .isEqualTo(runIds(List.of("run-d"), List.of("run-d")));
    assertThat(store.opportunities(DATE))
        .extracting(OpportunityRow::id)
        .containsExactly("opportunity-4");
  }

  @Test
  void aRunStoppedWhileItRemovesTheOlderRowsLeavesOnlyRowsNoReaderSees() {
    HistoryStore store = store("warehouse", TableCommitHook.NONE);
    store.write(EARLIER, records(EARLIER, "run-a", 1));
    store.write(DATE, records(DATE, "run-a", 1));
    assertThatThrownBy(
            () ->
                store("warehouse", new StopBefore(HistoryTables.OPPORTUNITIES, true))
                    .write(DATE, records(DATE, "run-b", 2)))
        .isInstanceOf(Stopped.class);

    Map<String, List<String>> stored =
        new LinkedHashMap<>(runIds(List.of("run-a", "run-b"), List.of("run-b")));
    stored.put(HistoryTables.DAILY_SPEND, List.of("run-b"));
    stored.put(HistoryTables.GPU_PROFILES, List.of("run-b"));
    assertThat(HistoryDumps.runIdsOf(store, DATE))
        .as("cleaned up to gpu_profiles")
        .isEqualTo(stored);
    assertThat(HistoryDumps.current(store, RUN_ID))
        .as("readers see run-b's date whole")
        .isEqualTo(writtenOnce("once", 1, 2));
    assertThat(store.opportunities(DATE))
        .extracting(OpportunityRow::id)
        .containsExactly("opportunity-2");
    assertThat(store.realized(DATE))
        .extracting(RealizedRow::opportunityId)
        .containsExactly("opportunity-2");

    store.write(DATE, records(DATE, "run-c", 3));
    assertThat(HistoryDumps.runIdsOf(store, DATE))
        .as("after the next write")
        .isEqualTo(runIds(List.of("run-c"), List.of("run-c")));
  }

  @Test
  void aFirstWriteStoppedBeforeItsFlipLeavesNoDateAndItsRetryDoesNotDuplicateRows() {
    HistoryStore store = store("warehouse", TableCommitHook.NONE);
    store.write(EARLIER, records(EARLIER, "run-a", 1));
    Map<String, List<String>> seen = HistoryDumps.current(store, List.of());
    assertThatThrownBy(
            () ->
                store("warehouse", new StopBefore(HistoryTables.RUNS, false))
                    .write(DATE, records(DATE, "run-b", 2)))
        .isInstanceOf(Stopped.class);
    assertThat(store.runDates()).containsExactly(EARLIER);
    assertThat(store.previousRunDate(DATE.plusDays(1))).contains(EARLIER);
    assertThat(store.opportunities(DATE)).isEmpty();
    assertThat(HistoryDumps.current(store, List.of())).isEqualTo(seen);

    // the same run writes the date again: its own rows are replaced, not doubled
    store.write(DATE, records(DATE, "run-b", 2));
    assertThat(HistoryDumps.dumpOf(store, DATE, List.of()))
        .allSatisfy((table, rows) -> assertThat(rows).as(table).hasSize(1));
    assertThat(HistoryDumps.dump(store, RUN_ID)).isEqualTo(writtenOnce("once", 1, 2));
  }
}
