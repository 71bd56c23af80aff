package io.fleetcost.savings;

/** Running sums of ints over ranks (a Fenwick tree), and the rank that holds a position. */
final class IntRunningSums {
  private final int[] tree;

  IntRunningSums(int size) {
    tree = new int[size + 1];
  }

  void add(int rank, int value) {
    for (int i = rank + 1; i < tree.length; i += i & -i) {
      tree[i] += value;
    }
  }

  /** The sum over the ranks before {@code rank}. */
  int before(int rank) {
    int sum = 0;
    for (int i = rank; i > 0; i -= i & -i) {
      sum += tree[i];
    }
    return sum;
  }

  /** The rank whose values span {@code position}: the first rank whose running sum exceeds it. */
  int rankAt(int position) {
    int index = 0;
    int remaining = position;
    for (int step = Integer.highestOneBit(Math.max(1, tree.length - 1)); step > 0; step >>= 1) {
      int next = index + step;
      if (next < tree.length && tree[next] <= remaining) {
        index = next;
        remaining -= tree[next];
      }
    }
    return index;
  }
}
