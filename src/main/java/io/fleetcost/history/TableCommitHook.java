package io.fleetcost.history;

import java.time.LocalDate;

/**
 * Called by {@link HistoryStore#write} before each of its commits of a run date: before it writes
 * each table's rows, in write order ({@link HistoryTables#ALL}, {@code runs} last), then before it
 * removes each table's rows of the date's other runs. A run uses {@link #NONE}; the history tests
 * install one that blocks (or fails) before a chosen commit, so that they can kill the run at a
 * point they know rather than one they guess.
 */
@FunctionalInterface
public interface TableCommitHook {
  TableCommitHook NONE = (table, runDate) -> {};

  /**
   * Before the commit of {@code table}'s rows of {@code runDate} ({@code runs}: the commit that
   * makes them current).
   */
  void beforeCommit(String table, LocalDate runDate);

  /**
   * Before the commit that removes {@code table}'s rows of {@code runDate} written by other runs
   * than the current one.
   */
  default void beforeCleanup(String table, LocalDate runDate) {}
}
