package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The monthly report's page, month and budgets.
 *
 * @param pageSize {@code A4} (default) or {@code letter}
 * @param budgets monthly budgets per team, in USD, compared with the team's spend (the owner tag's
 *     value)
 * @param closeDay 0–28 (default 3): a run whose date is on or before this day of its month renders
 *     the previous month's report, closed (complete, as of its last day); a later run renders its
 *     own month to date. 0: always month to date
 */
public record ReportConfig(
    @JsonProperty("page-size") String pageSize,
    @JsonProperty("budgets") List<Budget> budgets,
    @JsonProperty("close-day") Integer closeDay) {
  public static final int DEFAULT_CLOSE_DAY = 3;
  public static final int MAX_CLOSE_DAY = 28;
  public static final ReportConfig DEFAULT = new ReportConfig(null, null, null);

  public ReportConfig {
    pageSize = pageSize == null ? "A4" : pageSize.trim();
    String normalized = pageSize.toUpperCase(Locale.ROOT);
    if (!normalized.equals("A4") && !normalized.equals("LETTER")) {
      throw new IllegalArgumentException("report.page-size must be A4 or letter, not " + pageSize);
    }
    pageSize = normalized;
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
    if (budgets.stream().map(Budget::team).distinct().count() != budgets.size()) {
      throw new IllegalArgumentException("report.budgets names a team twice");
    }
    closeDay = closeDay == null ? DEFAULT_CLOSE_DAY : closeDay;
    if (closeDay < 0 || closeDay > MAX_CLOSE_DAY) {
      throw new IllegalArgumentException(
          "report.close-day must be between 0 and " + MAX_CLOSE_DAY + ", not " + closeDay);
    }
  }

  /** A team's monthly budget. */
  public record Budget(
      @JsonProperty("team") String team, @JsonProperty("monthly-usd") BigDecimal monthlyUsd) {
    public Budget {
      if (team == null || team.isBlank()) {
        throw new IllegalArgumentException("report.budgets: every budget needs a team");
      }
      if (monthlyUsd == null || monthlyUsd.signum() < 0) {
        throw new IllegalArgumentException(
            "report.budgets: the budget of team " + team + " needs a monthly-usd of 0 or more");
      }
    }
  }
}
