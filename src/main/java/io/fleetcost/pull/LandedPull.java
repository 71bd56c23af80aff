package io.fleetcost.pull;

import java.time.LocalDate;
import java.util.List;

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
 */
public record LandedPull(
    List<String> columns, List<String[]> rows, int pages, int requests, int retries, List<String> requestIds, List<LocalDate> estimatedDays) {
  public LandedPull {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    requestIds = List.copyOf(requestIds);
    estimatedDays = List.copyOf(estimatedDays);
  }
}
