package io.fleetcost.config;

import io.fleetcost.error.FleetCostException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code billing} section of a job file: each input is either files (paths resolved against the
 * job file's folder, no keys of the APIs) or an API source (no path, a name for its landing
 * folder); inputs without a name are named {@code billing-<n>}, and no two share a name.
 */
final class BillingInputs {
  private BillingInputs() {}

  static List<BillingInputConfig> validateAndResolve(
      Path jobFile, Path folder, List<BillingInputConfig> inputs) {
    List<BillingInputConfig> billing = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      BillingInputConfig input = inputs.get(i);
      if (input == null) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d] is empty", jobFile, i);
      }
      billing.add(
          input.isApi() ? apiInput(jobFile, i, input) : filesInput(jobFile, folder, i, input));
    }
    JobFileChecks.requireUniqueNames(
        jobFile, "billing", billing.stream().map(BillingInputConfig::name).toList());
    return billing;
  }

  /** An input of files: its paths resolved, a known Azure dataset and cadence, a default name. */
  private static BillingInputConfig filesInput(
      Path jobFile, Path folder, int i, BillingInputConfig input) {
    if (!BillingInputConfig.FILES.equals(input.source())) {
      throw unknownSource(jobFile, i, input);
    }
    requireNoApiKeys(jobFile, i, input);
    List<String> resolved = resolvePaths(jobFile, folder, i, input.path());
    String dataset = input.azureCostDataset().toLowerCase(Locale.ROOT);
    if (!List.of("auto", "actual", "amortized").contains(dataset)) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].azure-cost-dataset must be auto, actual or amortized (got '%s')",
          jobFile, i, input.azureCostDataset());
    }
    requireCadence(jobFile, i, input);
    JobFileChecks.requirePositiveHours(
        jobFile, "billing[" + i + "].max-staleness-hours", input.maxStalenessHours());
    BillingInputConfig resolvedInput = input.withPaths(resolved);
    if (resolvedInput.name() == null || resolvedInput.name().isBlank()) {
      resolvedInput = resolvedInput.withName("billing-" + (i + 1));
    }
    return resolvedInput;
  }

  private static List<String> resolvePaths(Path jobFile, Path folder, int i, List<String> paths) {
    if (paths.isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] has no 'path' (a file, folder or CUR manifest)",
          jobFile, i);
    }
    List<String> resolved = new ArrayList<>();
    for (String path : paths) {
      if (path == null || path.isBlank()) {
        throw FleetCostException.userError(
            "Cannot load job file %s: billing[%d].path has an empty entry", jobFile, i);
      }
      resolved.add(JobConfigLoader.resolve(folder, path));
    }
    return resolved;
  }

  /**
   * An API input: a known source, no path, a name usable as a folder, a positive time limit, an
   * http(s) endpoint.
   */
  private static BillingInputConfig apiInput(Path jobFile, int i, BillingInputConfig input) {
    if (!BillingInputConfig.API_SOURCES.contains(input.source())) {
      throw unknownSource(jobFile, i, input);
    }
    requireLandingFolder(jobFile, i, input);
    if (!BillingInputConfig.AUTO.equals(input.format())) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].format is for export files; source %s lands its own format",
          jobFile, i, input.source());
    }
    if (input.timeLimitMinutes() != null && input.timeLimitMinutes() <= 0) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].time-limit-minutes must be positive (got %d)",
          jobFile, i, input.timeLimitMinutes());
    }
    requireHttpEndpoint(jobFile, i, input);
    requireCadence(jobFile, i, input);
    JobFileChecks.requirePositiveHours(
        jobFile, "billing[" + i + "].max-staleness-hours", input.maxStalenessHours());
    if (BillingInputConfig.AZURE_COST_MANAGEMENT.equals(input.source())) {
      validateAzureCostManagement(jobFile, i, input);
    } else if (input.scope() != null || input.dataset() != null) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] has source %s, but scope and dataset are for source %s",
          jobFile, i, input.source(), BillingInputConfig.AZURE_COST_MANAGEMENT);
    }
    return input;
  }

  private static FleetCostException unknownSource(Path jobFile, int i, BillingInputConfig input) {
    return FleetCostException.userError(
        "Cannot load job file %s: billing[%d].source must be %s or %s (got '%s')",
        jobFile,
        i,
        BillingInputConfig.FILES,
        String.join(", ", BillingInputConfig.API_SOURCES),
        input.source());
  }

  /** An API input lands its data under the output folder, in a folder named after it. */
  private static void requireLandingFolder(Path jobFile, int i, BillingInputConfig input) {
    if (!input.path().isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] has source %s and a 'path': an API input has none (fleetcost pull lands its"
              + " data under the output folder's landing/%s/)",
          jobFile, i, input.source(), input.name() == null ? "<name>" : input.name());
    }
    if (input.name() == null || !input.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] (source %s) needs a 'name' of letters, digits, '.', '_' or '-': it names"
              + " its landing folder (got '%s')",
          jobFile, i, input.source(), input.name() == null ? "" : input.name());
    }
  }

  private static void requireHttpEndpoint(Path jobFile, int i, BillingInputConfig input) {
    if (input.endpoint() == null) {
      return;
    }
    URI endpoint;
    try {
      endpoint = URI.create(input.endpoint().trim());
    } catch (IllegalArgumentException e) {
      endpoint = null;
    }
    if (endpoint == null
        || endpoint.getHost() == null
        || !List.of("http", "https").contains(String.valueOf(endpoint.getScheme()))) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].endpoint must be an http or https URL (got '%s')",
          jobFile, i, input.endpoint());
    }
  }

  private static void requireCadence(Path jobFile, int i, BillingInputConfig input) {
    if (!List.of("daily", "monthly").contains(input.cadence().toLowerCase(Locale.ROOT))) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].cadence must be daily or monthly (got '%s')",
          jobFile, i, input.cadence());
    }
  }

  /**
   * Azure Cost Management: a scope starting with '/', dataset actual or amortized, no keys of other
   * APIs.
   */
  private static void validateAzureCostManagement(Path jobFile, int i, BillingInputConfig input) {
    if (input.scope() == null || input.scope().isBlank()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] (source %s) needs a 'scope' (/subscriptions/<id>, or a billing account:"
              + " /providers/Microsoft.Billing/billingAccounts/<id>)",
          jobFile, i, input.source());
    }
    if (!input.scope().trim().startsWith("/")) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].scope must start with '/' (/subscriptions/<id>, …; got '%s')",
          jobFile, i, input.scope());
    }
    if (input.dataset() != null
        && !List.of("actual", "amortized")
            .contains(input.dataset().trim().toLowerCase(Locale.ROOT))) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d].dataset must be actual or amortized (got '%s')",
          jobFile, i, input.dataset());
    }
    List<String> found = new ArrayList<>();
    if (input.tagKey() != null) {
      found.add("tag-key");
    }
    if (!input.metrics().isEmpty()) {
      found.add("metrics");
    }
    if (input.region() != null) {
      found.add("region");
    }
    if (input.rightsizing() != null) {
      found.add("rightsizing");
    }
    if (!found.isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] (source %s) has %s, which it does not take",
          jobFile, i, input.source(), String.join(", ", found));
    }
  }

  /** Keys of API inputs on an input of files: a mistake to point out, not to ignore. */
  private static void requireNoApiKeys(Path jobFile, int i, BillingInputConfig input) {
    List<String> found = new ArrayList<>();
    if (!input.groupBy().isEmpty()) {
      found.add("group-by");
    }
    if (input.tagKey() != null) {
      found.add("tag-key");
    }
    if (!input.metrics().isEmpty()) {
      found.add("metrics");
    }
    if (input.endpoint() != null) {
      found.add("endpoint");
    }
    if (input.region() != null) {
      found.add("region");
    }
    if (input.timeLimitMinutes() != null) {
      found.add("time-limit-minutes");
    }
    if (input.rightsizing() != null) {
      found.add("rightsizing");
    }
    if (input.scope() != null) {
      found.add("scope");
    }
    if (input.dataset() != null) {
      found.add("dataset");
    }
    if (!found.isEmpty()) {
      throw FleetCostException.userError(
          "Cannot load job file %s: billing[%d] reads files, but has %s, which only an API source (source: %s) takes",
          jobFile, i, String.join(", ", found), String.join(", ", BillingInputConfig.API_SOURCES));
    }
  }
}
