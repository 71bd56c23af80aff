package io.fleetcost.savings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The pool search's Fenwick trees: sums over ranks, and the rank that holds a GPU position. */
class RunningSumsTest {
  @Test
  void intSumsGiveTheSumBeforeARankAndTheRankThatHoldsAPosition() {
    IntRunningSums sums = new IntRunningSums(3);
    sums.add(0, 2);
    sums.add(1, 3);
    sums.add(2, 1);

    assertThat(sums.before(0)).isZero();
    assertThat(sums.before(2)).isEqualTo(5);
    assertThat(sums.rankAt(0)).isZero();
    assertThat(sums.rankAt(1)).isZero();
    assertThat(sums.rankAt(2)).isEqualTo(1);
    assertThat(sums.rankAt(4)).isEqualTo(1);
    assertThat(sums.rankAt(5)).isEqualTo(2);

    sums.add(1, -3); // the member of rank 1 leaves: its GPUs' positions go to the next rank
    assertThat(sums.rankAt(2)).isEqualTo(2);
    assertThat(sums.before(2)).isEqualTo(2);
  }

  @Test
  void decimalSumsGiveTheExactSumFromARankOn() {
    DecimalRunningSums sums = new DecimalRunningSums(3);
    sums.add(0, new BigDecimal("1.10"));
    sums.add(1, new BigDecimal("2.20"));
    sums.add(2, new BigDecimal("3.30"));

    assertThat(sums.from(0)).isEqualTo(new BigDecimal("6.60"));
    assertThat(sums.from(1)).isEqualTo(new BigDecimal("5.50"));
    assertThat(sums.from(3)).isEqualByComparingTo(BigDecimal.ZERO);

    sums.add(1, new BigDecimal("-2.20"));
    assertThat(sums.from(1)).isEqualTo(new BigDecimal("3.30"));
  }

  @Test
  void firstAboveFindsTheFirstValueAboveAThresholdInARange() {
    FirstAbove values =
        new FirstAbove(
            new BigDecimal[] {BigDecimal.ONE, null, new BigDecimal("5"), new BigDecimal("3")});

    assertThat(values.first(0, 4, new BigDecimal("2"))).isEqualTo(2);
    assertThat(values.first(3, 4, new BigDecimal("2"))).isEqualTo(3);
    assertThat(values.first(0, 2, BigDecimal.ZERO)).isZero();
    assertThat(values.first(0, 4, new BigDecimal("5"))).isEqualTo(-1); // above, not equal
    assertThat(values.first(2, 2, BigDecimal.ZERO)).isEqualTo(-1);

    values.clear(2);
    assertThat(values.first(0, 4, new BigDecimal("2"))).isEqualTo(3);
    assertThat(values.value(2)).isNull();
    assertThat(values.value(0)).isEqualTo(BigDecimal.ONE);
  }
}
