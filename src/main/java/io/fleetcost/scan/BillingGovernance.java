package io.fleetcost.scan;

import java.math.BigDecimal;
import java.util.List;

/**
 * Spend without an owner: the usage cost of the savings window whose rows carry none of the job's
 * owner tags, per currency, with the largest untagged resources. A run computes it from the bill;
 * {@code fleetcost scan} has none.
 *
 * @param threshold the largest untagged share that passes (0–1)
 */
public record BillingGovernance(
    List<CurrencyShare> shares,
    List<String> ownerTags,
    BigDecimal threshold,
    List<UntaggedResource> largestUntagged) {
  public BillingGovernance {
    shares = List.copyOf(shares);
    ownerTags = List.copyOf(ownerTags);
    largestUntagged = List.copyOf(largestUntagged);
  }

  /** Usage cost in the window and the part of it without an owner tag, in one currency. */
  public record CurrencyShare(String currency, BigDecimal total, BigDecimal untagged) {
    public BigDecimal share() {
      return total.signum() == 0
          ? BigDecimal.ZERO
          : untagged.divide(total, java.math.MathContext.DECIMAL64);
    }
  }

  public record UntaggedResource(
      String provider, String resourceId, String currency, BigDecimal cost) {}
}
