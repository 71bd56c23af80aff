package io.fleetcost.billing.azure;

import java.util.Locale;

/**
 * Which Cost Management dataset an Azure cost-details file is. Actual cost shows purchases when
 * they are invoiced and commitment-covered usage at 0; amortized cost spreads the purchases over
 * the usage they cover and adds rows for the unused part. The header is the same for both, so the
 * job file names it, or the file name does.
 */
public enum AzureCostDataset {
  ACTUAL,
  AMORTIZED,
  AUTO;

  public static AzureCostDataset fromName(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** With {@code AUTO}: amortized when the file name says "amortized", else actual. */
  public AzureCostDataset resolve(String fileName) {
    if (this != AUTO) {
      return this;
    }
    return fileName.toLowerCase(Locale.ROOT).contains("amortiz") ? AMORTIZED : ACTUAL;
  }
}
