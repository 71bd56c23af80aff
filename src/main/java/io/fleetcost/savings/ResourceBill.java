package io.fleetcost.savings;

import io.fleetcost.model.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * One billed resource's rows in the lookback window, summed.
 *
 * @param resourceKey the key GPUs join on (see {@code telemetry.ResourceKeys})
 * @param gpuCount GPUs per instance from the catalog (0 when the instance type has none or is
 *     unknown)
 * @param pricingCategory the PricingCategory of its largest row
 * @param basis its rows: the EffectiveCost of its instance rows (rows with an instance type; all
 *     its rows when none has one) over its billed hours, from its first charge in the window to the
 *     end of its provider's bill in the window; disks and network billed under the same id are
 *     counted apart, as they do not change with its shape
 */
public record ResourceBill(
    String provider,
    String resourceKey,
    String resourceId,
    String accountId,
    String region,
    String currency,
    String instanceType,
    int gpuCount,
    String pricingCategory,
    Map<String, String> tags,
    BilledResource.BillingBasis basis) {
  public ResourceBill {
    Objects.requireNonNull(resourceKey, "resourceKey is null");
    Objects.requireNonNull(basis, "basis is null");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public BigDecimal effectiveCost() {
    return basis.effectiveCost();
  }

  /**
   * The cost of a 730-hour month at the rate of the window: effective cost × 730 ÷ billed hours.
   */
  public BigDecimal monthlyCost() {
    return Money.monthlyRunRate(basis.effectiveCost(), BigDecimal.valueOf(basis.billedHours()));
  }

  /** The bill's own id for the resource: ResourceId, else ResourceName, else the key. */
  public String displayId() {
    if (resourceId != null && !resourceId.isBlank()) {
      return resourceId;
    }
    String name = basis.resourceName();
    return name != null && !name.isBlank() ? name : resourceKey;
  }
}
