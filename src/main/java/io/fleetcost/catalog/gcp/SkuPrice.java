package io.fleetcost.catalog.gcp;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One pulled price of a Compute Engine SKU in one of its regions: a GPU, or a core or GiB of memory
 * of an accelerator-optimized machine series.
 *
 * @param usageType {@code OnDemand}, {@code Preemptible} (Spot VMs) or {@code Spot}
 * @param resourceGroup the SKU's {@code category.resourceGroup}: {@code GPU}, {@code CPU}, {@code
 *     RAM}
 * @param gpuModel the GPU as the description names it ({@code A100 80GB}, {@code L4}), null for a
 *     core or memory SKU
 * @param usageUnit {@code h} for a GPU or a core, {@code GiBy.h} for memory
 * @param unitPrice the price of one usage unit: per hour, or per GiB and hour; exact, units + nanos
 *     / 10^9
 * @param effectiveTime when the price took effect (RFC 3339, as the API sent it)
 */
record SkuPrice(
    String skuId,
    String description,
    String region,
    String usageType,
    String resourceGroup,
    String gpuModel,
    String usageUnit,
    BigDecimal unitPrice,
    String currency,
    String effectiveTime,
    LocalDate pulled) {
  public static final List<String> COLUMNS =
      List.of(
          "sku_id",
          "description",
          "region",
          "usage_type",
          "resource_group",
          "gpu_model",
          "usage_unit",
          "unit_price",
          "currency",
          "effective_time",
          "pulled_date");

  SkuPrice {
    Objects.requireNonNull(skuId, "skuId is null");
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(unitPrice, "unitPrice is null");
    Objects.requireNonNull(pulled, "pulled is null");
  }

  public boolean spot() {
    return !"OnDemand".equals(usageType);
  }

  /** The landed row, in {@link #COLUMNS}' order; the price as plain decimal text. */
  public String[] row() {
    return new String[] {
      skuId,
      description,
      region,
      usageType,
      resourceGroup,
      gpuModel,
      usageUnit,
      unitPrice.toPlainString(),
      currency,
      effectiveTime,
      pulled.toString()
    };
  }

  /** The inverse of {@link #row()}. */
  static SkuPrice fromRow(String[] row) {
    return new SkuPrice(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        new BigDecimal(row[7]),
        row[8],
        row[9],
        LocalDate.parse(row[10]));
  }
}
