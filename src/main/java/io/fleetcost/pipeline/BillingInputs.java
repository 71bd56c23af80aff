package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.config.BillingInputConfig;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.Landing;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the billing section of a job file into typed inputs; a bad format name names the key and
 * the file.
 */
public final class BillingInputs {
  private BillingInputs() {}

  /** A job without API inputs (an API input is refused: it needs the landing folder and a date). */
  public static List<BillingInput> fromConfig(Path jobFile, List<BillingInputConfig> configs) {
    return fromConfig(jobFile, configs, null, null);
  }

  /**
   * @param landing where the job's API inputs are landed; an API input reads, for each billing
   *     month, the newest pull on or before {@code date} ({@link Landing#periodFolders}), or
   *     nothing when none was landed
   */
  public static List<BillingInput> fromConfig(
      Path jobFile, List<BillingInputConfig> configs, Landing landing, LocalDate date) {
    ApiInputs.check(jobFile, configs);
    List<BillingInput> inputs = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      BillingInputConfig config = configs.get(i);
      if (config.isApi()) {
        if (landing == null) {
          throw FleetCostException.userError(
              "Cannot use job file %s here: billing[%d] ('%s') is an API input (source %s); run it with fleetcost pull or run",
              jobFile, i, config.name(), config.source());
        }
        List<String> folders =
            landing.periodFolders(config.name(), date).stream().map(Path::toString).toList();
        // nothing landed: the missing folder of the date makes the coverage check see a missing
        // input
        List<String> paths =
            folders.isEmpty()
                ? List.of(landing.pullFolder(config.name(), date).toString())
                : folders;
        inputs.add(
            new BillingInput(
                config.name(), paths, ApiInputs.landedFormat(config), AzureCostDataset.AUTO));
        continue;
      }
      BillingFormat format;
      try {
        format =
            BillingInputConfig.AUTO.equalsIgnoreCase(config.format())
                ? null
                : BillingFormat.fromName(config.format());
      } catch (FleetCostException e) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d].format '%s' is not a known format (known: auto, %s)",
            jobFile, i, config.format(), BillingFormat.names());
      }
      inputs.add(
          new BillingInput(
              config.name(),
              config.path(),
              format,
              AzureCostDataset.fromName(config.azureCostDataset())));
    }
    return inputs;
  }
}
