package io.fleetcost.report;

import io.fleetcost.history.HistorySnapshot;
import io.fleetcost.history.SpendRow;
import io.fleetcost.model.Money;
import io.fleetcost.report.MonthlyReport.Change;
import io.fleetcost.report.MonthlyReport.CoveredDays;
import io.fleetcost.report.MonthlyReport.SpendBreakdown;
import io.fleetcost.report.MonthlyReport.SpendLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report month's spend and the previous month's, from the snapshot's daily spend rows (USD
 * EffectiveCost; rows without an exchange rate are left out and counted). "This month" is month to
 * date: the covered days; a closed month is not projected, its spend is the month's. The previous
 * month is compared over the same days of the month, or whole once the report month is complete, so
 * a half month is never set against a full one.
 */
final class SpendFigures {
  private static final DateTimeFormatter DAY_MONTH =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final List<SpendRow> thisMonth = new ArrayList<>();
  private final List<SpendRow> previousMonth = new ArrayList<>();
  private final List<SpendRow> compared = new ArrayList<>();
  private final CoveredDays covered;
  private final boolean closed;
  private final String comparedPeriod;
  private final long rowsWithoutRate;

  SpendFigures(HistorySnapshot snapshot) {
    YearMonth month = snapshot.month();
    YearMonth previous = month.minusMonths(1);
    long withoutRate = 0;
    for (SpendRow row : snapshot.spend()) {
      YearMonth usageMonth = YearMonth.from(row.usageDate());
      if (!usageMonth.equals(month) && !usageMonth.equals(previous)) {
        continue;
      }
      if (row.effectiveCostUsd() == null) {
        withoutRate++;
      } else if (usageMonth.equals(month)) {
        thisMonth.add(row);
      } else {
        previousMonth.add(row);
      }
    }
    rowsWithoutRate = withoutRate;
    covered = coveredDays(month, thisMonth);
    closed = snapshot.closed();
    int fromDay = covered.first() == null ? 1 : covered.first().getDayOfMonth();
    int toDay =
        covered.complete() || covered.last() == null
            ? previous.lengthOfMonth()
            : Math.min(covered.last().getDayOfMonth(), previous.lengthOfMonth());
    for (SpendRow row : previousMonth) {
      int day = row.usageDate().getDayOfMonth();
      if (day >= fromDay && day <= toDay) {
        compared.add(row);
      }
    }
    comparedPeriod =
        fromDay == toDay
            ? DAY_MONTH.format(previous.atDay(fromDay))
            : fromDay + "–" + DAY_MONTH.format(previous.atDay(toDay));
  }

  private static CoveredDays coveredDays(YearMonth month, List<SpendRow> rows) {
    LocalDate first =
        rows.stream().map(SpendRow::usageDate).min(Comparator.naturalOrder()).orElse(null);
    LocalDate last =
        rows.stream().map(SpendRow::usageDate).max(Comparator.naturalOrder()).orElse(null);
    int days = first == null ? 0 : (int) ChronoUnit.DAYS.between(first, last) + 1;
    return new CoveredDays(first, last, days, month.lengthOfMonth());
  }

  CoveredDays covered() {
    return covered;
  }

  String comparedPeriod() {
    return comparedPeriod;
  }

  long rowsWithoutRate() {
    return rowsWithoutRate;
  }

  BigDecimal thisMonthTotal() {
    return sum(thisMonth);
  }

  /** Null when the previous month has no spend rows. */
  BigDecimal previousMonthTotal() {
    return previousMonth.isEmpty() ? null : sum(previousMonth);
  }

  /** Null when the previous month has no spend rows over the compared days. */
  BigDecimal comparedTotal() {
    return compared.isEmpty() ? null : sum(compared);
  }

  /**
   * The full month at the pace of the covered days: {@code amount ÷ days × days in month}; a closed
   * month's actual.
   */
  BigDecimal projectMonth(BigDecimal amount) {
    if (closed || covered.days() == 0) {
      return amount;
    }
    return amount
        .multiply(BigDecimal.valueOf(covered.daysInMonth()))
        .divide(BigDecimal.valueOf(covered.days()), 10, RoundingMode.HALF_EVEN);
  }

  Map<String, BigDecimal> thisMonthBy(Function<SpendRow, String> key) {
    return totalsBy(thisMonth, key);
  }

  /** Null when there is nothing to compare with (no previous month data). */
  static Change change(BigDecimal current, BigDecimal previous) {
    if (previous == null) {
      return null;
    }
    BigDecimal amount = current.subtract(previous);
    BigDecimal percent =
        previous.signum() == 0
            ? null
            : amount.multiply(HUNDRED).divide(previous.abs(), 6, RoundingMode.HALF_EVEN);
    return new Change(amount, percent);
  }

  /**
   * The top {@code topRows} keys by this month's spend (then the compared period's, then name), one
   * "Other" row for the rest, and the total; amounts apportioned to cents so the rows add up to the
   * total.
   */
  SpendBreakdown breakdown(
      String id, String title, String dimension, Function<SpendRow, String> key, int topRows) {
    Map<String, BigDecimal> current = totalsBy(thisMonth, key);
    Map<String, BigDecimal> before = totalsBy(compared, key);
    List<String> names = new ArrayList<>(current.keySet());
    before.keySet().stream().filter(name -> !current.containsKey(name)).forEach(names::add);
    names.sort(
        Comparator.comparing((String name) -> current.getOrDefault(name, BigDecimal.ZERO))
            .thenComparing(name -> before.getOrDefault(name, BigDecimal.ZERO))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    List<String> labels = new ArrayList<>();
    List<BigDecimal> currentValues = new ArrayList<>();
    List<BigDecimal> beforeValues = new ArrayList<>();
    for (String name : names.subList(0, Math.min(topRows, names.size()))) {
      labels.add(name);
      currentValues.add(current.getOrDefault(name, BigDecimal.ZERO));
      beforeValues.add(before.getOrDefault(name, BigDecimal.ZERO));
    }
    List<String> rest = names.subList(Math.min(topRows, names.size()), names.size());
    if (!rest.isEmpty()) {
      labels.add("Other (" + rest.size() + (rest.size() == 1 ? " more)" : " more)"));
      currentValues.add(
          rest.stream()
              .map(name -> current.getOrDefault(name, BigDecimal.ZERO))
              .reduce(BigDecimal.ZERO, BigDecimal::add));
      beforeValues.add(
          rest.stream()
              .map(name -> before.getOrDefault(name, BigDecimal.ZERO))
              .reduce(BigDecimal.ZERO, BigDecimal::add));
    }
    boolean comparable = !compared.isEmpty();
    List<BigDecimal> currentCents = Cents.apportion(currentValues);
    List<BigDecimal> beforeCents = Cents.apportion(beforeValues);
    List<SpendLine> lines = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      lines.add(
          line(
              labels.get(i),
              currentCents.get(i),
              beforeCents.get(i),
              comparable,
              !rest.isEmpty() && i == labels.size() - 1));
    }
    BigDecimal currentTotal = Money.cents(sumAmounts(currentValues));
    BigDecimal beforeTotal = Money.cents(sumAmounts(beforeValues));
    return new SpendBreakdown(
        id, title, dimension, lines, line("Total", currentTotal, beforeTotal, comparable, false));
  }

  private static SpendLine line(
      String name, BigDecimal current, BigDecimal before, boolean comparable, boolean other) {
    return new SpendLine(
        name,
        current,
        comparable ? before : null,
        comparable ? change(current, before) : null,
        other);
  }

  private static Map<String, BigDecimal> totalsBy(
      List<SpendRow> rows, Function<SpendRow, String> key) {
    Map<String, BigDecimal> totals = new HashMap<>();
    for (SpendRow row : rows) {
      totals.merge(key.apply(row), row.effectiveCostUsd(), BigDecimal::add);
    }
    return totals;
  }

  private static BigDecimal sum(List<SpendRow> rows) {
    return rows.stream().map(SpendRow::effectiveCostUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal sumAmounts(List<BigDecimal> amounts) {
    return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static String team(SpendRow row) {
    return row.team() == null || row.team().isBlank() ? "(untagged)" : row.team();
  }

  static String account(SpendRow row) {
    String account = row.billingAccountId() == null ? "(none)" : row.billingAccountId();
    return row.subAccountId() == null
            || row.subAccountId().isBlank()
            || row.subAccountId().equals(row.billingAccountId())
        ? account
        : account + " / " + row.subAccountId();
  }

  static String orNone(String value) {
    return value == null || value.isBlank() ? "(none)" : value;
  }
}
