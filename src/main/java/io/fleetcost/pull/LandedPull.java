package io.fleetcost.pull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one pull of an API fetched, before it is landed.
 *
 * @param columns the landed columns, every value text as the API sent it
 * @param rows one array per row, in {@code columns}' order
 * @param pages pages read
 * @param requests requests sent, retries included
 * @param retries requests sent again after a retryable failure
 * @param requestIds the request id of each page read
 * @param estimatedDays days the API marked as estimates, not final
 * @param tables other tables of the pull, by name (Cost Explorer's rightsizing recommendations):
 *     landed whole, in a folder of that name, not by billing month
 */
public record LandedPull(
    List<String> columns,
    List<String[]> rows,
    int pages,
    int requests,
    int retries,
    List<String> requestIds,
    List<LocalDate> estimatedDays,
    Map<String, Table> tables) {
  /** A table of text values. */
  public record Table(List<String> columns, List<String[]> rows) {
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  public LandedPull {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    requestIds = List.copyOf(requestIds);
    estimatedDays = List.copyOf(estimatedDays);
    tables = Map.copyOf(tables);
  }

  public LandedPull(
      List<String> columns,
      List<String[]> rows,
      int pages,
      int requests,
      int retries,
      List<String> requestIds,
      List<LocalDate> estimatedDays) {
    this(columns, rows, pages, requests, retries, requestIds, estimatedDays, Map.of());
  }
}
