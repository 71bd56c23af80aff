package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.Arrays;

/** Running sums of exact decimals over ranks (a Fenwick tree). */
final class DecimalRunningSums {
  private final BigDecimal[] tree;
  private BigDecimal total = BigDecimal.ZERO;

  DecimalRunningSums(int size) {
    tree = new BigDecimal[size + 1];
    Arrays.fill(tree, BigDecimal.ZERO);
  }

  void add(int rank, BigDecimal value) {
    total = total.add(value);
    for (int i = rank + 1; i < tree.length; i += i & -i) {
      tree[i] = tree[i].add(value);
    }
  }

  /** The sum over the ranks from {@code rank} on. */
  BigDecimal from(int rank) {
    BigDecimal before = BigDecimal.ZERO;
    for (int i = rank; i > 0; i -= i & -i) {
      before = before.add(tree[i]);
    }
    return total.subtract(before);
  }
}
