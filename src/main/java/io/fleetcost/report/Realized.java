package io.fleetcost.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * The opportunities whose saving the bill shows: realized (closed) and in progress (still open),
 * each summed as the executive summary's figures are.
 */
public record Realized(
    List<RealizedLine> lines, BigDecimal realizedMonthly, BigDecimal inProgressMonthly) {
  public Realized {
    lines = List.copyOf(lines);
  }
}
