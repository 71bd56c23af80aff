package io.fleetcost.report;

import java.util.List;

/**
 * How a table's rows are grouped into {@code <tbody>} elements for the PDF; templates reach it as
 * {@code rows}. A table of up to {@link #KEEP_WHOLE_MAX} rows is kept whole by its wrapper (one
 * group). A longer one may break across pages: its first and its last {@link #MIN_ROWS_PER_PAGE}
 * rows each form a group that Flying Saucer keeps on one page ({@code tbody.keep-together}), so no
 * page holds fewer than that many of its rows at its start or at its end.
 */
public final class TableRows {
  /** Tables up to this many rows are kept whole on one page with their heading. */
  public static final int KEEP_WHOLE_MAX = 15;

  /** The fewest rows of a long table a page holds at its start or end. */
  public static final int MIN_ROWS_PER_PAGE = 4;

  /**
   * One {@code <tbody>} of a table.
   *
   * @param keptTogether never split across pages
   */
  public record Group<T>(List<T> rows, boolean keptTogether) {
    public Group {
      rows = List.copyOf(rows);
    }
  }

  /** The groups of a table's rows, in order; their rows together are {@code rows}. */
  public <T> List<Group<T>> groups(List<T> rows) {
    int n = rows.size();
    if (n <= KEEP_WHOLE_MAX) {
      return List.of(new Group<>(rows, false));
    }
    return List.of(
        new Group<>(rows.subList(0, MIN_ROWS_PER_PAGE), true),
        new Group<>(rows.subList(MIN_ROWS_PER_PAGE, n - MIN_ROWS_PER_PAGE), false),
        new Group<>(rows.subList(n - MIN_ROWS_PER_PAGE, n), true));
  }
}
