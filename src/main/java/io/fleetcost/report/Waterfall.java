package io.fleetcost.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * From the GPU monthly cost to the projected one, lever stage by stage. {@code steps} are the
 * decreases, in the order the levers apply; {@code projected = start − Σ steps}.
 */
public record Waterfall(BigDecimal start, List<WaterfallStep> steps, BigDecimal projected) {
  public Waterfall {
    steps = List.copyOf(steps);
  }
}
