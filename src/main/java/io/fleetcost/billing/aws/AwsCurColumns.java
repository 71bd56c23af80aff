package io.fleetcost.billing.aws;

import static io.fleetcost.billing.SourceColumn.optional;
import static io.fleetcost.billing.SourceColumn.required;

import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.SourceColumns;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The AWS Cost and Usage Report columns FleetCost reads, under their snake_case names (the names of
 * CUR in Parquet and of CUR 2.0). A legacy CSV header ({@code lineItem/UnblendedCost}) is matched
 * after the same conversion AWS applies: {@link #snakeCase(String)}.
 */
public final class AwsCurColumns {
  private AwsCurColumns() {}

  public static final String LINE_ITEM_ID = "identity_line_item_id";
  public static final String TIME_INTERVAL = "identity_time_interval";
  public static final String INVOICE_ID = "bill_invoice_id";
  public static final String INVOICING_ENTITY = "bill_invoicing_entity";
  public static final String BILLING_ENTITY = "bill_billing_entity";
  public static final String BILL_TYPE = "bill_bill_type";
  public static final String PAYER_ACCOUNT_ID = "bill_payer_account_id";
  public static final String PAYER_ACCOUNT_NAME = "bill_payer_account_name";
  public static final String BILLING_PERIOD_START = "bill_billing_period_start_date";
  public static final String BILLING_PERIOD_END = "bill_billing_period_end_date";
  public static final String USAGE_ACCOUNT_ID = "line_item_usage_account_id";
  public static final String USAGE_ACCOUNT_NAME = "line_item_usage_account_name";
  public static final String LINE_ITEM_TYPE = "line_item_line_item_type";
  public static final String USAGE_START = "line_item_usage_start_date";
  public static final String USAGE_END = "line_item_usage_end_date";
  public static final String PRODUCT_CODE = "line_item_product_code";
  public static final String USAGE_TYPE = "line_item_usage_type";
  public static final String OPERATION = "line_item_operation";
  public static final String AVAILABILITY_ZONE = "line_item_availability_zone";
  public static final String RESOURCE_ID = "line_item_resource_id";
  public static final String USAGE_AMOUNT = "line_item_usage_amount";
  public static final String CURRENCY_CODE = "line_item_currency_code";
  public static final String UNBLENDED_RATE = "line_item_unblended_rate";
  public static final String UNBLENDED_COST = "line_item_unblended_cost";
  public static final String NET_UNBLENDED_COST = "line_item_net_unblended_cost";
  public static final String DESCRIPTION = "line_item_line_item_description";
  public static final String LEGAL_ENTITY = "line_item_legal_entity";
  public static final String PRODUCT_NAME = "product_product_name";
  public static final String PRODUCT_FAMILY = "product_product_family";
  public static final String REGION = "product_region";
  public static final String REGION_CODE = "product_region_code";
  public static final String LOCATION = "product_location";
  public static final String INSTANCE_TYPE = "product_instance_type";
  public static final String GPU = "product_gpu";
  public static final String GPU_MEMORY = "product_gpu_memory";
  public static final String PRODUCT_SKU = "product_sku";
  public static final String SERVICE_CODE = "product_servicecode";
  public static final String PRODUCT_USAGE_TYPE = "product_usagetype";
  public static final String RATE_CODE = "pricing_rate_code";
  public static final String RATE_ID = "pricing_rate_id";
  public static final String PUBLIC_ON_DEMAND_COST = "pricing_public_on_demand_cost";
  public static final String PUBLIC_ON_DEMAND_RATE = "pricing_public_on_demand_rate";
  public static final String PRICING_TERM = "pricing_term";
  public static final String PRICING_UNIT = "pricing_unit";
  public static final String RESERVATION_ARN = "reservation_reservation_a_r_n";
  public static final String RESERVATION_EFFECTIVE_COST = "reservation_effective_cost";
  public static final String RESERVATION_UNUSED_AMORTIZED_FEE =
      "reservation_unused_amortized_upfront_fee_for_billing_period";
  public static final String RESERVATION_UNUSED_RECURRING_FEE = "reservation_unused_recurring_fee";
  public static final String RESERVATION_TOTAL_RESERVED_UNITS = "reservation_total_reserved_units";
  public static final String SAVINGS_PLAN_ARN = "savings_plan_savings_plan_a_r_n";
  public static final String SAVINGS_PLAN_EFFECTIVE_COST =
      "savings_plan_savings_plan_effective_cost";
  public static final String SAVINGS_PLAN_TOTAL_COMMITMENT =
      "savings_plan_total_commitment_to_date";
  public static final String SAVINGS_PLAN_USED_COMMITMENT = "savings_plan_used_commitment";
  public static final String SAVINGS_PLAN_OFFERING_TYPE = "savings_plan_offering_type";

  /** CUR 2.0's map columns. */
  public static final String PRODUCT_MAP = "product";

  public static final String RESOURCE_TAGS_MAP = "resource_tags";

  /**
   * Legacy CUR spreads tags over one column each: {@code resourceTags/user:team}, {@code
   * resource_tags_user_team}.
   */
  static final String TAG_PREFIX_CSV = "resourcetags/";

  static final String TAG_PREFIX_SNAKE = "resource_tags_";

  public static final SourceColumns COLUMNS =
      new SourceColumns(
          List.of(
              optional(LINE_ITEM_ID),
              optional(TIME_INTERVAL),
              optional(INVOICE_ID),
              optional(INVOICING_ENTITY),
              optional(BILLING_ENTITY),
              optional(BILL_TYPE),
              optional(PAYER_ACCOUNT_ID),
              optional(PAYER_ACCOUNT_NAME),
              optional(BILLING_PERIOD_START),
              optional(BILLING_PERIOD_END),
              optional(USAGE_ACCOUNT_ID),
              optional(USAGE_ACCOUNT_NAME),
              required(LINE_ITEM_TYPE, "lineItem/LineItemType"),
              required(USAGE_START, "lineItem/UsageStartDate"),
              required(USAGE_END, "lineItem/UsageEndDate"),
              optional(PRODUCT_CODE),
              optional(USAGE_TYPE),
              optional(OPERATION),
              optional(AVAILABILITY_ZONE),
              optional(RESOURCE_ID),
              optional(USAGE_AMOUNT),
              required(CURRENCY_CODE, "lineItem/CurrencyCode"),
              optional(UNBLENDED_RATE),
              required(UNBLENDED_COST, "lineItem/UnblendedCost"),
              optional(NET_UNBLENDED_COST),
              optional(DESCRIPTION),
              optional(LEGAL_ENTITY),
              optional(PRODUCT_NAME),
              optional(PRODUCT_FAMILY),
              optional(REGION),
              optional(REGION_CODE),
              optional(LOCATION),
              optional(INSTANCE_TYPE),
              optional(GPU),
              optional(GPU_MEMORY),
              optional(PRODUCT_SKU),
              optional(SERVICE_CODE),
              optional(PRODUCT_USAGE_TYPE),
              optional(RATE_CODE),
              optional(RATE_ID),
              optional(PUBLIC_ON_DEMAND_COST),
              optional(PUBLIC_ON_DEMAND_RATE),
              optional(PRICING_TERM),
              optional(PRICING_UNIT),
              optional(RESERVATION_ARN),
              optional(RESERVATION_EFFECTIVE_COST),
              optional(RESERVATION_UNUSED_AMORTIZED_FEE),
              optional(RESERVATION_UNUSED_RECURRING_FEE),
              optional(RESERVATION_TOTAL_RESERVED_UNITS),
              optional(SAVINGS_PLAN_ARN),
              optional(SAVINGS_PLAN_EFFECTIVE_COST),
              optional(SAVINGS_PLAN_TOTAL_COMMITMENT),
              optional(SAVINGS_PLAN_USED_COMMITMENT),
              optional(SAVINGS_PLAN_OFFERING_TYPE)),
          AwsCurColumns::snakeCase);

  /** CUR 2.0 also has these map columns, read as they are. */
  public static final SourceColumns CUR2_MAPS =
      new SourceColumns(List.of(optional(PRODUCT_MAP), optional(RESOURCE_TAGS_MAP)));

  /**
   * AWS's conversion of a CUR column name to its Athena / Parquet / CUR 2.0 spelling: the category
   * and the name are each split before every capital letter, lower-cased, and joined with
   * underscores ({@code reservation/ReservationARN} → {@code reservation_reservation_a_r_n}). Names
   * already in snake_case pass unchanged.
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    boolean segmentStart = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == ':' || c == '-' || c == ' ' || c == '.' || c == '_') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        segmentStart = true;
      } else if (Character.isUpperCase(c)) {
        if (!segmentStart && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
        segmentStart = false;
      } else {
        out.append(Character.toLowerCase(c));
        segmentStart = false;
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(0, end);
  }

  /**
   * The tag key of a legacy CUR tag column, or empty when the column is not a tag. User tags lose
   * their {@code user:} prefix ({@code resourceTags/user:team} → {@code team}); AWS-generated tags
   * keep theirs ({@code aws:createdBy}). In Parquet the key is only known in snake_case ({@code
   * resource_tags_user_team} → {@code team}).
   */
  public static Optional<String> tagKey(String column) {
    String trimmed = column.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith(TAG_PREFIX_CSV)) {
      String key = trimmed.substring(TAG_PREFIX_CSV.length());
      return Optional.of(key.startsWith("user:") ? key.substring("user:".length()) : key);
    }
    if (lower.startsWith(TAG_PREFIX_SNAKE) && !lower.equals(RESOURCE_TAGS_MAP)) {
      String key = trimmed.substring(TAG_PREFIX_SNAKE.length());
      if (key.startsWith("user_")) {
        return Optional.of(key.substring("user_".length()));
      }
      return Optional.of(key.startsWith("aws_") ? "aws:" + key.substring("aws_".length()) : key);
    }
    return Optional.empty();
  }

  /**
   * Legacy CUR: {@code lineItem/...} headers (CSV), or {@code line_item_...} columns (Parquet)
   * without CUR 2.0's map columns. Recognised by the line item columns, so that a file missing its
   * cost column is still recognised, and then refused for the missing column.
   */
  public static boolean isLegacyCur(FileLayout layout) {
    return hasSlashHeaders(layout) || (hasSnakeLineItems(layout) && !isCur2(layout));
  }

  /**
   * CUR 2.0 has the {@code product} and {@code resource_tags} maps and the account-name columns.
   */
  public static boolean isCur2(FileLayout layout) {
    return hasSnakeLineItems(layout)
        && !hasSlashHeaders(layout)
        && (layout.has(PRODUCT_MAP)
            || layout.has(RESOURCE_TAGS_MAP)
            || layout.has(PAYER_ACCOUNT_NAME)
            || layout.has(USAGE_ACCOUNT_NAME));
  }

  private static boolean hasSlashHeaders(FileLayout layout) {
    return layout.columns().stream()
        .anyMatch(c -> c.trim().toLowerCase(Locale.ROOT).startsWith("lineitem/"));
  }

  private static boolean hasSnakeLineItems(FileLayout layout) {
    return layout.columns().stream()
            .filter(c -> c.trim().toLowerCase(Locale.ROOT).startsWith("line_item_"))
            .count()
        >= 2;
  }
}
