package io.fleetcost.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * A cloud's own recommendations beside FleetCost's opportunities, resource by resource, from the
 * as-of run (AWS Cost Explorer's rightsizing when the job imports it); {@link #imported()} is false
 * when the run imported none.
 *
 * @param source e.g. {@code AWS Cost Explorer rightsizing}; null when none was imported
 * @param counts resources per verdict: agree, differ, cloud only, fleetcost only
 * @param lines the resources the cloud recommends something for, disagreements first, then by the
 *     larger saving
 * @param more such resources not listed
 * @param fleetcostOnly resources only FleetCost acts on (they are in the top opportunities' list)
 * @param fleetcostOnlyMonthlySaving their savings in the report's currency; null when none is in it
 */
public record CloudRecommendations(
    String source,
    List<VerdictCount> counts,
    List<CloudRecommendationLine> lines,
    int more,
    int fleetcostOnly,
    BigDecimal fleetcostOnlyMonthlySaving) {
  public CloudRecommendations {
    counts = List.copyOf(counts);
    lines = List.copyOf(lines);
  }

  public boolean imported() {
    return source != null;
  }
}
