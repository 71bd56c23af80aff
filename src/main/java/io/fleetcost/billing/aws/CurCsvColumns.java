package io.fleetcost.billing.aws;

import io.fleetcost.billing.DecodedRecord;
import java.io.Serializable;
import java.util.List;

/**
 * The CUR columns that {@link CurCsvMapping} reads ({@link Source}), and where each is among a
 * decoding's columns.
 */
final class CurCsvColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] at;

  /**
   * @param columns the decoded columns, in order
   */
  CurCsvColumns(List<String> columns) {
    this.at = new int[Source.values().length];
    for (Source source : Source.values()) {
      at[source.ordinal()] = columns.indexOf(source.column());
    }
  }

  /** The source columns the mapping reads. */
  enum Source {
    LINE_ITEM_ID(AwsCurColumns.LINE_ITEM_ID),
    TIME_INTERVAL(AwsCurColumns.TIME_INTERVAL),
    INVOICE_ID(AwsCurColumns.INVOICE_ID),
    INVOICING_ENTITY(AwsCurColumns.INVOICING_ENTITY),
    PAYER_ACCOUNT_ID(AwsCurColumns.PAYER_ACCOUNT_ID),
    PAYER_ACCOUNT_NAME(AwsCurColumns.PAYER_ACCOUNT_NAME),
    BILLING_PERIOD_START(AwsCurColumns.BILLING_PERIOD_START),
    BILLING_PERIOD_END(AwsCurColumns.BILLING_PERIOD_END),
    USAGE_ACCOUNT_ID(AwsCurColumns.USAGE_ACCOUNT_ID),
    USAGE_ACCOUNT_NAME(AwsCurColumns.USAGE_ACCOUNT_NAME),
    LINE_ITEM_TYPE(AwsCurColumns.LINE_ITEM_TYPE),
    USAGE_START(AwsCurColumns.USAGE_START),
    USAGE_END(AwsCurColumns.USAGE_END),
    PRODUCT_CODE(AwsCurColumns.PRODUCT_CODE),
    USAGE_TYPE(AwsCurColumns.USAGE_TYPE),
    AVAILABILITY_ZONE(AwsCurColumns.AVAILABILITY_ZONE),
    RESOURCE_ID(AwsCurColumns.RESOURCE_ID),
    USAGE_AMOUNT(AwsCurColumns.USAGE_AMOUNT),
    CURRENCY_CODE(AwsCurColumns.CURRENCY_CODE),
    UNBLENDED_RATE(AwsCurColumns.UNBLENDED_RATE),
    UNBLENDED_COST(AwsCurColumns.UNBLENDED_COST),
    NET_UNBLENDED_COST(AwsCurColumns.NET_UNBLENDED_COST),
    DESCRIPTION(AwsCurColumns.DESCRIPTION),
    LEGAL_ENTITY(AwsCurColumns.LEGAL_ENTITY),
    PRODUCT_NAME(AwsCurColumns.PRODUCT_NAME),
    REGION(AwsCurColumns.REGION),
    REGION_CODE(AwsCurColumns.REGION_CODE),
    LOCATION(AwsCurColumns.LOCATION),
    INSTANCE_TYPE(AwsCurColumns.INSTANCE_TYPE),
    GPU(AwsCurColumns.GPU),
    GPU_MEMORY(AwsCurColumns.GPU_MEMORY),
    PRODUCT_SKU(AwsCurColumns.PRODUCT_SKU),
    RATE_CODE(AwsCurColumns.RATE_CODE),
    RATE_ID(AwsCurColumns.RATE_ID),
    PUBLIC_ON_DEMAND_COST(AwsCurColumns.PUBLIC_ON_DEMAND_COST),
    PUBLIC_ON_DEMAND_RATE(AwsCurColumns.PUBLIC_ON_DEMAND_RATE),
    PRICING_TERM(AwsCurColumns.PRICING_TERM),
    PRICING_UNIT(AwsCurColumns.PRICING_UNIT),
    RESERVATION_ARN(AwsCurColumns.RESERVATION_ARN),
    RESERVATION_EFFECTIVE_COST(AwsCurColumns.RESERVATION_EFFECTIVE_COST),
    RESERVATION_UNUSED_AMORTIZED_FEE(AwsCurColumns.RESERVATION_UNUSED_AMORTIZED_FEE),
    RESERVATION_UNUSED_RECURRING_FEE(AwsCurColumns.RESERVATION_UNUSED_RECURRING_FEE),
    SAVINGS_PLAN_ARN(AwsCurColumns.SAVINGS_PLAN_ARN),
    SAVINGS_PLAN_EFFECTIVE_COST(AwsCurColumns.SAVINGS_PLAN_EFFECTIVE_COST),
    SAVINGS_PLAN_TOTAL_COMMITMENT(AwsCurColumns.SAVINGS_PLAN_TOTAL_COMMITMENT),
    SAVINGS_PLAN_USED_COMMITMENT(AwsCurColumns.SAVINGS_PLAN_USED_COMMITMENT),
    RESOURCE_TAGS(AwsCurColumns.RESOURCE_TAGS_MAP);

    private final String column;

    Source(String column) {
      this.column = column;
    }

    String column() {
      return column;
    }
  }

  /** A source column's cleaned value in a record: null when empty or not among the columns. */
  String value(DecodedRecord record, Source source) {
    int index = at[source.ordinal()];
    return index < 0 ? null : record.values()[index];
  }
}
