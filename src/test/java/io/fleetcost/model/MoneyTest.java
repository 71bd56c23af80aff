package io.fleetcost.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {
  @Test
  void aTieGoesToTheEvenCentInBothDirections() {
    // x.xx5 exactly: down when the cent is even, up when it is odd
    assertThat(Money.cents(new BigDecimal("0.125"))).isEqualTo(new BigDecimal("0.12"));
    assertThat(Money.cents(new BigDecimal("0.135"))).isEqualTo(new BigDecimal("0.14"));
    assertThat(Money.cents(new BigDecimal("2.005"))).isEqualTo(new BigDecimal("2.00"));
    assertThat(Money.cents(new BigDecimal("2.015"))).isEqualTo(new BigDecimal("2.02"));
    // the same for amounts below zero (a credit): the even cent, away from zero or towards it
    assertThat(Money.cents(new BigDecimal("-0.125"))).isEqualTo(new BigDecimal("-0.12"));
    assertThat(Money.cents(new BigDecimal("-0.135"))).isEqualTo(new BigDecimal("-0.14"));
  }

  @Test
  void anythingOffTheTieGoesToTheNearestCent() {
    assertThat(Money.cents(new BigDecimal("0.1250000001"))).isEqualTo(new BigDecimal("0.13"));
    assertThat(Money.cents(new BigDecimal("0.1349999999"))).isEqualTo(new BigDecimal("0.13"));
    assertThat(Money.cents(new BigDecimal("734.375"))).isEqualTo(new BigDecimal("734.38"));
    // whole amounts and fewer decimals are padded to two
    assertThat(Money.cents(new BigDecimal("876"))).isEqualTo(new BigDecimal("876.00"));
    assertThat(Money.cents(new BigDecimal("35.1"))).isEqualTo(new BigDecimal("35.10"));
  }

  @Test
  void theMonthlyRunRateIsTheCostOverItsHoursTimes730() {
    // 241.44 × 730 ÷ 240 = 176,251.2 ÷ 240 = 734.38
    assertThat(Money.monthlyRunRate(new BigDecimal("241.44"), BigDecimal.valueOf(240)))
        .isEqualByComparingTo("734.38");
    // 25.248 over 48 hours: 0.526 an hour, × 730 = 383.98
    assertThat(Money.monthlyRunRate(new BigDecimal("25.248"), BigDecimal.valueOf(48)))
        .isEqualByComparingTo("383.98");
    // 730 hours is a month: the cost itself
    assertThat(Money.monthlyRunRate(new BigDecimal("12.34"), BigDecimal.valueOf(730)))
        .isEqualByComparingTo("12.34");
  }

  @Test
  void aRunRateThatDoesNotEndIsKeptTo34Digits() {
    // 1 × 730 ÷ 3 = 243.333…: 34 significant digits (DECIMAL128), the last rounded half-even
    assertThat(Money.monthlyRunRate(BigDecimal.ONE, BigDecimal.valueOf(3)))
        .isEqualTo(new BigDecimal("243.3333333333333333333333333333333"));
    // 2 × 730 ÷ 3 = 486.666…: the 34th digit rounds up
    assertThat(Money.monthlyRunRate(BigDecimal.valueOf(2), BigDecimal.valueOf(3)))
        .isEqualTo(new BigDecimal("486.6666666666666666666666666666667"));
  }

  @Test
  void noBilledHoursIsNoRate() {
    assertThat(Money.monthlyRunRate(new BigDecimal("10"), BigDecimal.ZERO))
        .isEqualTo(BigDecimal.ZERO);
    assertThat(Money.monthlyRunRate(new BigDecimal("10"), BigDecimal.valueOf(-1.5)))
        .isEqualTo(BigDecimal.ZERO);
  }

  @Test
  void usdCentsConvertExactlyThenRound() {
    // 12.34 EUR × 1.08 = 13.3272 → 13.33
    assertThat(Money.usdCents(new BigDecimal("12.34"), new BigDecimal("1.08")))
        .isEqualTo(new BigDecimal("13.33"));
    // ties after conversion, both directions: 10.25 × 1.1 = 11.275 → 11.28;
    // 10.35 × 1.1 = 11.385 → 11.38
    assertThat(Money.usdCents(new BigDecimal("10.25"), new BigDecimal("1.1")))
        .isEqualTo(new BigDecimal("11.28"));
    assertThat(Money.usdCents(new BigDecimal("10.35"), new BigDecimal("1.1")))
        .isEqualTo(new BigDecimal("11.38"));
    // USD itself: a rate of 1
    assertThat(Money.usdCents(new BigDecimal("0.005"), BigDecimal.ONE))
        .isEqualTo(new BigDecimal("0.00"));
  }
}
