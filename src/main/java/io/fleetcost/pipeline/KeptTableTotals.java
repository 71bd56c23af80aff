package io.fleetcost.pipeline;

import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.BILLING_CURRENCY;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.PROVIDER_NAME;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.fleetcost.billing.window.BillWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code summary.json}'s {@code billing.kept_table} ({@link IncrementalBillingIngest.KeptTable}):
 * the kept table's rows in the savings window, per currency and per provider, in one job.
 */
final class KeptTableTotals {
  private KeptTableTotals() {}

  /** The totals of the kept rows whose charge starts in {@code [start, end)}. */
  static IncrementalBillingIngest.KeptTable of(
      Dataset<Row> normalized, String table, String start, String end) {
    Map<String, Map<String, BigDecimal[]>> byProvider = new TreeMap<>();
    Map<String, Long> rowsByProvider = new TreeMap<>();
    Map<String, BigDecimal[]> all = new TreeMap<>();
    Map<String, Long> rowsByCurrency = new TreeMap<>();
    Map<String, Map<String, Long>> rowsByProviderCurrency = new TreeMap<>();
    long rows = 0;
    for (Row row :
        BillWindow.inWindow(normalized, Instant.parse(start), Instant.parse(end))
            .groupBy(col(PROVIDER_NAME), col(BILLING_CURRENCY))
            .agg(count(lit(1)), sum(col(BILLED_COST)), sum(col(EFFECTIVE_COST)))
            .collectAsList()) {
      String provider = row.isNullAt(0) ? "(none)" : row.getString(0);
      String currency = row.getString(1);
      long count = row.getLong(2);
      BigDecimal billed = row.isNullAt(3) ? BigDecimal.ZERO : row.getDecimal(3);
      BigDecimal effective = row.isNullAt(4) ? BigDecimal.ZERO : row.getDecimal(4);
      rows += count;
      rowsByProvider.merge(provider, count, Long::sum);
      rowsByCurrency.merge(currency, count, Long::sum);
      rowsByProviderCurrency
          .computeIfAbsent(provider, p -> new TreeMap<>())
          .merge(currency, count, Long::sum);
      add(all.computeIfAbsent(currency, c -> zeros()), billed, effective);
      add(
          byProvider
              .computeIfAbsent(provider, p -> new TreeMap<>())
              .computeIfAbsent(currency, c -> zeros()),
          billed,
          effective);
    }
    List<ProviderTotals> providers = new ArrayList<>();
    byProvider.forEach(
        (provider, sums) ->
            providers.add(
                new ProviderTotals(
                    provider,
                    rowsByProvider.get(provider),
                    totals(sums, rowsByProviderCurrency.get(provider)))));
    return new IncrementalBillingIngest.KeptTable(
        table, start, end, rows, totals(all, rowsByCurrency), providers);
  }

  private static BigDecimal[] zeros() {
    return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
  }

  private static void add(BigDecimal[] sums, BigDecimal billed, BigDecimal effective) {
    sums[0] = sums[0].add(billed);
    sums[1] = sums[1].add(effective);
  }

  private static List<CurrencyTotals> totals(
      Map<String, BigDecimal[]> sums, Map<String, Long> rows) {
    List<CurrencyTotals> totals = new ArrayList<>();
    sums.forEach(
        (currency, s) ->
            totals.add(
                new CurrencyTotals(
                    currency,
                    rows.get(currency),
                    CurrencyTotals.exact(s[0]),
                    CurrencyTotals.exact(s[1]))));
    return totals;
  }
}
