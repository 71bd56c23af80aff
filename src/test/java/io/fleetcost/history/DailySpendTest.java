package io.fleetcost.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.model.CostColumns;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The bill's spend per usage day ({@link DailySpend}): the days up to the date, the team from the
 * first owner tag a row carries, and the USD cost where the currency has a rate.
 */
class DailySpendTest {
  private static final StructType SCHEMA =
      new StructType()
          .add(CostColumns.CHARGE_PERIOD_START, DataTypes.TimestampType)
          .add(CostColumns.PROVIDER_NAME, DataTypes.StringType)
          .add(CostColumns.BILLING_ACCOUNT_ID, DataTypes.StringType)
          .add(CostColumns.SUB_ACCOUNT_ID, DataTypes.StringType)
          .add(CostColumns.SERVICE_NAME, DataTypes.StringType)
          .add(CostColumns.BILLING_CURRENCY, DataTypes.StringType)
          .add(CostColumns.BILLED_COST, DataTypes.createDecimalType(38, 18))
          .add(CostColumns.EFFECTIVE_COST, DataTypes.createDecimalType(38, 18))
          .add(
              CostColumns.TAGS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

  private final List<Row> rows = new ArrayList<>();

  private void row(
      String day, String provider, String currency, String cost, Map<String, String> tags) {
    rows.add(
        RowFactory.create(
            Timestamp.from(Instant.parse(day + "T05:00:00Z")),
            provider,
            "billing-1",
            "account-1",
            "Compute",
            currency,
            new BigDecimal(cost),
            new BigDecimal(cost),
            tags));
  }

  /** Each group's team, currency, effective cost and USD cost by usage day and provider. */
  private Map<String, Row> spend(LocalDate upTo) {
    Map<String, Row> byGroup = new HashMap<>();
    for (Row row :
        DailySpend.upTo(
                SharedSpark.session().createDataFrame(rows, SCHEMA),
                upTo,
                List.of("owner", "team"),
                Map.of("EUR", new BigDecimal("1.10")))
            .collectAsList()) {
      byGroup.put(
          row.getAs("usage_date").toString()
              + " "
              + row.getAs("provider")
              + " "
              + row.getAs("team")
              + " "
              + row.getAs("currency"),
          row);
    }
    return byGroup;
  }

  @Test
  void eachDayUpToTheDateIsSummedByTeamWithItsCostInUsd() {
    // the first owner tag wins, its key matched ignoring case and separators; a blank one is
    // skipped
    row("2026-11-01", "AWS", "USD", "2.00", Map.of("Owner", "ml", "team", "platform"));
    row("2026-11-01", "AWS", "USD", "3.00", Map.of("OWNER", "ml"));
    row("2026-11-01", "AWS", "USD", "1.00", Map.of("owner", " ", "Team", "platform"));
    row("2026-11-01", "AWS", "USD", "4.00", null);
    row("2026-11-02", null, "EUR", "10.00", Map.of("team", "data"));
    row("2026-11-02", "GCP", "CHF", "5.00", Map.of());
    row("2026-11-03", "AWS", "USD", "7.00", Map.of("owner", "ml"));

    Map<String, Row> spend = spend(LocalDate.parse("2026-11-02"));

    assertThat(spend)
        .containsOnlyKeys(
            "2026-11-01 AWS ml USD",
            "2026-11-01 AWS platform USD",
            "2026-11-01 AWS (untagged) USD",
            "2026-11-02 (none) data EUR",
            "2026-11-02 GCP (untagged) CHF");
    Row ml = spend.get("2026-11-01 AWS ml USD");
    assertThat(ml.<BigDecimal>getAs("effective_cost")).isEqualByComparingTo("5.00");
    assertThat(ml.<Long>getAs("row_count")).isEqualTo(2L);
    assertThat(ml.<BigDecimal>getAs("effective_cost_usd")).isEqualByComparingTo("5.00");
    assertThat(spend.get("2026-11-02 (none) data EUR").<BigDecimal>getAs("effective_cost_usd"))
        .isEqualByComparingTo("11.00");
    assertThat(spend.get("2026-11-02 GCP (untagged) CHF").<Object>getAs("effective_cost_usd"))
        .isNull();
  }
}
