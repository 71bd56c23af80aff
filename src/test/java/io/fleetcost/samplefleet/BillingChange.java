package io.fleetcost.samplefleet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * From {@code from} on, an instance of the fleet is billed differently: at another pricing and
 * hourly cost (a VM recreated on spot under the same name, a commitment starting, a price change),
 * or not at all ({@code pricing} null: stopped or deleted, its telemetry stops too). Before its
 * first change an instance is billed as the instance record says.
 *
 * @param resourceId the instance's {@link FleetInstance#resourceId()}
 */
public record BillingChange(
    String provider,
    String resourceId,
    Instant from,
    PricingModel pricing,
    BigDecimal hourlyCost,
    BigDecimal hourlyOnDemand) {
  public BillingChange {
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(resourceId, "resourceId is null");
    Objects.requireNonNull(from, "from is null");
    if (from.getEpochSecond() % 3600 != 0 || from.getNano() != 0) {
      throw new IllegalArgumentException(
          "a billing change must be on a whole hour (bills are hourly): " + from);
    }
    if (pricing != null) {
      Objects.requireNonNull(hourlyCost, "hourlyCost is null");
      Objects.requireNonNull(hourlyOnDemand, "hourlyOnDemand is null");
    }
  }

  /** The instance is stopped or deleted from {@code from} on. */
  public static BillingChange stop(FleetInstance instance, Instant from) {
    return new BillingChange(instance.provider(), instance.resourceId(), from, null, null, null);
  }

  /**
   * The instance is billed again as its record says from {@code from} on (after a stop, or first
   * started then).
   */
  public static BillingChange asRecorded(FleetInstance instance, Instant from) {
    return new BillingChange(
        instance.provider(),
        instance.resourceId(),
        from,
        instance.pricing(),
        instance.hourlyCost(),
        instance.hourlyOnDemand());
  }

  /** The instance is billed at another pricing from {@code from} on. */
  public static BillingChange reprice(
      FleetInstance instance,
      Instant from,
      PricingModel pricing,
      BigDecimal hourlyCost,
      BigDecimal hourlyOnDemand) {
    return new BillingChange(
        instance.provider(), instance.resourceId(), from, pricing, hourlyCost, hourlyOnDemand);
  }

  boolean stops() {
    return pricing == null;
  }
}
