package io.fleetcost.report;

import java.math.BigDecimal;
import java.util.List;

/** The top opportunities by rank, and how many more there are. */
public record Opportunities(
    List<OpportunityLine> top, int total, int more, BigDecimal totalMonthlySaving) {
  public Opportunities {
    top = List.copyOf(top);
  }
}
