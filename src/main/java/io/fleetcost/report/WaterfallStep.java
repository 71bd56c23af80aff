package io.fleetcost.report;

import java.math.BigDecimal;

/** One stage's decrease and the cost left after it. */
public record WaterfallStep(
    String label, String levers, BigDecimal saving, int opportunities, BigDecimal after) {}
