package io.fleetcost.history;

import java.time.LocalDate;

/**
 * Called by {@link HistoryStore#write} before it writes and commits each table's rows of a run date, in write order
 * ({@link HistoryTables#ALL}, {@code runs} last). A run uses {@link #NONE}; {@code HistoryCrashTest} installs one that
 * blocks before a chosen table, so that it can kill the run at a point it knows rather than one it guesses.
 */
@FunctionalInterface
public interface TableCommitHook {
  TableCommitHook NONE = (table, runDate) -> {};

  void beforeCommit(String table, LocalDate runDate);
}
