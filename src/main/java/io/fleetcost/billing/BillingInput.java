package io.fleetcost.billing;

import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.files.InputPaths;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One billing input of a job, typed.
 *
 * @param claimedFormat the format named in the job file or on the command line; null to detect it
 *     per file
 */
public record BillingInput(
    String name, List<String> paths, BillingFormat claimedFormat, AzureCostDataset azureCostDataset)
    implements InputPaths {
  public BillingInput {
    Objects.requireNonNull(name, "name is null");
    paths = List.copyOf(paths);
    Objects.requireNonNull(azureCostDataset, "azureCostDataset is null");
  }

  public Optional<BillingFormat> format() {
    return Optional.ofNullable(claimedFormat);
  }
}
