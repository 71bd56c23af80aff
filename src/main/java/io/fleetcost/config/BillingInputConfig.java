package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One billing source in a job file.
 *
 * @param name a label for the source in summaries; defaults to the first path's file name
 * @param path one or more files, folders (read recursively) or CUR manifests
 * @param format {@code auto} (detect from each file's header or schema) or a format name
 * @param azureCostDataset for Azure cost details: {@code actual}, {@code amortized} or {@code auto} (from the file
 *     name)
 * @param cadence {@code daily} (default: an export refreshed every day) or {@code monthly} (a closed month delivered
 *     once); decides how the coverage check judges the input
 * @param maxStalenessHours this input's staleness limit; unset: {@code data-quality.max-staleness-hours}
 */
public record BillingInputConfig(
    @JsonProperty("name") String name,
    @JsonProperty("path") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> path,
    @JsonProperty("format") String format,
    @JsonProperty("azure-cost-dataset") String azureCostDataset,
    @JsonProperty("cadence") String cadence,
    @JsonProperty("max-staleness-hours") Integer maxStalenessHours) {

  public static final String AUTO = "auto";

  public BillingInputConfig {
    path = path == null ? List.of() : List.copyOf(path);
    format = format == null || format.isBlank() ? AUTO : format.trim();
    azureCostDataset = azureCostDataset == null || azureCostDataset.isBlank() ? AUTO : azureCostDataset.trim();
    cadence = cadence == null || cadence.isBlank() ? "daily" : cadence.trim();
  }

  public BillingInputConfig withPaths(List<String> resolved) {
    return new BillingInputConfig(name, resolved, format, azureCostDataset, cadence, maxStalenessHours);
  }

  public BillingInputConfig withName(String newName) {
    return new BillingInputConfig(newName, path, format, azureCostDataset, cadence, maxStalenessHours);
  }
}
