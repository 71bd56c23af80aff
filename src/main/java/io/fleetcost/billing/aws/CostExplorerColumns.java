package io.fleetcost.billing.aws;

import static io.fleetcost.billing.SourceColumn.optional;
import static io.fleetcost.billing.SourceColumn.required;

import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.SourceColumns;
import java.util.List;

/**
 * The columns of Cost Explorer data landed by {@code fleetcost pull} ({@link CostExplorerPull}):
 * one row per day and group of {@code GetCostAndUsage}, every value as the API's text. A dimension
 * the pull did not group by is null.
 */
public final class CostExplorerColumns {
  private CostExplorerColumns() {}

  public static final String TIME_PERIOD_START = "TimePeriodStart";
  public static final String TIME_PERIOD_END = "TimePeriodEnd";
  public static final String ESTIMATED = "Estimated";
  public static final String SERVICE = "SERVICE";
  public static final String LINKED_ACCOUNT = "LINKED_ACCOUNT";
  public static final String REGION = "REGION";
  public static final String USAGE_TYPE = "USAGE_TYPE";
  public static final String INSTANCE_TYPE = "INSTANCE_TYPE";
  public static final String RECORD_TYPE = "RECORD_TYPE";
  public static final String PURCHASE_TYPE = "PURCHASE_TYPE";
  public static final String TAG_KEY = "TagKey";
  public static final String TAG_VALUE = "TagValue";
  public static final String UNBLENDED_COST = "UnblendedCost";
  public static final String AMORTIZED_COST = "AmortizedCost";
  public static final String NET_AMORTIZED_COST = "NetAmortizedCost";
  public static final String USAGE_QUANTITY = "UsageQuantity";
  public static final String UNIT_SUFFIX = "Unit";
  public static final String REQUEST_ID = "x_RequestId";
  public static final String PAGE = "x_Page";

  /** The dimensions a pull may group by, landed as columns of their name. */
  public static final List<String> DIMENSIONS =
      List.of(
          SERVICE, LINKED_ACCOUNT, REGION, USAGE_TYPE, INSTANCE_TYPE, RECORD_TYPE, PURCHASE_TYPE);

  /**
   * The metrics a pull may ask for; each is landed as its amount and its unit ({@code
   * UnblendedCostUnit}).
   */
  public static final List<String> METRICS =
      List.of(UNBLENDED_COST, AMORTIZED_COST, NET_AMORTIZED_COST, USAGE_QUANTITY);

  /** Every landed column, in order. */
  public static List<String> landed() {
    List<String> columns =
        new java.util.ArrayList<>(List.of(TIME_PERIOD_START, TIME_PERIOD_END, ESTIMATED));
    columns.addAll(DIMENSIONS);
    columns.add(TAG_KEY);
    columns.add(TAG_VALUE);
    for (String metric : METRICS) {
      columns.add(metric);
      columns.add(metric + UNIT_SUFFIX);
    }
    columns.add(REQUEST_ID);
    columns.add(PAGE);
    return List.copyOf(columns);
  }

  public static final SourceColumns COLUMNS =
      new SourceColumns(
          landed().stream()
              .map(
                  name ->
                      List.of(
                                  TIME_PERIOD_START,
                                  TIME_PERIOD_END,
                                  ESTIMATED,
                                  UNBLENDED_COST,
                                  UNBLENDED_COST + UNIT_SUFFIX)
                              .contains(name)
                          ? required(name)
                          : optional(name))
              .toList());

  /**
   * The landed table of {@code GetRightsizingRecommendation}'s EC2 recommendations, one row per
   * instance.
   */
  public static final String RIGHTSIZING_TABLE = "rightsizing";

  public static final String ACCOUNT_ID = "AccountId";
  public static final String RESOURCE_ID = "ResourceId";
  public static final String INSTANCE_NAME = "InstanceName";
  public static final String CURRENT_INSTANCE_TYPE = "InstanceType";
  public static final String RIGHTSIZING_REGION = "Region";
  public static final String RIGHTSIZING_TYPE = "RightsizingType";
  public static final String TARGET_INSTANCE_TYPE = "TargetInstanceType";
  public static final String CURRENT_MONTHLY_COST = "CurrentMonthlyCost";
  public static final String ESTIMATED_MONTHLY_SAVINGS = "EstimatedMonthlySavings";
  public static final String CURRENCY_CODE = "CurrencyCode";
  public static final String FINDING_REASON_CODES = "FindingReasonCodes";

  public static final List<String> RIGHTSIZING =
      List.of(
          ACCOUNT_ID,
          RESOURCE_ID,
          INSTANCE_NAME,
          CURRENT_INSTANCE_TYPE,
          RIGHTSIZING_REGION,
          RIGHTSIZING_TYPE,
          TARGET_INSTANCE_TYPE,
          CURRENT_MONTHLY_COST,
          ESTIMATED_MONTHLY_SAVINGS,
          CURRENCY_CODE,
          FINDING_REASON_CODES,
          REQUEST_ID,
          PAGE);

  /** A landed Cost Explorer file: its time period, estimated flag and request id columns. */
  public static boolean matches(FileLayout layout) {
    return layout.has(TIME_PERIOD_START)
        && layout.has(ESTIMATED)
        && layout.has(REQUEST_ID)
        && layout.has(UNBLENDED_COST);
  }
}
