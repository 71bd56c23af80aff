package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One billed resource's rows in the lookback window, summed.
 *
 * @param resourceKey the key GPUs join on (see {@code telemetry.ResourceKeys})
 * @param gpuCount GPUs per instance from the catalog (0 when the instance type has none or is unknown)
 * @param pricingCategory the PricingCategory of its largest row
 * @param effectiveCost the EffectiveCost of its instance rows (rows with an instance type) in the window, or of all
 *     its rows when none has one
 * @param billedHours hours from its first charge in the window to the end of its provider's bill in the window
 * @param otherEffectiveCost its rows left out: disks and network billed under the same id, which do not change with
 *     the instance's shape
 */
public record ResourceBill(
    String provider,
    String resourceKey,
    String resourceId,
    String resourceName,
    String accountId,
    String region,
    String currency,
    String instanceType,
    int gpuCount,
    String pricingCategory,
    Map<String, String> tags,
    BigDecimal effectiveCost,
    double billedHours,
    long rows,
    BigDecimal otherEffectiveCost,
    long otherRows,
    String firstChargeStart,
    String lastChargeEnd,
    List<String> sampleRows) {
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  public ResourceBill {
    Objects.requireNonNull(resourceKey, "resourceKey is null");
    Objects.requireNonNull(effectiveCost, "effectiveCost is null");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    sampleRows = List.copyOf(sampleRows);
  }

  /** The cost of a 730-hour month at the rate of the window: effective cost × 730 ÷ billed hours. */
  public BigDecimal monthlyCost() {
    if (billedHours <= 0) {
      return BigDecimal.ZERO;
    }
    return effectiveCost.multiply(HOURS_PER_MONTH).divide(BigDecimal.valueOf(billedHours), java.math.MathContext.DECIMAL128);
  }

  /** The bill's own id for the resource: ResourceId, else ResourceName, else the key. */
  public String displayId() {
    if (resourceId != null && !resourceId.isBlank()) {
      return resourceId;
    }
    return resourceName != null && !resourceName.isBlank() ? resourceName : resourceKey;
  }
}
