package io.fleetcost.history;

import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.BILLING_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.SERVICE_NAME;
import static io.fleetcost.model.CostColumns.SUB_ACCOUNT_ID;
import static io.fleetcost.model.CostColumns.TAGS;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.savings.BilledResource;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The bill's spend per usage day, by provider, account, service and owner tag: the rows of the
 * {@code daily_spend} table (without {@code run_date}, which {@link HistoryStore} adds).
 */
public final class DailySpend {
  /** The team of a row without an owner tag. */
  public static final String UNTAGGED = "(untagged)";

  /** The provider, account, service or currency of a row without one. */
  public static final String NONE = "(none)";

  private DailySpend() {}

  /**
   * The spend of every usage day up to {@code date}.
   *
   * @param ownerTags the tag keys that name a row's team, the first present wins (matched ignoring
   *     case and separators, like the savings engine's)
   * @param rates the exchange rates to USD of {@code effective_cost_usd} (null in a currency
   *     without one)
   */
  public static Dataset<Row> upTo(
      Dataset<Row> normalized,
      LocalDate date,
      List<String> ownerTags,
      Map<String, BigDecimal> rates) {
    return normalized
        .filter(col(CHARGE_PERIOD_START).isNotNull())
        .withColumn("usage_date", to_date(col(CHARGE_PERIOD_START)))
        .filter(col("usage_date").leq(lit(Date.valueOf(date))))
        .withColumn(
            "team",
            coalesce(
                when(col(TAGS).isNull(), lit(null).cast("string")).otherwise(team(ownerTags)),
                lit(UNTAGGED)))
        .groupBy(
            col("usage_date"),
            coalesce(col(PROVIDER_NAME), lit(NONE)).as("provider"),
            coalesce(col(BILLING_ACCOUNT_ID), lit(NONE)).as("billing_account_id"),
            coalesce(col(SUB_ACCOUNT_ID), lit(NONE)).as("sub_account_id"),
            coalesce(col(SERVICE_NAME), lit(NONE)).as("service"),
            col("team"),
            coalesce(col(BILLING_CURRENCY), lit(NONE)).as(BILLING_CURRENCY))
        .agg(
            sum(col(BILLED_COST)).as("billed_cost"),
            sum(col(EFFECTIVE_COST)).as("effective_cost"),
            count(lit(1)).as("row_count"))
        .withColumn("effective_cost_usd", usd(rates))
        .withColumnRenamed(BILLING_CURRENCY, "currency");
  }

  /**
   * A row's team: the smallest non-blank value of the first of {@code ownerTags} it carries, else
   * null.
   */
  private static Column team(List<String> ownerTags) {
    Column team = lit(null).cast("string");
    for (int i = ownerTags.size() - 1; i >= 0; i--) {
      String key = BilledResource.tagKey(ownerTags.get(i));
      Column values =
          map_values(
              map_filter(
                  col(TAGS),
                  (k, v) ->
                      regexp_replace(lower(k), "[^a-z0-9]", "")
                          .equalTo(lit(key))
                          .and(v.isNotNull())
                          .and(trim(v).notEqual(lit("")))));
      team = coalesce(array_min(values), team);
    }
    return team;
  }

  /** A group's {@code effective_cost} in USD, null in a currency without a rate. */
  private static Column usd(Map<String, BigDecimal> rates) {
    Column usd =
        when(
            col(BILLING_CURRENCY).equalTo(lit("USD")),
            col("effective_cost").cast("decimal(38,12)"));
    for (Map.Entry<String, BigDecimal> rate : new TreeMap<>(rates).entrySet()) {
      usd =
          usd.when(
              col(BILLING_CURRENCY).equalTo(lit(rate.getKey())),
              col("effective_cost")
                  .cast("decimal(38,12)")
                  .multiply(lit(rate.getValue()))
                  .cast("decimal(38,12)"));
    }
    return usd;
  }
}
