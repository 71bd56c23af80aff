package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One billing source in a job file: export files ({@code path}), or a cloud API ({@code source})
 * that {@code fleetcost pull} lands under the output folder.
 *
 * @param name a label for the source in summaries; defaults to the first path's file name
 * @param path one or more files, folders (read recursively) or CUR manifests
 * @param format {@code auto} (detect from each file's header or schema) or a format name
 * @param azureCostDataset for Azure cost details: {@code actual}, {@code amortized} or {@code auto}
 *     (from the file name)
 * @param cadence {@code daily} (default: an export refreshed every day) or {@code monthly} (a
 *     closed month delivered once); decides how the coverage check judges the input
 * @param maxStalenessHours this input's staleness limit; unset: {@code
 *     data-quality.max-staleness-hours}
 * @param source {@value #FILES} (default: read {@code path}) or a cloud API: {@value
 *     #AWS_COST_EXPLORER}, {@value #AZURE_COST_MANAGEMENT}
 * @param groupBy for an API: the dimensions to group cost by ({@code SERVICE}, {@code
 *     LINKED_ACCOUNT}, …)
 * @param tagKey for an API: a cost allocation tag to group by
 * @param metrics for Cost Explorer: the metrics to pull; default UnblendedCost and AmortizedCost
 * @param endpoint for an API: another endpoint than the cloud's (a proxy; a stub in tests)
 * @param region for an API: the region of its endpoint (Cost Explorer: us-east-1)
 * @param retry for an API: how its throttling and server errors are retried
 * @param timeLimitMinutes for an API: the most one pull of it may take, retries included (default
 *     30)
 * @param scope for Azure Cost Management: the scope to query ({@code /subscriptions/<id>}, a
 *     billing account, …)
 * @param dataset for Azure Cost Management: {@code actual} (default) or {@code amortized}
 * @param rightsizing for Cost Explorer: also import its EC2 rightsizing recommendations, compared
 *     in each run with FleetCost's own opportunities
 */
public record BillingInputConfig(
    @JsonProperty("name") String name,
    @JsonProperty("path") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> path,
    @JsonProperty("format") String format,
    @JsonProperty("azure-cost-dataset") String azureCostDataset,
    @JsonProperty("cadence") String cadence,
    @JsonProperty("max-staleness-hours") Integer maxStalenessHours,
    @JsonProperty("source") String source,
    @JsonProperty("group-by") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> groupBy,
    @JsonProperty("tag-key") String tagKey,
    @JsonProperty("metrics") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> metrics,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("region") String region,
    @JsonProperty("retry") RetryConfig retry,
    @JsonProperty("time-limit-minutes") Integer timeLimitMinutes,
    @JsonProperty("scope") String scope,
    @JsonProperty("dataset") String dataset,
    @JsonProperty("rightsizing") Boolean rightsizing) {

  public static final String AUTO = "auto";
  public static final String FILES = "files";
  public static final String AWS_COST_EXPLORER = "aws-cost-explorer";
  public static final String AZURE_COST_MANAGEMENT = "azure-cost-management";

  /** The API sources a job file may name. */
  public static final List<String> API_SOURCES = List.of(AWS_COST_EXPLORER, AZURE_COST_MANAGEMENT);

  public BillingInputConfig {
    path = path == null ? List.of() : List.copyOf(path);
    format = format == null || format.isBlank() ? AUTO : format.trim();
    azureCostDataset =
        azureCostDataset == null || azureCostDataset.isBlank() ? AUTO : azureCostDataset.trim();
    cadence = cadence == null || cadence.isBlank() ? "daily" : cadence.trim();
    source = source == null || source.isBlank() ? FILES : source.trim();
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    retry = retry == null ? RetryConfig.DEFAULT : retry;
  }

  /** A billing input with export files only (the common case). */
  public static BillingInputConfig files(
      String name, List<String> path, String format, String azureCostDataset, String cadence) {
    return new BillingInputConfig(
        name,
        path,
        format,
        azureCostDataset,
        cadence,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public boolean isApi() {
    return !FILES.equals(source);
  }

  public BillingInputConfig withPaths(List<String> resolved) {
    return new BillingInputConfig(
        name,
        resolved,
        format,
        azureCostDataset,
        cadence,
        maxStalenessHours,
        source,
        groupBy,
        tagKey,
        metrics,
        endpoint,
        region,
        retry,
        timeLimitMinutes,
        scope,
        dataset,
        rightsizing);
  }

  public BillingInputConfig withName(String newName) {
    return new BillingInputConfig(
        newName,
        path,
        format,
        azureCostDataset,
        cadence,
        maxStalenessHours,
        source,
        groupBy,
        tagKey,
        metrics,
        endpoint,
        region,
        retry,
        timeLimitMinutes,
        scope,
        dataset,
        rightsizing);
  }
}
