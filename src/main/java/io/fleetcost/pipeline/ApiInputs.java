package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.aws.CostExplorerColumns;
import io.fleetcost.billing.aws.CostExplorerPull;
import io.fleetcost.billing.azure.CostManagementPull;
import io.fleetcost.config.BillingInputConfig;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.ApiSource;
import io.fleetcost.pull.RawResponses;
import io.fleetcost.pull.RetrySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The cloud API inputs of a job: their settings checked, and their connectors. */
public final class ApiInputs {
  private ApiInputs() {}

  /** The format a source lands, which the billing ingest then reads. */
  public static BillingFormat landedFormat(BillingInputConfig input) {
    return switch (input.source()) {
      case BillingInputConfig.AWS_COST_EXPLORER -> BillingFormat.AWS_COST_EXPLORER;
      case BillingInputConfig.AZURE_COST_MANAGEMENT -> BillingFormat.AZURE_COST_MANAGEMENT;
      default -> throw new IllegalArgumentException("not an API source: " + input.source());
    };
  }

  /**
   * Checks an API input's settings as its connector will use them; a bad one names the job file and
   * the key.
   */
  public static void check(Path jobFile, List<BillingInputConfig> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      BillingInputConfig input = inputs.get(i);
      if (input.isApi()) {
        try {
          if (BillingInputConfig.AZURE_COST_MANAGEMENT.equals(input.source())) {
            azureSettings(input);
          } else {
            settings(input);
          }
          retry(input);
        } catch (IllegalArgumentException e) {
          throw FleetCostException.userError(
              "Cannot load job file %s: billing[%d] ('%s'): %s",
              jobFile, i, input.name(), e.getMessage());
        }
      }
    }
  }

  public static ApiSource connector(BillingInputConfig input, RawResponses raw) {
    return switch (input.source()) {
      case BillingInputConfig.AWS_COST_EXPLORER -> {
        CostExplorerPull.Settings settings = settings(input);
        yield new CostExplorerPull(CostExplorerPull.client(settings, raw), settings);
      }
      case BillingInputConfig.AZURE_COST_MANAGEMENT -> {
        CostManagementPull.Settings settings = azureSettings(input);
        yield new CostManagementPull(CostManagementPull.pipeline(settings, raw), settings, raw);
      }
      default -> throw new IllegalArgumentException("not an API source: " + input.source());
    };
  }

  static CostExplorerPull.Settings settings(BillingInputConfig input) {
    List<String> metrics =
        input.metrics().isEmpty()
            ? List.of(CostExplorerColumns.UNBLENDED_COST, CostExplorerColumns.AMORTIZED_COST)
            : input.metrics();
    return new CostExplorerPull.Settings(
        input.groupBy(),
        Optional.ofNullable(input.tagKey()).filter(t -> !t.isBlank()),
        metrics,
        Optional.ofNullable(input.endpoint()).map(String::trim).map(URI::create),
        input.region() == null ? CostExplorerPull.DEFAULT_REGION : input.region(),
        Boolean.TRUE.equals(input.rightsizing()));
  }

  public static CostManagementPull.Settings azureSettings(BillingInputConfig input) {
    return new CostManagementPull.Settings(
        input.scope() == null ? null : input.scope().trim(),
        input.dataset() == null
            ? CostManagementPull.Dataset.ACTUAL
            : CostManagementPull.Dataset.fromName(input.dataset()),
        input.groupBy().isEmpty() ? CostManagementPull.DEFAULT_GROUP_BY : input.groupBy(),
        Optional.ofNullable(input.endpoint()).map(String::trim).map(URI::create));
  }

  public static RetrySettings retry(BillingInputConfig input) {
    return new RetrySettings(
        input.retry().attempts(),
        Duration.ofMillis(Math.round(input.retry().initialDelaySeconds() * 1000)),
        Duration.ofMillis(Math.round(input.retry().maxDelaySeconds() * 1000)),
        Duration.ofMinutes(input.timeLimitMinutes() == null ? 30 : input.timeLimitMinutes()));
  }
}
