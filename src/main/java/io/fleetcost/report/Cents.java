package io.fleetcost.report;

import io.fleetcost.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rounding to cents for display that keeps a column's sum: rows rounded one by one can miss their
 * rounded total by a cent or more, so the rows are apportioned by largest remainder (each row
 * floored to the cent, the cents missing to the half-even rounded total go to the rows with the
 * largest remainders, earlier rows first on ties).
 */
final class Cents {
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private Cents() {}

  /** Cent amounts, one per value, that sum exactly to {@code Money.cents(Σ values)}. */
  static List<BigDecimal> apportion(List<BigDecimal> values) {
    BigDecimal total = Money.cents(values.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    List<BigDecimal> floors = new ArrayList<>();
    for (BigDecimal value : values) {
      floors.add(value.setScale(2, RoundingMode.FLOOR));
    }
    BigDecimal floored = floors.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    int missingCents = total.subtract(floored).divide(CENT).intValueExact();
    List<Integer> byRemainder =
        IntStream.range(0, values.size())
            .boxed()
            .sorted(
                Comparator.comparing((Integer i) -> values.get(i).subtract(floors.get(i)))
                    .reversed())
            .toList();
    for (int i = 0; i < missingCents; i++) {
      int row = byRemainder.get(i);
      floors.set(row, floors.get(row).add(CENT));
    }
    return floors;
  }
}
