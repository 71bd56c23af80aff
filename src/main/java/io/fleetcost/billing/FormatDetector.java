package io.fleetcost.billing;

import io.fleetcost.billing.aws.AwsCurColumns;
import io.fleetcost.billing.aws.CostExplorerColumns;
import io.fleetcost.billing.azure.AzureCostColumns;
import io.fleetcost.billing.azure.AzureCostManagementColumns;
import io.fleetcost.billing.focus.FocusColumns;
import io.fleetcost.billing.gcp.GcpExportColumns;
import io.fleetcost.error.FleetCostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides a file's billing format from its layout, and checks that a file has the columns its
 * format requires. Decisions use column names only, never file names.
 */
public final class FormatDetector {
  private FormatDetector() {}

  public static Optional<BillingFormat> detect(FileLayout layout) {
    if (FocusColumns.matches(layout)) {
      return Optional.of(BillingFormat.FOCUS);
    }
    if (AwsCurColumns.isCur2(layout)) {
      return Optional.of(BillingFormat.AWS_CUR2);
    }
    if (AwsCurColumns.isLegacyCur(layout)) {
      return Optional.of(BillingFormat.AWS_CUR);
    }
    if (GcpExportColumns.matches(layout)) {
      return Optional.of(BillingFormat.GCP_BIGQUERY);
    }
    // before the cost details: landed Query API rows have a meter, UsageDate and Cost too
    if (AzureCostManagementColumns.matches(layout)) {
      return Optional.of(BillingFormat.AZURE_COST_MANAGEMENT);
    }
    if (AzureCostColumns.matches(layout)) {
      return Optional.of(BillingFormat.AZURE_COST_DETAILS);
    }
    if (CostExplorerColumns.matches(layout)) {
      return Optional.of(BillingFormat.AWS_COST_EXPLORER);
    }
    return Optional.empty();
  }

  public static SourceColumns columns(BillingFormat format) {
    return switch (format) {
      case AWS_CUR, AWS_CUR2 -> AwsCurColumns.COLUMNS;
      case FOCUS -> FocusColumns.COLUMNS;
      case GCP_BIGQUERY -> GcpExportColumns.COLUMNS;
      case AZURE_COST_DETAILS -> AzureCostColumns.COLUMNS;
      case AWS_COST_EXPLORER -> CostExplorerColumns.COLUMNS;
      case AZURE_COST_MANAGEMENT -> AzureCostManagementColumns.COLUMNS;
    };
  }

  /** Which containers a format comes in. */
  public static List<Container> containers(BillingFormat format) {
    return switch (format) {
      case AWS_CUR, AWS_CUR2, FOCUS -> List.of(Container.CSV, Container.PARQUET);
      case GCP_BIGQUERY -> List.of(Container.JSON_LINES, Container.PARQUET);
      case AZURE_COST_DETAILS -> List.of(Container.CSV);
      case AWS_COST_EXPLORER, AZURE_COST_MANAGEMENT -> List.of(Container.PARQUET);
    };
  }

  /**
   * A human-readable variant of the format, for summaries: FOCUS version, Azure schema vintage, …
   */
  public static String detail(BillingFormat format, FileLayout layout) {
    return switch (format) {
          case AWS_CUR ->
              layout.has("lineItem/UnblendedCost")
                  ? "legacy CUR, slash headers"
                  : "legacy CUR, snake_case";
          case AWS_CUR2 -> "CUR 2.0";
          case FOCUS ->
              "FOCUS " + FocusColumns.version(layout) + ", " + FocusColumns.dialect(layout);
          case GCP_BIGQUERY -> GcpExportColumns.table(layout);
          case AZURE_COST_DETAILS -> AzureCostColumns.vintage(layout);
          case AWS_COST_EXPLORER -> "Cost Explorer GetCostAndUsage, daily";
          case AZURE_COST_MANAGEMENT -> "Cost Management Query API, daily";
        }
        + ", "
        + layout.describe();
  }

  /**
   * Resolves the format of a non-empty file: the claimed one when given (checked), else the
   * detected one.
   *
   * @throws FleetCostException (user error) when the format cannot be detected, when the file is
   *     not in a container the format comes in, or when a required column is missing; the message
   *     names the file and the column
   */
  public static BillingFormat resolve(
      String path, FileLayout layout, Optional<BillingFormat> claimed) {
    BillingFormat format =
        claimed.orElseGet(
            () ->
                detect(layout)
                    .orElseThrow(
                        () ->
                            FleetCostException.userError(
                                "Cannot detect the billing format of %s: its columns match none of %s (columns: %s)",
                                path, BillingFormat.names(), layout.preview(8))));
    if (!containers(format).contains(layout.container())) {
      throw FleetCostException.userError(
          "Cannot read %s as %s: it is %s, and %s comes as %s",
          path,
          format.cliName(),
          layout.describe(),
          format.cliName(),
          containers(format).stream().map(Enum::name).collect(Collectors.joining(" or ")));
    }
    List<SourceColumn> missing = columns(format).missingRequired(layout);
    if (!missing.isEmpty()) {
      SourceColumn first = missing.get(0);
      throw FleetCostException.userError(
          "Cannot read %s as %s: required column '%s'%s is missing%s",
          path,
          format.cliName(),
          first.name(),
          first.aliases().isEmpty() ? "" : " (or " + String.join(", ", first.aliases()) + ")",
          missing.size() > 1
              ? " (also missing: "
                  + missing.subList(1, missing.size()).stream()
                      .map(SourceColumn::name)
                      .collect(Collectors.joining(", "))
                  + ")"
              : "");
    }
    return format;
  }
}
