package io.fleetcost.samplefleet;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute Engine SKU descriptions and ids, and where a region is, as the billing export names them.
 */
final class GcpSkus {
  private static final Pattern GPU_FAMILY = Pattern.compile("\\b([A-Z]{1,2}[0-9]{1,3}[A-Z]?)\\b");
  private static final Set<String> TESLA = Set.of("K80", "P4", "P100", "T4", "V100", "A100");
  private static final Map<String, String> COUNTRIES =
      Map.of("us", "US", "northamerica", "CA", "southamerica", "BR", "australia", "AU");

  private GcpSkus() {}

  /**
   * "Americas", "EMEA" or "APAC": the region group at the end of most Compute Engine SKU
   * descriptions.
   */
  static String regionGroup(String region) {
    String area =
        region.substring(0, region.indexOf('-') < 0 ? region.length() : region.indexOf('-'));
    return switch (area) {
      case "us", "northamerica", "southamerica" -> "Americas";
      case "europe", "me", "africa" -> "EMEA";
      default -> "APAC";
    };
  }

  static String country(String region) {
    return COUNTRIES.get(region.substring(0, Math.max(0, region.indexOf('-'))));
  }

  /**
   * The machine series as SKUs name it: {@code a2-highgpu-1g} → {@code A2}, {@code n1-standard-8} →
   * {@code N1 Predefined}.
   */
  static String series(String machineType) {
    String series =
        machineType.substring(0, Math.max(1, machineType.indexOf('-'))).toUpperCase(Locale.ROOT);
    return series.equals("N1") ? "N1 Predefined" : series;
  }

  static String core(String machineType, String region, boolean spot) {
    return prefix(spot) + series(machineType) + " Instance Core running in " + regionGroup(region);
  }

  static String ram(String machineType, String region, boolean spot) {
    return prefix(spot) + series(machineType) + " Instance Ram running in " + regionGroup(region);
  }

  /** {@code NVIDIA A100-SXM4-80GB} → "Nvidia Tesla A100 80GB GPU running in Americas". */
  static String gpu(String modelName, int memoryTotalMib, String region, boolean spot) {
    String family = gpuFamily(modelName);
    StringBuilder name = new StringBuilder(prefix(spot)).append("Nvidia ");
    if (TESLA.contains(family)) {
      name.append("Tesla ");
    }
    name.append(family);
    if (family.equals("A100") && memoryTotalMib > 48 * 1024) {
      name.append(" 80GB");
    } else if (family.equals("H100")) {
      name.append(" 80GB");
    } else if (family.equals("H200")) {
      name.append(" 141GB");
    }
    return name.append(" GPU running in ").append(regionGroup(region)).toString();
  }

  static String gpuFamily(String modelName) {
    Matcher matcher =
        GPU_FAMILY.matcher(
            modelName.toUpperCase(Locale.ROOT).replace("NVIDIA", "").replace("TESLA", ""));
    return matcher.find() ? matcher.group(1) : modelName.trim();
  }

  /** A SKU id in the export's shape, {@code 1A2B-3C4D-5E6F}. */
  static String id(String description) {
    String hex = StableIds.hex("gcp-sku/" + description, 12).toUpperCase(Locale.ROOT);
    return hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12);
  }

  private static String prefix(boolean spot) {
    return spot ? "Spot Preemptible " : "";
  }
}
