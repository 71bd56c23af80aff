package io.fleetcost.report;

import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.history.RealizedRow;
import io.fleetcost.history.RunRow;
import io.fleetcost.history.SavingStatus;
import io.fleetcost.report.MonthlyReport.Header;
import io.fleetcost.report.TrendsPage.SavingsPoint;
import io.fleetcost.report.TrendsPage.TeamLine;
import io.fleetcost.report.TrendsPage.UtilizationBucket;
import io.fleetcost.report.TrendsPage.UtilizationPoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the {@link TrendsPage} from a {@link HistorySnapshot}. Pure Java; BigDecimal arithmetic.
 */
public final class TrendsPageBuilder {
  /** The runs table's utilization buckets, lowest first, and how the page labels them. */
  static final Map<String, String> BUCKETS = bucketLabels();

  private TrendsPageBuilder() {}

  private static Map<String, String> bucketLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("0-10", "0–10%");
    labels.put("10-30", "10–30%");
    labels.put("30-60", "30–60%");
    labels.put("60-100", "60–100%");
    return labels;
  }

  /**
   * The trends of the runs up to {@code snapshot.asOf()}.
   *
   * @throws IllegalArgumentException when the snapshot has no complete run up to {@code asOf}
   */
  public static TrendsPage build(HistorySnapshot snapshot, ReportOptions options) {
    Objects.requireNonNull(snapshot, "snapshot is null");
    Objects.requireNonNull(options, "options is null");
    RunRow asOfRun = RunHistory.asOfRun(snapshot);
    List<RunRow> runs =
        snapshot.runs().stream().filter(run -> !run.runDate().isAfter(snapshot.asOf())).toList();
    ReportText text = new ReportText(options.currency());
    SpendFigures spend = new SpendFigures(snapshot);
    return new TrendsPage(
        options,
        new Header(
            snapshot.organization(),
            snapshot.job(),
            snapshot.month(),
            text.month(snapshot.month()),
            snapshot.asOf(),
            snapshot.closed()),
        lastRunOf(
            runs,
            run ->
                run.runDate().get(IsoFields.WEEK_BASED_YEAR)
                    + "-W"
                    + twoDigits(run.runDate().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))),
        lastRunOf(runs, run -> YearMonth.from(run.runDate()).toString()),
        utilization(asOfRun),
        runs.stream()
            .map(
                run ->
                    new UtilizationPoint(
                        run.runDate(),
                        run.seeded(),
                        run.meanGpuUtilization(),
                        run.gpuHours(),
                        run.idleGpuHours()))
            .toList(),
        RunHistory.securityScores(snapshot),
        teams(snapshot, spend),
        spend.covered().label(),
        MonthlyReport.InputWarning.of(asOfRun));
  }

  private static String twoDigits(int week) {
    return week < 10 ? "0" + week : Integer.toString(week);
  }

  /** One point per period: the figures of the period's last run (runs are oldest first). */
  private static List<SavingsPoint> lastRunOf(List<RunRow> runs, Function<RunRow, String> period) {
    Map<String, RunRow> last = new LinkedHashMap<>();
    for (RunRow run : runs) {
      last.put(period.apply(run), run);
    }
    return last.entrySet().stream()
        .map(
            e ->
                new SavingsPoint(
                    e.getKey(),
                    e.getValue().runDate(),
                    zeroIfNull(e.getValue().identifiedMonthlyUsd()),
                    zeroIfNull(e.getValue().realizedMonthlyUsd()),
                    zeroIfNull(e.getValue().inProgressMonthlyUsd())))
        .toList();
  }

  private static List<UtilizationBucket> utilization(RunRow run) {
    Map<String, Long> buckets = Optional.ofNullable(run.utilizationBuckets()).orElse(Map.of());
    long gpus = BUCKETS.keySet().stream().mapToLong(key -> buckets.getOrDefault(key, 0L)).sum();
    return BUCKETS.entrySet().stream()
        .map(
            e -> {
              long count = buckets.getOrDefault(e.getKey(), 0L);
              BigDecimal share =
                  gpus == 0
                      ? null
                      : BigDecimal.valueOf(count * 100)
                          .divide(BigDecimal.valueOf(gpus), 6, RoundingMode.HALF_EVEN);
              return new UtilizationBucket(e.getValue(), count, share);
            })
        .toList();
  }

  private static List<TeamLine> teams(HistorySnapshot snapshot, SpendFigures spend) {
    Map<String, BigDecimal> spendByTeam = spend.thisMonthBy(SpendFigures::team);
    Map<String, BigDecimal> identified = new HashMap<>();
    Map<String, Integer> opportunities = new HashMap<>();
    for (OpportunityRow row : snapshot.opportunities()) {
      String owner = owner(row.owner());
      opportunities.merge(owner, 1, Integer::sum);
      identified.merge(owner, zeroIfNull(row.monthlySavingUsd()), BigDecimal::add);
    }
    Map<String, BigDecimal> realized = new HashMap<>();
    Map<String, BigDecimal> inProgress = new HashMap<>();
    for (RealizedRow row : snapshot.realized()) {
      if (row.status() == SavingStatus.REALIZED) {
        realized.merge(
            owner(row.owner()), zeroIfNull(row.realizedMonthlySavingUsd()), BigDecimal::add);
      } else if (row.status() == SavingStatus.IN_PROGRESS) {
        inProgress.merge(
            owner(row.owner()), zeroIfNull(row.realizedMonthlySavingUsd()), BigDecimal::add);
      }
    }
    Set<String> teams = new TreeSet<>(spendByTeam.keySet());
    teams.addAll(identified.keySet());
    teams.addAll(realized.keySet());
    teams.addAll(inProgress.keySet());
    List<TeamLine> lines = new ArrayList<>();
    for (String team : teams) {
      lines.add(
          new TeamLine(
              team,
              spendByTeam.getOrDefault(team, BigDecimal.ZERO),
              identified.getOrDefault(team, BigDecimal.ZERO),
              opportunities.getOrDefault(team, 0),
              realized.getOrDefault(team, BigDecimal.ZERO),
              inProgress.getOrDefault(team, BigDecimal.ZERO)));
    }
    lines.sort(
        Comparator.comparing(TeamLine::spendThisMonth).reversed().thenComparing(TeamLine::team));
    return lines;
  }

  private static String owner(String owner) {
    return owner == null || owner.isBlank() ? "(untagged)" : owner;
  }

  private static BigDecimal zeroIfNull(BigDecimal amount) {
    return amount == null ? BigDecimal.ZERO : amount;
  }
}
