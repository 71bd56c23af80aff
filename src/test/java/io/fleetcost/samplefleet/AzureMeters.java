package io.fleetcost.samplefleet;

import java.util.Map;

/** How Azure's price sheet names a VM size's meter and a region. */
final class AzureMeters {
  private AzureMeters() {}

  private static final Map<String, String> REGIONS =
      Map.ofEntries(
          Map.entry("eastus", "US East"),
          Map.entry("eastus2", "US East 2"),
          Map.entry("centralus", "US Central"),
          Map.entry("northcentralus", "US North Central"),
          Map.entry("southcentralus", "US South Central"),
          Map.entry("westus", "US West"),
          Map.entry("westus2", "US West 2"),
          Map.entry("westus3", "US West 3"),
          Map.entry("canadacentral", "CA Central"),
          Map.entry("northeurope", "EU North"),
          Map.entry("westeurope", "EU West"),
          Map.entry("swedencentral", "SE Central"),
          Map.entry("uksouth", "UK South"),
          Map.entry("francecentral", "FR Central"),
          Map.entry("germanywestcentral", "DE West Central"),
          Map.entry("japaneast", "JA East"),
          Map.entry("australiaeast", "AU East"));

  /** The meter region of a location: {@code eastus} → {@code US East}. */
  static String region(String location) {
    return REGIONS.getOrDefault(location, location);
  }

  /** {@code Standard_NC24ads_A100_v4} → {@code NC24ads A100 v4}. */
  static String meterName(String vmSize) {
    return withoutTier(vmSize).replace('_', ' ');
  }

  /**
   * {@code Standard_NC24ads_A100_v4} → {@code NCadsA100v4 Series}: the family without the vCPU
   * count.
   */
  static String meterSubCategory(String vmSize) {
    String[] parts = withoutTier(vmSize).split("_");
    StringBuilder family = new StringBuilder();
    String first = parts[0];
    int i = 0;
    while (i < first.length() && Character.isLetter(first.charAt(i))) {
      family.append(first.charAt(i++));
    }
    while (i < first.length() && Character.isDigit(first.charAt(i))) {
      i++;
    }
    family.append(first.substring(i));
    for (int p = 1; p < parts.length; p++) {
      family.append(parts[p]);
    }
    return family + " Series";
  }

  private static String withoutTier(String vmSize) {
    return vmSize.startsWith("Standard_") ? vmSize.substring("Standard_".length()) : vmSize;
  }
}
