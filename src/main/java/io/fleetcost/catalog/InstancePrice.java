package io.fleetcost.catalog;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * List prices of an instance type in a region, per hour.
 *
 * @param spotHourly null when the provider lists no spot price
 * @param interruptionBucket AWS Spot Advisor's frequency-of-interruption bucket ({@code <5%} …
 *     {@code >20%}), or {@code unknown}
 */
public record InstancePrice(
    String provider,
    String instanceType,
    String region,
    String currency,
    BigDecimal onDemandHourly,
    BigDecimal spotHourly,
    String interruptionBucket,
    String source,
    String asOf) {
  public InstancePrice {
    Objects.requireNonNull(instanceType, "instanceType is null");
    Objects.requireNonNull(onDemandHourly, "onDemandHourly is null");
    if (spotHourly != null && spotHourly.compareTo(onDemandHourly) >= 0) {
      throw new IllegalArgumentException(
          "spot price of " + instanceType + " in " + region + " is not below on-demand");
    }
  }

  public Optional<BigDecimal> spot() {
    return Optional.ofNullable(spotHourly);
  }
}
