package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.model.CostColumns;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * What realized-savings tracking takes as a resource's monthly cost now: its instance rows over the
 * last 24 hours its provider's bill covers in the window, × 730 ÷ 24 ({@link CurrentMonthlyCost}).
 */
class CurrentMonthlyCostTest {
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-11-15T00:00:00Z");
  private static final StructType SCHEMA =
      new StructType()
          .add(CostColumns.PROVIDER_NAME, DataTypes.StringType)
          .add(CostColumns.BILLING_CURRENCY, DataTypes.StringType)
          .add(CostColumns.CHARGE_PERIOD_START, DataTypes.TimestampType)
          .add(CostColumns.CHARGE_PERIOD_END, DataTypes.TimestampType)
          .add(CostColumns.RESOURCE_ID, DataTypes.StringType)
          .add(CostColumns.INSTANCE_TYPE, DataTypes.StringType)
          .add(CostColumns.EFFECTIVE_COST, DataTypes.createDecimalType(38, 18));

  private final List<Row> rows = new ArrayList<>();

  /** One row an hour from {@code from} (inclusive) to {@code to} (exclusive). */
  private void hourly(
      String provider, String resource, String type, String from, String to, String cost) {
    for (Instant h = Instant.parse(from); h.isBefore(Instant.parse(to)); h = h.plusSeconds(3600)) {
      rows.add(row(provider, "USD", h, h.plusSeconds(3600), resource, type, cost));
    }
  }

  private static Row row(
      String provider,
      String currency,
      Instant start,
      Instant end,
      String resource,
      String type,
      String cost) {
    return RowFactory.create(
        provider,
        currency,
        Timestamp.from(start),
        Timestamp.from(end),
        resource,
        type,
        new BigDecimal(cost));
  }

  private Map<String, BigDecimal> costs(List<String> ids) {
    Dataset<Row> normalized = SharedSpark.session().createDataFrame(rows, SCHEMA);
    return CurrentMonthlyCost.monthlyCostUsd(
        normalized, START, END, ids, Map.of("EUR", new BigDecimal("1.08")));
  }

  @Test
  void aResourceMovedToSpotCostsItsSpotRateAndADeletedOneNothing() {
    // AWS bills to 14 Nov 24:00. i-moved: 4.00/h on demand until 12 Nov, then 1.20/h on spot: now
    // 1.20 × 730 = 876.00
    hourly("AWS", "i-moved", "g5.12xlarge", "2026-11-01T00:00:00Z", "2026-11-12T00:00:00Z", "4.00");
    hourly("AWS", "i-moved", "g5.12xlarge", "2026-11-12T00:00:00Z", "2026-11-15T00:00:00Z", "1.20");
    // i-gone: deleted on 10 Nov: nothing in the last 24 hours, so absent (cost 0)
    hourly("AWS", "i-gone", "g4dn.xlarge", "2026-11-01T00:00:00Z", "2026-11-10T00:00:00Z", "0.526");
    // i-half: stopped at 14 Nov 12:00: 12 of the last 24 hours at 2.00: 24.00 ÷ 24 × 730 = 730.00
    hourly("AWS", "i-half", "g5.xlarge", "2026-11-01T00:00:00Z", "2026-11-14T12:00:00Z", "2.00");
    // its disk has no instance type: not counted
    hourly("AWS", "i-half", null, "2026-11-14T00:00:00Z", "2026-11-15T00:00:00Z", "5.00");

    Map<String, BigDecimal> costs = costs(List.of("i-moved", "i-gone", "i-half"));

    assertThat(costs.get("i-moved")).isEqualByComparingTo("876.00");
    assertThat(costs).doesNotContainKey("i-gone");
    assertThat(costs.get("i-half")).isEqualByComparingTo("730.00");
  }

  @Test
  void eachProviderIsReadAtTheEndOfItsOwnBillAndLongRowsCountProRata() {
    // Azure's export ends on 13 Nov 24:00 (a day behind): its last day is 13 Nov, one daily row of
    // 24 h × 3.673
    for (int day = 1; day <= 13; day++) {
      Instant start = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(86_400L * (day - 1));
      rows.add(
          row(
              "Microsoft",
              "EUR",
              start,
              start.plusSeconds(86_400),
              "vm-a",
              "Standard_NC24ads_A100_v4",
              "88.152"));
    }
    // the other provider's bill ends later; it must not move Azure's span
    hourly("AWS", "i-x", "g5.xlarge", "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z", "1.00");
    // a monthly row of 30 days (720 h) for GCP: 720.00 over 720 h, of which the last 24 count:
    // 24.00
    rows.add(
        row(
            "Google Cloud",
            "USD",
            Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"),
            "vm-g",
            "a2-highgpu-1g",
            "720.00"));

    Map<String, BigDecimal> costs = costs(List.of("vm-a", "vm-g", "i-x"));

    // 88.152 EUR × 1.08 = 95.20416 USD a day; ÷ 24 × 730 = 2,895.79 USD a month
    assertThat(costs.get("vm-a")).isEqualByComparingTo("2895.7932");
    // GCP's bill in the window ends at the window's end (15 Nov): 720.00 × 24 ÷ 720 = 24.00 in the
    // span; × 730 ÷ 24
    assertThat(costs.get("vm-g")).isEqualByComparingTo("730.00");
    assertThat(costs.get("i-x")).isEqualByComparingTo("730.00");
  }
}
