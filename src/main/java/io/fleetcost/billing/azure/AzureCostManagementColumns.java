package io.fleetcost.billing.azure;

import static io.fleetcost.billing.SourceColumn.optional;
import static io.fleetcost.billing.SourceColumn.required;

import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.SourceColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of Azure Cost Management data landed by {@code fleetcost pull} ({@link
 * CostManagementPull}): one row per day and group of the Query API, every value the API's text.
 * {@code UsageDate} is landed as {@code yyyy-MM-dd} when the API's number reads as {@code yyyyMMdd}
 * (20261130), else as sent (the reader quarantines it). A dimension the pull did not group by is
 * null.
 */
public final class AzureCostManagementColumns {
  private AzureCostManagementColumns() {}

  public static final String USAGE_DATE = "UsageDate";
  public static final String RESOURCE_ID = "ResourceId";
  public static final String METER_ID = "MeterId";
  public static final String METER = "Meter";
  public static final String METER_CATEGORY = "MeterCategory";
  public static final String RESOURCE_TYPE = "ResourceType";
  public static final String SERVICE_NAME = "ServiceName";
  public static final String RESOURCE_LOCATION = "ResourceLocation";
  public static final String RESOURCE_GROUP_NAME = "ResourceGroupName";

  /**
   * The summed cost of the pulled dataset, whichever of {@link #COST_NAMES} the API answered with.
   */
  public static final String COST = "Cost";

  public static final String CURRENCY = "Currency";

  /** Which response column {@link #COST} came from. */
  public static final String COST_COLUMN = "x_CostColumn";

  /** {@code actual} or {@code amortized}. */
  public static final String DATASET = "x_Dataset";

  public static final String REQUEST_ID = "x_RequestId";
  public static final String PAGE = "x_Page";

  /** The dimensions a pull may group by, landed as columns of their name. */
  public static final List<String> DIMENSIONS =
      List.of(
          RESOURCE_ID,
          METER_ID,
          METER,
          METER_CATEGORY,
          RESOURCE_TYPE,
          SERVICE_NAME,
          RESOURCE_LOCATION,
          RESOURCE_GROUP_NAME);

  /**
   * The response columns a cost may come in, in order of preference: the aggregation's own name,
   * then what Microsoft Customer Agreement scopes answer with; {@code CostUSD} last, as it is not
   * in the billing currency.
   */
  public static final List<String> COST_NAMES = List.of("PreTaxCost", "Cost", "CostUSD");

  /** Every landed column, in order. */
  public static List<String> landed() {
    List<String> columns = new ArrayList<>();
    columns.add(USAGE_DATE);
    columns.addAll(DIMENSIONS);
    columns.addAll(List.of(COST, CURRENCY, COST_COLUMN, DATASET, REQUEST_ID, PAGE));
    return List.copyOf(columns);
  }

  public static final SourceColumns COLUMNS =
      new SourceColumns(
          landed().stream()
              .map(
                  name ->
                      List.of(USAGE_DATE, COST, CURRENCY, DATASET).contains(name)
                          ? required(name)
                          : optional(name))
              .toList());

  /** A landed Cost Management file: its usage date, cost column, dataset and request id columns. */
  public static boolean matches(FileLayout layout) {
    return layout.has(USAGE_DATE)
        && layout.has(COST_COLUMN)
        && layout.has(DATASET)
        && layout.has(REQUEST_ID);
  }
}
