package io.fleetcost.billing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.billing.SparkCasts;
import io.fleetcost.billing.aws.CurCsvCosts.CommitmentAmounts;
import java.math.BigDecimal;
import org.apache.spark.sql.types.Decimal;
import org.junit.jupiter.api.Test;

/**
 * {@link CurCsvCosts#effectiveCost}; {@code CurCsvMappingTest} compares it with the expressions.
 */
class CurCsvCostsTest {
  private static final Decimal BILLED = SparkCasts.decimal("7.5");

  private static CommitmentAmounts amounts(String spTotal, String spUsed) {
    return new CommitmentAmounts(
        SparkCasts.decimal("3"),
        SparkCasts.decimal(spTotal),
        SparkCasts.decimal(spUsed),
        SparkCasts.decimal("2"),
        null,
        SparkCasts.decimal("1.25"));
  }

  private static BigDecimal effective(String type, boolean reservationArn) {
    Decimal cost =
        CurCsvCosts.effectiveCost(
            type, amounts("10.000000000000000005", "4"), BILLED, reservationArn);
    return cost.toJavaBigDecimal();
  }

  @Test
  void aSumOrDifferenceIsRoundedAsSparkRoundsItTo17Places() {
    assertThat(effective(AwsLineItemTypes.SAVINGS_PLAN_RECURRING_FEE, false))
        .isEqualTo(new BigDecimal("6.000000000000000010"));
    assertThat(effective(AwsLineItemTypes.RI_FEE, false))
        .isEqualTo(new BigDecimal("1.250000000000000000"));
  }

  @Test
  void eachLineItemTypeTakesItsAmount() {
    assertThat(effective(AwsLineItemTypes.SAVINGS_PLAN_COVERED_USAGE, false))
        .isEqualByComparingTo("3");
    assertThat(effective(AwsLineItemTypes.DISCOUNTED_USAGE, false)).isEqualByComparingTo("2");
    assertThat(effective(AwsLineItemTypes.SAVINGS_PLAN_NEGATION, false)).isEqualByComparingTo("0");
    assertThat(effective(AwsLineItemTypes.FEE, true)).isEqualByComparingTo("0");
    assertThat(effective(AwsLineItemTypes.FEE, false)).isEqualByComparingTo("7.5");
    assertThat(effective(AwsLineItemTypes.USAGE, false)).isEqualByComparingTo("7.5");
    assertThat(effective(null, false)).isEqualByComparingTo("7.5");
  }
}
