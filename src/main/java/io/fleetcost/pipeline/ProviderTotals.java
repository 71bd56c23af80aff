package io.fleetcost.pipeline;

import java.util.List;

/** Kept rows and cost totals of one ProviderName, per currency. */
public record ProviderTotals(String provider, long rows, List<CurrencyTotals> totals) {
  public ProviderTotals {
    totals = List.copyOf(totals);
  }
}
