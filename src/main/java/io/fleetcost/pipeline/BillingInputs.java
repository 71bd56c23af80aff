package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.config.BillingInputConfig;
import io.fleetcost.error.FleetCostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns the billing section of a job file into typed inputs; a bad format name names the key and the file. */
public final class BillingInputs {
  private BillingInputs() {}

  public static List<BillingInput> fromConfig(Path jobFile, List<BillingInputConfig> configs) {
    List<BillingInput> inputs = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      BillingInputConfig config = configs.get(i);
      BillingFormat format;
      try {
        format = BillingInputConfig.AUTO.equalsIgnoreCase(config.format()) ? null : BillingFormat.fromName(config.format());
      } catch (FleetCostException e) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d].format '%s' is not a known format (known: auto, %s)",
            jobFile, i, config.format(), BillingFormat.names());
      }
      inputs.add(
          new BillingInput(config.name(), config.path(), format, AzureCostDataset.fromName(config.azureCostDataset())));
    }
    return inputs;
  }
}
