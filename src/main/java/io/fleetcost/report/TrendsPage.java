package io.fleetcost.report;

import io.fleetcost.report.MonthlyReport.Header;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The platform trends page, built by {@link TrendsPageBuilder} from the same snapshot as the
 * monthly report: savings, utilization, idle GPU-hours and the security score over the runs, and a
 * table per team. Amounts are monthly USD.
 *
 * @param weekly the last run of each ISO week, oldest first
 * @param monthly the last run of each calendar month, oldest first
 * @param utilization GPUs by mean utilization over the as-of run's window
 * @param utilizationTrend one point per run
 * @param securityTrend one point per run that scanned (not seeded)
 */
public record TrendsPage(
    ReportOptions options,
    Header header,
    List<SavingsPoint> weekly,
    List<SavingsPoint> monthly,
    List<UtilizationBucket> utilization,
    List<UtilizationPoint> utilizationTrend,
    List<ScorePoint> securityTrend,
    List<TeamLine> teams,
    String teamSpendPeriod,
    List<MonthlyReport.InputWarning> inputWarnings) {

  public TrendsPage {
    inputWarnings = List.copyOf(inputWarnings);
    weekly = List.copyOf(weekly);
    monthly = List.copyOf(monthly);
    utilization = List.copyOf(utilization);
    utilizationTrend = List.copyOf(utilizationTrend);
    securityTrend = List.copyOf(securityTrend);
    teams = List.copyOf(teams);
  }

  /** A period's savings as its last run saw them: identified (open), realized, and in progress. */
  public record SavingsPoint(
      String period,
      LocalDate runDate,
      BigDecimal identified,
      BigDecimal realized,
      BigDecimal inProgress) {}

  /**
   * @param range e.g. {@code 0–10%} (lower bound inclusive)
   * @param sharePercent the bucket's GPUs in percent of all profiled GPUs; null when there are none
   */
  public record UtilizationBucket(String range, long gpus, BigDecimal sharePercent) {}

  /**
   * @param meanUtilization percent
   */
  public record UtilizationPoint(
      LocalDate runDate,
      boolean seeded,
      double meanUtilization,
      double gpuHours,
      double idleGpuHours) {}

  /**
   * A team's figures.
   *
   * @param spendThisMonth month to date
   * @param identifiedMonthly the monthly savings of the team's open opportunities (as-of run)
   * @param realizedMonthly realized savings (status realized) of the team's opportunities
   */
  public record TeamLine(
      String team,
      BigDecimal spendThisMonth,
      BigDecimal identifiedMonthly,
      int opportunities,
      BigDecimal realizedMonthly,
      BigDecimal inProgressMonthly) {}
}
