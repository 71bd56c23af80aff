package io.fleetcost.report;

import io.fleetcost.history.RecommendationRow;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The cloud recommendations section: the cloud's own recommendations beside FleetCost's
 * opportunities, resource by resource, from the as-of run.
 */
final class CloudRecommendationsSection {
  private static final List<String> VERDICTS =
      List.of("agree", "differ", "cloud only", "fleetcost only");

  /** Disagreements first: they are what a reader must decide on. */
  private static final List<String> LISTED_VERDICTS = List.of("differ", "agree", "cloud only");

  private CloudRecommendationsSection() {}

  static CloudRecommendations of(List<RecommendationRow> rows, ReportOptions options) {
    if (rows.isEmpty()) {
      return new CloudRecommendations(null, List.of(), List.of(), 0, 0, null);
    }
    List<VerdictCount> counts =
        VERDICTS.stream()
            .map(v -> new VerdictCount(v, rows.stream().filter(r -> v.equals(r.verdict())).count()))
            .toList();
    Comparator<RecommendationRow> order =
        Comparator.<RecommendationRow>comparingInt(r -> LISTED_VERDICTS.indexOf(r.verdict()))
            .thenComparing(CloudRecommendationsSection::largerSaving, Comparator.reverseOrder())
            .thenComparing(RecommendationRow::resourceId);
    List<RecommendationRow> listed =
        rows.stream().filter(r -> LISTED_VERDICTS.contains(r.verdict())).sorted(order).toList();
    List<CloudRecommendationLine> lines =
        listed.stream()
            .limit(options.topOpportunities())
            .map(
                r ->
                    new CloudRecommendationLine(
                        r.resourceName() == null || r.resourceName().isBlank()
                            ? r.resourceId()
                            : r.resourceName(),
                        r.instanceType(),
                        r.verdict(),
                        cloudAction(r),
                        r.cloudMonthlySaving(),
                        r.cloudCurrency(),
                        r.fleetcostLevers() == null ? "nothing" : r.fleetcostLevers(),
                        r.fleetcostMonthlySaving(),
                        r.fleetcostCurrency()))
            .toList();
    List<RecommendationRow> fleetcostOnly =
        rows.stream().filter(r -> "fleetcost only".equals(r.verdict())).toList();
    BigDecimal fleetcostOnlySaving =
        fleetcostOnly.stream()
            .filter(
                r ->
                    options.currency().equals(r.fleetcostCurrency())
                        && r.fleetcostMonthlySaving() != null)
            .map(RecommendationRow::fleetcostMonthlySaving)
            .reduce(BigDecimal::add)
            .orElse(null);
    String source =
        rows.stream()
            .map(RecommendationRow::source)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse("a cloud");
    return new CloudRecommendations(
        "aws-cost-explorer".equals(source) ? "AWS Cost Explorer rightsizing" : source,
        counts,
        lines,
        listed.size() - lines.size(),
        fleetcostOnly.size(),
        fleetcostOnlySaving);
  }

  private static BigDecimal largerSaving(RecommendationRow row) {
    BigDecimal cloud =
        row.cloudMonthlySaving() == null ? BigDecimal.ZERO : row.cloudMonthlySaving();
    BigDecimal ours =
        row.fleetcostMonthlySaving() == null ? BigDecimal.ZERO : row.fleetcostMonthlySaving();
    return cloud.max(ours);
  }

  private static String cloudAction(RecommendationRow row) {
    String action = row.cloudAction() == null ? "" : row.cloudAction().toUpperCase(Locale.ROOT);
    return switch (action) {
      case "TERMINATE" -> "Terminate";
      case "MODIFY" ->
          row.cloudTargetInstanceType() == null
              ? "Resize"
              : "Resize to " + row.cloudTargetInstanceType();
      case "" -> "nothing";
      default -> action.charAt(0) + action.substring(1).toLowerCase(Locale.ROOT);
    };
  }
}
