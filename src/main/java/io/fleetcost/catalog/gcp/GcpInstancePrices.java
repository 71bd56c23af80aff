package io.fleetcost.catalog.gcp;

import io.fleetcost.catalog.GpuInstanceCatalog;
import io.fleetcost.catalog.GpuInstanceType;
import io.fleetcost.catalog.InstancePrice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns pulled SKU prices into the catalog's hourly price per GCP machine type and region, the rows
 * of {@code instance-prices.csv}: Compute Engine bills an accelerator-optimized VM as its GPUs, its
 * cores and its memory, each its own SKU, so a machine type's price is {@code gpus × GPU + vCPUs ×
 * core + GiB × memory}, on-demand and Spot alike.
 *
 * <p>Only the series whose VM is exactly those three SKUs are priced: A2 high-GPU and mega-GPU
 * (A100 40GB), A3 high-GPU (H100 80GB) and G2 (L4). A2 ultra-GPU bundles local SSD, and A3
 * mega/ultra and A4 have SKUs of their own; their rows stay the bundled catalog's.
 */
final class GcpInstancePrices {
  public static final String PROVIDER = "GCP";

  /**
   * Machine type prefix and the series token of its core and memory SKUs ({@code A2 Instance Core
   * running in ...}).
   */
  private static final Map<String, String> SERIES =
      Map.of("a2-highgpu-", "A2", "a2-megagpu-", "A2", "a3-highgpu-", "A3", "g2-standard-", "G2");

  /**
   * The plain on-demand or Spot GPU SKU of a place, not a variant with a qualifier of its own (a
   * reservation mode in parentheses, a virtual workstation): those would price the same model twice
   * in one region.
   */
  private static final java.util.regex.Pattern PLAIN_GPU =
      java.util.regex.Pattern.compile(
          "^Nvidia (?:Tesla )?[A-Z]\\d+(?: \\d+GB)? GPU (?:attached to Spot Preemptible VMs )?running in [^()]+$");

  private GcpInstancePrices() {}

  /**
   * The catalog's price rows for every priced machine type in every region the pull has all its
   * SKUs for.
   */
  static List<InstancePrice> fromPull(
      List<SkuPrice> pulled, GpuInstanceCatalog types, LocalDate pullDate) {
    TreeSet<String> regions = new TreeSet<>();
    pulled.forEach(price -> regions.add(price.region()));
    List<InstancePrice> rows = new ArrayList<>();
    for (GpuInstanceType type : types.all()) {
      Optional<String> series = series(type);
      if (!type.provider().equalsIgnoreCase(PROVIDER) || series.isEmpty()) {
        continue;
      }
      for (String region : regions) {
        Optional<Priced> onDemand = price(pulled, type, series.get(), region, false);
        if (onDemand.isEmpty()) {
          continue;
        }
        // a Spot total not below on-demand would be a catalog error; it is left out rather than
        // failing the refresh
        BigDecimal spot =
            price(pulled, type, series.get(), region, true)
                .filter(
                    s ->
                        s.currency().equals(onDemand.get().currency())
                            && s.hourly().compareTo(onDemand.get().hourly()) < 0)
                .map(Priced::hourly)
                .orElse(null);
        rows.add(
            new InstancePrice(
                PROVIDER,
                type.instanceType(),
                region,
                onDemand.get().currency(),
                onDemand.get().hourly(),
                spot,
                "unknown",
                CloudCatalogPull.SOURCE,
                pullDate.toString()));
      }
    }
    return rows;
  }

  private record Priced(BigDecimal hourly, String currency) {}

  static Optional<String> series(GpuInstanceType type) {
    String name = type.instanceType().toLowerCase(Locale.ROOT);
    return SERIES.entrySet().stream()
        .filter(e -> name.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static Optional<Priced> price(
      List<SkuPrice> pulled, GpuInstanceType type, String series, String region, boolean spot) {
    Optional<SkuPrice> gpu =
        find(
            pulled,
            region,
            spot,
            p ->
                "GPU".equals(p.resourceGroup())
                    && PLAIN_GPU.matcher(p.description()).matches()
                    && gpuMatches(p.gpuModel(), type));
    Optional<SkuPrice> core = find(pulled, region, spot, p -> hostSku(p, series, "Core"));
    Optional<SkuPrice> memory = find(pulled, region, spot, p -> hostSku(p, series, "Ram"));
    if (gpu.isEmpty() || core.isEmpty() || memory.isEmpty()) {
      return Optional.empty();
    }
    String currency = gpu.get().currency();
    if (!currency.equals(core.get().currency()) || !currency.equals(memory.get().currency())) {
      return Optional.empty();
    }
    BigDecimal hourly =
        gpu.get()
            .unitPrice()
            .multiply(BigDecimal.valueOf(type.gpuCount()))
            .add(core.get().unitPrice().multiply(BigDecimal.valueOf(type.vcpu())))
            .add(memory.get().unitPrice().multiply(BigDecimal.valueOf(type.memoryGib())));
    return Optional.of(new Priced(hourly.stripTrailingZeros(), currency));
  }

  private static Optional<SkuPrice> find(
      List<SkuPrice> pulled,
      String region,
      boolean spot,
      java.util.function.Predicate<SkuPrice> what) {
    return pulled.stream()
        .filter(p -> p.region().equals(region) && p.spot() == spot && what.test(p))
        .findFirst();
  }

  /**
   * {@code A2 Instance Core running in ...}, {@code Spot Preemptible A2 Instance Ram running in
   * ...}.
   */
  private static boolean hostSku(SkuPrice price, String series, String component) {
    String description = price.description();
    if (description.startsWith("Spot Preemptible ")) {
      description = description.substring("Spot Preemptible ".length());
    }
    return description.startsWith(series + " Instance " + component + " running in ");
  }

  /** The description names a 40 GB A100 {@code A100}, an 80 GB one {@code A100 80GB}. */
  static boolean gpuMatches(String pulledModel, GpuInstanceType type) {
    if (pulledModel == null) {
      return false;
    }
    String withMemory = type.gpuModel() + " " + type.gpuMemoryGib() + "GB";
    if (pulledModel.equalsIgnoreCase(withMemory)) {
      return true;
    }
    // the plain name is the model's first size only: an A100 80GB is never priced as "A100"
    return pulledModel.equalsIgnoreCase(type.gpuModel())
        && FIRST_SIZE.getOrDefault(type.gpuModel().toUpperCase(Locale.ROOT), type.gpuMemoryGib())
            == type.gpuMemoryGib();
  }

  private static final Map<String, Integer> FIRST_SIZE = Map.of("A100", 40, "H100", 80);
}
