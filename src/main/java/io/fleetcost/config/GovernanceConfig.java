package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Cloud-side governance rules of the security posture.
 *
 * @param untaggedSpendMaxFraction the largest share (0–1) of the window's usage spend without an
 *     owner tag (the {@code savings.owner-tags}) that passes the untagged-spend check (default
 *     0.10)
 */
public record GovernanceConfig(
    @JsonProperty("untagged-spend-max-fraction") BigDecimal untaggedSpendMaxFraction) {
  public static final GovernanceConfig DEFAULT = new GovernanceConfig(null);

  public GovernanceConfig {
    untaggedSpendMaxFraction =
        untaggedSpendMaxFraction == null ? new BigDecimal("0.10") : untaggedSpendMaxFraction;
  }
}
