package io.fleetcost.samplefleet;

import java.util.Locale;
import java.util.Map;

/** How AWS names a region in usage types and in {@code product/location}. */
final class AwsRegions {
  private AwsRegions() {}

  /** Usage-type prefixes that do not follow the pattern; US East (N. Virginia) has none at all. */
  private static final Map<String, String> PREFIXES =
      Map.of(
          "us-east-1", "",
          "eu-west-1", "EU",
          "ap-south-1", "APS3",
          "ap-southeast-1", "APS1",
          "ap-southeast-2", "APS2",
          "ca-central-1", "CAN1",
          "sa-east-1", "SAE1");

  private static final Map<String, String> LOCATIONS =
      Map.ofEntries(
          Map.entry("us-east-1", "US East (N. Virginia)"),
          Map.entry("us-east-2", "US East (Ohio)"),
          Map.entry("us-west-1", "US West (N. California)"),
          Map.entry("us-west-2", "US West (Oregon)"),
          Map.entry("ca-central-1", "Canada (Central)"),
          Map.entry("eu-west-1", "EU (Ireland)"),
          Map.entry("eu-west-2", "EU (London)"),
          Map.entry("eu-central-1", "EU (Frankfurt)"),
          Map.entry("eu-north-1", "EU (Stockholm)"),
          Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"),
          Map.entry("ap-south-1", "Asia Pacific (Mumbai)"),
          Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
          Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"),
          Map.entry("sa-east-1", "South America (Sao Paulo)"));

  /**
   * The usage-type prefix with its dash ({@code USW2-}), or nothing for us-east-1. Others follow
   * the pattern of {@code us-west-2} → {@code USW2}, {@code eu-central-1} → {@code EUC1}, {@code
   * ap-northeast-1} → {@code APN1}.
   */
  static String usageTypePrefix(String region) {
    String prefix = PREFIXES.get(region);
    if (prefix == null) {
      String[] parts = region.split("-");
      prefix = parts[0].toUpperCase(Locale.ROOT);
      if (parts.length == 3) {
        prefix += parts[1].substring(0, 1).toUpperCase(Locale.ROOT) + parts[2];
      }
    }
    return prefix.isEmpty() ? "" : prefix + "-";
  }

  static String location(String region) {
    return LOCATIONS.getOrDefault(region, region);
  }
}
