package io.fleetcost.billing.window;

import static io.fleetcost.billing.window.BillWindow.WINDOW;
import static io.fleetcost.billing.window.BillWindow.orUnknown;
import static io.fleetcost.billing.window.BillWindow.perWindow;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_CATEGORY;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static io.fleetcost.model.CostColumns.RESOURCE_NAME;
import static io.fleetcost.model.CostColumns.TAGS;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.savings.BilledResource;
import io.fleetcost.scan.BillingGovernance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The usage spend of each window without an owner tag, per currency (tag keys matched ignoring case
 * and separators, like the savings engine's), with the ten largest untagged resources.
 */
final class UntaggedSpend {
  private UntaggedSpend() {}

  static List<BillingGovernance> untaggedSpend(
      Dataset<Row> windowed, int windows, List<String> ownerTags, BigDecimal threshold) {
    Dataset<Row> usage =
        windowed
            .filter(col(CHARGE_CATEGORY).equalTo(lit("Usage")))
            .withColumn("x_Owned", owned(ownerTags));
    List<List<BillingGovernance.CurrencyShare>> shares = shares(usage, windows);
    List<List<BillingGovernance.UntaggedResource>> largest = largestUntagged(usage, windows);
    List<BillingGovernance> governance = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      governance.add(new BillingGovernance(shares.get(i), ownerTags, threshold, largest.get(i)));
    }
    return governance;
  }

  /** Whether a row carries one of the owner tags with a non-blank value. */
  private static Column owned(List<String> ownerTags) {
    List<String> wanted = ownerTags.stream().map(BilledResource::tagKey).toList();
    return when(col(TAGS).isNull(), lit(false))
        .otherwise(
            size(map_filter(
                    col(TAGS),
                    (k, v) ->
                        regexp_replace(lower(k), "[^a-z0-9]", "")
                            .isin(wanted.toArray())
                            .and(v.isNotNull())
                            .and(trim(v).notEqual(lit("")))))
                .gt(lit(0)));
  }

  /** Each window's usage spend and untagged usage spend, per currency. */
  private static List<List<BillingGovernance.CurrencyShare>> shares(
      Dataset<Row> usage, int windows) {
    List<List<BillingGovernance.CurrencyShare>> shares = perWindow(windows);
    for (Row row :
        usage
            .groupBy(col(WINDOW), col(BILLING_CURRENCY))
            .agg(
                sum(col(EFFECTIVE_COST)),
                sum(when(col("x_Owned").equalTo(lit(false)), col(EFFECTIVE_COST))))
            .orderBy(col(WINDOW), col(BILLING_CURRENCY))
            .collectAsList()) {
      shares
          .get(row.getInt(0))
          .add(
              new BillingGovernance.CurrencyShare(
                  orUnknown(row.getString(1)),
                  row.isNullAt(2) ? BigDecimal.ZERO : row.getDecimal(2),
                  row.isNullAt(3) ? BigDecimal.ZERO : row.getDecimal(3)));
    }
    return shares;
  }

  /** Each window's ten largest untagged resources by usage spend. */
  private static List<List<BillingGovernance.UntaggedResource>> largestUntagged(
      Dataset<Row> usage, int windows) {
    List<List<BillingGovernance.UntaggedResource>> largest = perWindow(windows);
    for (Row row :
        usage
            .filter(
                col("x_Owned")
                    .equalTo(lit(false))
                    .and(coalesce(col(RESOURCE_ID), col(RESOURCE_NAME)).isNotNull()))
            .groupBy(
                col(WINDOW),
                col(PROVIDER_NAME),
                coalesce(col(RESOURCE_ID), col(RESOURCE_NAME)).as("resource"),
                col(BILLING_CURRENCY))
            .agg(sum(col(EFFECTIVE_COST)).as("cost"))
            .withColumn(
                "x_Rank",
                row_number()
                    .over(
                        Window.partitionBy(col(WINDOW))
                            .orderBy(
                                col("cost").desc(),
                                col("resource"),
                                col(PROVIDER_NAME),
                                col(BILLING_CURRENCY))))
            .filter(col("x_Rank").leq(lit(10)))
            .orderBy(col(WINDOW), col("x_Rank"))
            .collectAsList()) {
      largest
          .get(row.getInt(0))
          .add(
              new BillingGovernance.UntaggedResource(
                  orUnknown(row.getString(1)),
                  row.getString(2),
                  orUnknown(row.getString(3)),
                  row.getDecimal(4)));
    }
    return largest;
  }
}
