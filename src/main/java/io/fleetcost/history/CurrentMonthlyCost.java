package io.fleetcost.history;

import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_END;
import static io.fleetcost.model.CostColumns.CHARGE_PERIOD_START;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.INSTANCE_TYPE;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static io.fleetcost.model.CostColumns.RESOURCE_ID;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each tracked resource's monthly cost now, in USD: what its instance rows charge over the last 24
 * hours its provider's bill covers in the window, × 730 ÷ 24. A row longer than that span (a daily
 * or monthly export) counts pro rata. So a resource deleted a day ago costs nothing, one moved to
 * spot costs its spot rate, and the drop realized savings report is the drop of the bill. Resources
 * in a currency without a rate are left out.
 */
public final class CurrentMonthlyCost {
  /** The span of bill whose rate is a resource's cost now, for realized savings. */
  public static final Duration CURRENT_RATE_SPAN = Duration.ofHours(24);

  private CurrentMonthlyCost() {}

  /**
   * The span each provider's and currency's bill counts a rate over, as two columns of a bill row:
   * the end of the provider's coverage in the window ({@code coveredTo}) and {@link
   * #CURRENT_RATE_SPAN} before it ({@code from}); null for a provider without a charge end.
   */
  private record RateSpan(Column coveredTo, Column from) {}

  public static Map<String, BigDecimal> monthlyCostUsd(
      Dataset<Row> normalized,
      Instant start,
      Instant end,
      List<String> resourceIds,
      Map<String, BigDecimal> rates) {
    List<String> ids = resourceIds.stream().filter(id -> id != null).distinct().sorted().toList();
    Map<String, BigDecimal> costs = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return costs;
    }
    Dataset<Row> inWindow =
        normalized.filter(
            col(CHARGE_PERIOD_START)
                .geq(lit(Timestamp.from(start)))
                .and(col(CHARGE_PERIOD_START).lt(lit(Timestamp.from(end)))));
    RateSpan span = rateSpan(inWindow, end);
    for (Row row : costInSpan(inWindow, ids, span).collectAsList()) {
      String currency = row.getString(1);
      BigDecimal rate =
          "USD".equals(currency) ? BigDecimal.ONE : currency == null ? null : rates.get(currency);
      if (rate == null || row.isNullAt(4)) {
        continue;
      }
      costs.merge(row.getString(0), monthly(row, rate), BigDecimal::add);
    }
    return costs;
  }

  private static RateSpan rateSpan(Dataset<Row> inWindow, Instant end) {
    Column coveredTo = lit(null).cast("timestamp");
    Column from = lit(null).cast("timestamp");
    for (Row bill :
        inWindow
            .groupBy(col(PROVIDER_NAME), col(BILLING_CURRENCY))
            .agg(max(col(CHARGE_PERIOD_END)))
            .collectAsList()) {
      if (bill.isNullAt(2)) {
        continue;
      }
      Instant billEnd = bill.getTimestamp(2).toInstant();
      Instant to = billEnd.isBefore(end) ? billEnd : end;
      Column same =
          sameValue(col(PROVIDER_NAME), bill.getString(0))
              .and(sameValue(col(BILLING_CURRENCY), bill.getString(1)));
      coveredTo = when(same, lit(Timestamp.from(to))).otherwise(coveredTo);
      from = when(same, lit(Timestamp.from(to.minus(CURRENT_RATE_SPAN)))).otherwise(from);
    }
    return new RateSpan(coveredTo, from);
  }

  /**
   * The instance rows of the resources that overlap their provider's rate span, grouped by
   * resource, currency, row length and overlap (seconds): resource, currency, seconds, overlap,
   * cost.
   */
  private static Dataset<Row> costInSpan(Dataset<Row> inWindow, List<String> ids, RateSpan span) {
    Column rowEnd = coalesce(col(CHARGE_PERIOD_END), col(CHARGE_PERIOD_START));
    Column seconds = unix_timestamp(rowEnd).minus(unix_timestamp(col(CHARGE_PERIOD_START)));
    Column overlap =
        greatest(
            lit(0L),
            unix_timestamp(least(rowEnd, span.coveredTo()))
                .minus(unix_timestamp(greatest(col(CHARGE_PERIOD_START), span.from()))));
    return inWindow
        .filter(col(RESOURCE_ID).isin(ids.toArray()).and(col(INSTANCE_TYPE).isNotNull()))
        .withColumn("covered_to", span.coveredTo())
        .withColumn("rate_from", span.from())
        .filter(rowEnd.gt(col("rate_from")).or(col(CHARGE_PERIOD_START).geq(col("rate_from"))))
        .filter(col(CHARGE_PERIOD_START).lt(col("covered_to")))
        .groupBy(
            col(RESOURCE_ID), col(BILLING_CURRENCY), seconds.as("seconds"), overlap.as("overlap"))
        .agg(sum(col(EFFECTIVE_COST)));
  }

  /** A {@link #costInSpan} row's cost within the span, pro rata, × {@code rate} × 730 ÷ 24. */
  private static BigDecimal monthly(Row row, BigDecimal rate) {
    long rowSeconds = row.getLong(2);
    BigDecimal cost = row.getDecimal(4);
    BigDecimal inSpan =
        rowSeconds <= 0
            ? cost
            : cost.multiply(BigDecimal.valueOf(row.getLong(3)))
                .divide(BigDecimal.valueOf(rowSeconds), MathContext.DECIMAL128);
    return Money.monthlyRunRate(
        inSpan.multiply(rate), BigDecimal.valueOf(CURRENT_RATE_SPAN.toHours()));
  }

  private static Column sameValue(Column column, String value) {
    return value == null ? column.isNull() : column.equalTo(lit(value));
  }
}
