package io.fleetcost.history;

import io.fleetcost.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tracks every opportunity ever identified from one run date to the next, and what the bill shows
 * was saved.
 *
 * <ul>
 *   <li>An opportunity is identified on the first run date that lists it; its <b>baseline</b> is
 *       its resource's monthly cost on the bill that day as billed now (its instance rows over the
 *       last 24 hours its provider's bill covers, × 730 ÷ 24, in USD).
 *   <li>While it is still listed, it is {@code open}, or {@code in_progress} when the bill already
 *       shows a drop from the baseline (someone started acting on it).
 *   <li>When it is no longer listed it closes: {@code realized} for the drop the bill shows
 *       (baseline − current cost, zero when the resource is gone from the bill), whatever the
 *       estimate was; {@code dismissed} when the bill did not drop (the work changed, a threshold
 *       moved, or the telemetry stopped).
 *   <li>Two opportunities on one resource (right-size then spot) share its drop in proportion to
 *       their estimates, so a resource's drop is never counted twice.
 *   <li>On a date whose bill is incomplete (a billing input missing or stale), nothing closes: an
 *       opportunity no longer listed keeps its previous row, since its resource may be absent only
 *       because its bill did not arrive.
 * </ul>
 *
 * Closed rows are carried forward unchanged, so each date's rows hold the whole record. Amounts are
 * monthly, in USD, rounded to cents.
 */
public final class RealizedSavings {
  private RealizedSavings() {}

  /**
   * @param previous the rows of the previous complete run date (empty for the first)
   * @param current the opportunities of this run date
   * @param monthlyCostUsd each tracked resource's monthly cost on this date's bill; a resource
   *     absent from the map is absent from the bill (cost zero)
   * @param billComplete false when a billing input of the date is missing or stale: a resource may
   *     be absent only because its bill did not arrive, so opportunities no longer listed keep
   *     their previous row instead of closing
   */
  public static List<RealizedRow> track(
      LocalDate date,
      List<RealizedRow> previous,
      List<OpportunityRow> current,
      Map<String, BigDecimal> monthlyCostUsd,
      boolean billComplete) {
    List<Tracked> active = listed(date, previous, current, monthlyCostUsd);
    Set<String> listedIds = new HashSet<>();
    for (OpportunityRow o : current) {
      listedIds.add(o.id());
    }
    List<RealizedRow> rows = new ArrayList<>();
    for (RealizedRow was : previous) {
      if (listedIds.contains(was.opportunityId())) {
        continue;
      }
      if (billComplete && was.status().isOpen()) {
        active.add(closing(was, cost(monthlyCostUsd, was.resourceId())));
      } else {
        rows.add(withDate(was, date));
      }
    }
    rows.addAll(attributed(date, active));
    rows.sort(Comparator.comparing(RealizedRow::opportunityId));
    return rows;
  }

  /**
   * The opportunities of this run date, each with the identification date and baseline of its
   * previous row while it stays open, or identified today at today's cost.
   */
  private static List<Tracked> listed(
      LocalDate date,
      List<RealizedRow> previous,
      List<OpportunityRow> current,
      Map<String, BigDecimal> monthlyCostUsd) {
    Map<String, RealizedRow> before = new LinkedHashMap<>();
    for (RealizedRow row : previous) {
      before.put(row.opportunityId(), row);
    }
    List<Tracked> listed = new ArrayList<>();
    for (OpportunityRow o : current) {
      BigDecimal cost = cost(monthlyCostUsd, o.resourceId());
      RealizedRow was = before.get(o.id());
      boolean stillOpen = was != null && was.status().isOpen();
      listed.add(
          new Tracked(
              o.id(),
              o.lever(),
              o.resourceId(),
              o.owner(),
              stillOpen ? was.identifiedOn() : date,
              cents(o.monthlySavingUsd()),
              stillOpen ? was.baselineMonthlyCostUsd() : cents(cost),
              cost,
              true));
    }
    return listed;
  }

  /** An open opportunity no longer listed, at its resource's cost on this date's bill. */
  private static Tracked closing(RealizedRow was, BigDecimal cost) {
    return new Tracked(
        was.opportunityId(),
        was.lever(),
        was.resourceId(),
        was.owner(),
        was.identifiedOn(),
        was.estimatedMonthlySavingUsd(),
        was.baselineMonthlyCostUsd(),
        cost,
        false);
  }

  /**
   * The rows of the tracked opportunities: each resource's drop from its baseline shared among its
   * opportunities in proportion to their estimates, and the status that follows.
   */
  private static List<RealizedRow> attributed(LocalDate date, List<Tracked> active) {
    Map<String, BigDecimal> estimateByResource = new LinkedHashMap<>();
    for (Tracked t : active) {
      estimateByResource.merge(String.valueOf(t.resourceId()), t.estimate(), BigDecimal::add);
    }
    List<RealizedRow> rows = new ArrayList<>();
    for (Tracked t : active) {
      BigDecimal drop = t.baseline().subtract(t.cost()).max(BigDecimal.ZERO);
      BigDecimal total = estimateByResource.get(String.valueOf(t.resourceId()));
      BigDecimal share =
          total.signum() == 0 ? BigDecimal.ONE : t.estimate().divide(total, MathContext.DECIMAL64);
      BigDecimal attributed = cents(drop.multiply(share));
      SavingStatus status =
          t.listed()
              ? (attributed.signum() > 0 ? SavingStatus.IN_PROGRESS : SavingStatus.OPEN)
              : (attributed.signum() > 0 ? SavingStatus.REALIZED : SavingStatus.DISMISSED);
      rows.add(
          new RealizedRow(
              date,
              t.id(),
              t.lever(),
              t.resourceId(),
              t.owner(),
              status,
              t.identifiedOn(),
              t.listed() ? null : date,
              t.estimate(),
              t.baseline(),
              cents(t.cost()),
              attributed));
    }
    return rows;
  }

  /** The sum of the rows' attributed amounts with the status. */
  public static BigDecimal total(List<RealizedRow> rows, SavingStatus status) {
    return rows.stream()
        .filter(r -> r.status() == status)
        .map(RealizedRow::realizedMonthlySavingUsd)
        .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  private record Tracked(
      String id,
      String lever,
      String resourceId,
      String owner,
      LocalDate identifiedOn,
      BigDecimal estimate,
      BigDecimal baseline,
      BigDecimal cost,
      boolean listed) {}

  private static BigDecimal cost(Map<String, BigDecimal> costs, String resourceId) {
    BigDecimal cost = resourceId == null ? null : costs.get(resourceId);
    return cost == null ? BigDecimal.ZERO : cost;
  }

  private static RealizedRow withDate(RealizedRow row, LocalDate date) {
    return new RealizedRow(
        date,
        row.opportunityId(),
        row.lever(),
        row.resourceId(),
        row.owner(),
        row.status(),
        row.identifiedOn(),
        row.closedOn(),
        row.estimatedMonthlySavingUsd(),
        row.baselineMonthlyCostUsd(),
        row.currentMonthlyCostUsd(),
        row.realizedMonthlySavingUsd());
  }

  /** To the cent; a missing amount is 0.00. */
  static BigDecimal cents(BigDecimal value) {
    return Money.cents(value == null ? BigDecimal.ZERO : value);
  }
}
