package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job file, as written by the user: what to read and where to write. Paths are kept as written;
 * {@link JobConfigLoader} resolves them against the job file's folder.
 *
 * @param name the job's name, used in run ids and reports; defaults to the job file's name without
 *     extension
 * @param organization the organisation shown in reports
 * @param output the output folder (a path or a Hadoop URI); {@code --out} overrides it
 * @param spark where and how Spark runs
 * @param billing the billing exports to read
 * @param telemetry the GPU telemetry to read
 * @param inventory what maps GPU nodes to billed resources when the telemetry carries no instance
 *     id
 * @param savings the savings engine's window, thresholds and currency rates
 * @param security the Kubernetes manifests to scan (one cluster)
 * @param governance the cloud-side governance rules of the security posture
 * @param dataQuality limits that make a run fail on bad input
 * @param history the history tables' warehouse
 * @param report the monthly report's page size, close day and the teams' budgets
 * @param runDate the run date when the command line gives none ({@code --date}); null: yesterday
 *     (UTC). A job over fixed data (the sample) pins it to its data's newest day
 * @param catalog where the catalog's prices come from: the bundled tables, or a pull of a price API
 * @param exports the open-format exports {@code fleetcost run} also writes into the output folder:
 *     {@code focus} (the billing as a FOCUS 1.2 dataset); none by default
 */
public record JobConfig(
    @JsonProperty("name") String name,
    @JsonProperty("organization") String organization,
    @JsonProperty("output") String output,
    @JsonProperty("spark") SparkConfig spark,
    @JsonProperty("billing") List<BillingInputConfig> billing,
    @JsonProperty("telemetry") List<TelemetryInputConfig> telemetry,
    @JsonProperty("inventory") List<InventoryInputConfig> inventory,
    @JsonProperty("savings") SavingsConfig savings,
    @JsonProperty("security") List<SecurityInputConfig> security,
    @JsonProperty("governance") GovernanceConfig governance,
    @JsonProperty("data-quality") DataQualityConfig dataQuality,
    @JsonProperty("history") HistoryConfig history,
    @JsonProperty("report") ReportConfig report,
    @JsonProperty("run-date") @JsonDeserialize(using = IsoDateDeserializer.class) LocalDate runDate,
    @JsonProperty("catalog") CatalogConfig catalog,
    @JsonProperty("exports") List<String> exports) {
  /** The {@code exports} value of the FOCUS export. */
  public static final String FOCUS_EXPORT = "focus";

  public JobConfig {
    spark = spark == null ? SparkConfig.DEFAULT : spark;
    billing = billing == null ? List.of() : List.copyOf(billing);
    telemetry = telemetry == null ? List.of() : List.copyOf(telemetry);
    inventory = inventory == null ? List.of() : List.copyOf(inventory);
    savings = savings == null ? SavingsConfig.DEFAULT : savings;
    security = security == null ? List.of() : List.copyOf(security);
    governance = governance == null ? GovernanceConfig.DEFAULT : governance;
    dataQuality = dataQuality == null ? DataQualityConfig.DEFAULT : dataQuality;
    history = history == null ? HistoryConfig.DEFAULT : history;
    report = report == null ? ReportConfig.DEFAULT : report;
    catalog = catalog == null ? CatalogConfig.DEFAULT : catalog;
    exports = exports == null ? List.of() : List.copyOf(exports);
    for (String export : exports) {
      if (!FOCUS_EXPORT.equals(export)) {
        throw new IllegalArgumentException(
            "exports lists '" + export + "', which is not an export (known: " + FOCUS_EXPORT + ")");
      }
    }
  }

  /** Whether {@code fleetcost run} writes the FOCUS export ({@code exports: [focus]}). */
  public boolean exportsFocus() {
    return exports.contains(FOCUS_EXPORT);
  }

  public Optional<String> organizationName() {
    return Optional.ofNullable(organization);
  }

  public JobConfig withName(String newName) {
    return new JobConfig(
        Objects.requireNonNull(newName, "newName is null"),
        organization,
        output,
        spark,
        billing,
        telemetry,
        inventory,
        savings,
        security,
        governance,
        dataQuality,
        history,
        report,
        runDate,
        catalog,
        exports);
  }

  public JobConfig withOutput(String newOutput) {
    return new JobConfig(
        name,
        organization,
        newOutput,
        spark,
        billing,
        telemetry,
        inventory,
        savings,
        security,
        governance,
        dataQuality,
        history,
        report,
        runDate,
        catalog,
        exports);
  }

  public JobConfig withBilling(List<BillingInputConfig> newBilling) {
    return new JobConfig(
        name,
        organization,
        output,
        spark,
        newBilling,
        telemetry,
        inventory,
        savings,
        security,
        governance,
        dataQuality,
        history,
        report,
        runDate,
        catalog,
        exports);
  }

  public JobConfig withTelemetry(List<TelemetryInputConfig> newTelemetry) {
    return new JobConfig(
        name,
        organization,
        output,
        spark,
        billing,
        newTelemetry,
        inventory,
        savings,
        security,
        governance,
        dataQuality,
        history,
        report,
        runDate,
        catalog,
        exports);
  }

  public JobConfig withSecurity(List<SecurityInputConfig> newSecurity) {
    return new JobConfig(
        name,
        organization,
        output,
        spark,
        billing,
        telemetry,
        inventory,
        savings,
        newSecurity,
        governance,
        dataQuality,
        history,
        report,
        runDate,
        catalog,
        exports);
  }

  public JobConfig withHistory(HistoryConfig newHistory) {
    return new JobConfig(
        name,
        organization,
        output,
        spark,
        billing,
        telemetry,
        inventory,
        savings,
        security,
        governance,
        dataQuality,
        newHistory,
        report,
        runDate,
        catalog,
        exports);
  }

  public JobConfig withInventory(List<InventoryInputConfig> newInventory) {
    return new JobConfig(
        name,
        organization,
        output,
        spark,
        billing,
        telemetry,
        newInventory,
        savings,
        security,
        governance,
        dataQuality,
        history,
        report,
        runDate,
        catalog,
        exports);
  }
}
