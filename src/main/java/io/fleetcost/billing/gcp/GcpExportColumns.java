package io.fleetcost.billing.gcp;

import static io.fleetcost.billing.SourceColumn.optional;
import static io.fleetcost.billing.SourceColumn.required;

import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.SourceColumns;
import java.util.List;

/**
 * Top-level fields of the Cloud Billing export to BigQuery (standard and detailed usage cost
 * tables), exported as newline-delimited JSON or Parquet. Nested fields ({@code
 * service.description}, {@code credits[].amount}) are read through {@link GcpBillingExportSchema}.
 */
public final class GcpExportColumns {
  private GcpExportColumns() {}

  public static final String BILLING_ACCOUNT_ID = "billing_account_id";
  public static final String SERVICE = "service";
  public static final String SKU = "sku";
  public static final String USAGE_START = "usage_start_time";
  public static final String USAGE_END = "usage_end_time";
  public static final String PROJECT = "project";
  public static final String LABELS = "labels";
  public static final String SYSTEM_LABELS = "system_labels";
  public static final String LOCATION = "location";
  public static final String RESOURCE = "resource";
  public static final String EXPORT_TIME = "export_time";
  public static final String COST = "cost";
  public static final String CURRENCY = "currency";
  public static final String USAGE = "usage";
  public static final String CREDITS = "credits";
  public static final String INVOICE = "invoice";
  public static final String COST_TYPE = "cost_type";
  public static final String COST_AT_LIST = "cost_at_list";
  public static final String SELLER_NAME = "seller_name";
  public static final String PRICE = "price";
  public static final String TRANSACTION_TYPE = "transaction_type";
  public static final String ADJUSTMENT_INFO = "adjustment_info";
  public static final String SUBSCRIPTION = "subscription";

  public static final SourceColumns COLUMNS =
      new SourceColumns(
          List.of(
              optional(BILLING_ACCOUNT_ID),
              optional(SERVICE),
              optional(SKU),
              required(USAGE_START),
              required(USAGE_END),
              optional(PROJECT),
              optional(LABELS),
              optional(SYSTEM_LABELS),
              optional(LOCATION),
              optional(RESOURCE),
              optional(EXPORT_TIME),
              required(COST),
              required(CURRENCY),
              optional(USAGE),
              optional(CREDITS),
              optional(INVOICE),
              optional(COST_TYPE),
              optional(COST_AT_LIST),
              optional(SELLER_NAME),
              optional(PRICE),
              optional(TRANSACTION_TYPE),
              optional(ADJUSTMENT_INFO),
              optional(SUBSCRIPTION)));

  public static boolean matches(FileLayout layout) {
    return layout.has(COST)
        && layout.has(USAGE_START)
        && (layout.has(BILLING_ACCOUNT_ID) || layout.has(SERVICE) || layout.has(SKU));
  }

  public static String table(FileLayout layout) {
    return layout.has(RESOURCE) || layout.has(PRICE)
        ? "detailed usage cost"
        : "standard usage cost";
  }
}
