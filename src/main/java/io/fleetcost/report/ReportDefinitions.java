package io.fleetcost.report;

import io.fleetcost.report.MonthlyReport.Definition;
import java.util.List;
import java.util.stream.Stream;

/** The appendix: how each figure of the monthly report is computed. */
final class ReportDefinitions {
  private ReportDefinitions() {}

  /** In the order appendix A lists them: spend, then savings, then security and data quality. */
  static List<Definition> monthly() {
    return Stream.of(spend(), savings(), securityAndDataQuality()).flatMap(List::stream).toList();
  }

  /** Spend, its change and breakdowns, and the budgets. */
  private static List<Definition> spend() {
    return List.of(
        new Definition(
            "Spend",
            "EffectiveCost (the FOCUS measure: what was paid after discounts, commitments amortized) of the daily spend"
                + " history, each usage day as the newest run saw it (restatements replace older views). Amounts in other"
                + " currencies are converted to USD with the job's savings.exchange-rates-to-usd; rows of a currency"
                + " without a rate are left out of every figure and counted under Data quality."),
        new Definition(
            "This month, month to date",
            "The usage days of the report month the bill covers so far, from the first to the last day with spend."
                + " The projected month is this month's spend divided by the covered days and multiplied by the days"
                + " of the month. A closed month (the report of a run in the first days of the next month, the job's"
                + " report.close-day, or of a month the history has runs after) is reported complete, as of its last"
                + " day: each of its usage days as the newest run saw it, and no projection, its spend is the"
                + " month's. Its savings, security and data-quality figures are those of its last run."),
        new Definition(
            "Month-over-month change",
            "This month's spend minus the previous month's over the same days of the month (the whole previous month"
                + " once the report month is complete), and that difference in percent of the previous month's. n/a"
                + " when the previous month has no spend data."),
        new Definition(
            "Breakdown tables",
            "The largest rows by this month's spend, then one Other row for the rest. Each column is rounded to cents"
                + " by largest remainder so that its rows add up to its total exactly."),
        new Definition(
            "Budget vs actual",
            "Actual is the team's spend this month (the owner tag's value; untagged spend is its own row). Projected"
                + " is actual ÷ covered days × days in the month. Over budget: actual above the budget; projected over"
                + " budget: the projection above it."));
  }

  /** The monthly run-rate figures: the 730-hour month, identified and realized savings. */
  private static List<Definition> savings() {
    return List.of(
        new Definition(
            "Monthly figures and the 730-hour month",
            "Run rates, GPU cost and savings are per month of 730 hours (8,760 hours ÷ 12) at the rate of the run's"
                + " lookback window."),
        new Definition(
            "Identified savings",
            "The sum of the monthly savings of the opportunities of the as-of run. Levers apply in order, each on the"
                + " cost the one before left: idle and zombie GPUs are eliminated first, then a GPU is right-sized or"
                + " partitioned with MIG (one or the other, never both), then what is left moves to spot capacity. So"
                + " the savings add up without double counting, as the waterfall shows."),
        new Definition(
            "Realized savings",
            "For an opportunity no longer identified, the resource's monthly cost on the bill when it was first"
                + " identified (baseline) minus its monthly cost on the bill now (zero once it is gone), when positive:"
                + " what the bill shows, not the estimate. In progress: the same for opportunities still open whose bill"
                + " already dropped; shown apart and not counted as realized."),
        new Definition(
            "Effective savings rate",
            "Realized ÷ (spend run rate + realized) × 100: the realized savings in percent of what the bill would be"
                + " without them. The run rate is the as-of run's whole bill per 730-hour month, which already shows the"
                + " lower cost."));
  }

  /** The security posture and what the figures rest on. */
  private static List<Definition> securityAndDataQuality() {
    return List.of(
        new Definition(
            "Security score and compliance",
            "From the newest run that scanned the manifests (seeded runs did not). The score weights each failed"
                + " check by its severity; compliance is the share of checks passed. summary.json's security_posture"
                + " and security/findings.json have every check; docs/security-checks.md describes each check and its weight."),
        new Definition(
            "Data quality",
            "Billing rows read and quarantined with their reasons, telemetry values read and quarantined, GPU-hours"
                + " profiled from telemetry and those that joined no billed resource (unjoined), and GPU resources"
                + " billed without telemetry, all from the as-of run."));
  }
}
