package io.fleetcost.savings;

import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.lever.MigLever;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which members of a MIG pool stay packed and which leave it for right-sizing, by the pool's total
 * saving: Σ MIG savings of the packed members + Σ right-size savings of the others. Starting from
 * the whole pool packed, each round the member whose move to right-sizing raises the total most (by
 * more than a cent over the best so far, weighing the members in resource id order) leaves, until
 * no move raises it.
 *
 * <p>Nothing is packed to weigh a move. The GPUs the rest of the pool needs follow from its
 * workloads per profile ({@link MigLever#gpusNeeded}); the GPUs used are the first ones in packing
 * order, so the GPUs freed are the last ones, and their savings are running sums over the members
 * in packing order (exact decimals). Members with the same number of GPUs and the same workloads
 * per profile form a class: their moves leave the same GPUs needed, and differ only by their own
 * savings and by whether they stand before the GPUs the rest needs (then the pool loses the GPUs
 * after them) or among the freed ones (then it loses their own). So a round weighs each class once
 * and finds the move in a search tree per class: O(classes × (profiles² + log members)) a round,
 * however many members a class has. The pool is packed once, at the end. A round moves one member,
 * so there are as many rounds as members that leave, plus one; the classes are bounded by the
 * catalog (GPUs per instance × profiles per table) and are a few dozen in a large cluster, while a
 * pool whose every candidate differs from the others weighs each of them every round — still
 * without packing.
 */
final class MigPoolSearch {
  static final BigDecimal MIN_IMPROVEMENT = new BigDecimal("0.01");

  /**
   * A member of a pool.
   *
   * @param gpuCount the GPUs its cost is shared over (more than it reports when the telemetry
   *     missed some)
   * @param rightsizeSaving what right-sizing saves it, or null when it has no right-size proposal
   *     (it stays packed)
   */
  record Member(
      BilledResource resource, BigDecimal cost, int gpuCount, BigDecimal rightsizeSaving) {}

  /**
   * The members that stay packed, the MIG proposals of their packing, and the pool's total saving.
   */
  record Outcome(List<Member> packed, Map<String, Proposal> proposals, BigDecimal total) {}

  private final List<Member> members;
  private final List<MigProfile> table;
  private final List<MigProfile> order;
  private final SavingsThresholds thresholds;
  private final LongAdder steps;
  private final int[][] workloads;
  private final int[] gpus;
  private final BigDecimal[] fullSaving;

  /** Members in packing order (more GPUs first, then by id), and each member's rank in it. */
  private final int[] byRank;

  private final int[] rank;
  private final IntRunningSums gpusByRank;
  private final DecimalRunningSums savingByRank;
  private final boolean[] packed;
  private final int[] poolWorkloads;
  private final List<MoveClass> classes = new ArrayList<>();
  private final MoveClass[] classOf;
  private int poolGpus;
  private int gpusUsed;
  private BigDecimal rightsized = BigDecimal.ZERO;

  private MigPoolSearch(
      List<Member> members, List<MigProfile> table, SavingsThresholds t, LongAdder steps) {
    requireResourceIdOrder(members);
    this.members = members;
    this.table = table;
    this.order = MigLever.packingOrder(table);
    this.thresholds = t;
    this.steps = steps;
    int count = members.size();
    workloads = new int[count][];
    gpus = new int[count];
    fullSaving = new BigDecimal[count];
    poolWorkloads = new int[order.size()];
    packed = new boolean[count];
    classOf = new MoveClass[count];
    for (int i = 0; i < count; i++) {
      Member member = members.get(i);
      workloads[i] = MigLever.workloadsPerProfile(member.resource(), table, order, t);
      gpus[i] = member.resource().gpus().size();
      fullSaving[i] = migSaving(i, gpus[i]);
      packed[i] = true;
      for (int p = 0; p < order.size(); p++) {
        poolWorkloads[p] += workloads[i][p];
      }
      poolGpus += gpus[i];
    }
    byRank = packingOrder(members, gpus);
    rank = new int[count];
    gpusByRank = new IntRunningSums(count);
    savingByRank = new DecimalRunningSums(count);
    for (int r = 0; r < count; r++) {
      rank[byRank[r]] = r;
      gpusByRank.add(r, gpus[byRank[r]]);
      savingByRank.add(r, fullSaving[byRank[r]]);
    }
    gpusUsed = MigLever.gpusNeeded(order, poolWorkloads);
    formMoveClasses();
  }

  private static void requireResourceIdOrder(List<Member> members) {
    for (int i = 1; i < members.size(); i++) {
      if (members
              .get(i - 1)
              .resource()
              .resourceId()
              .compareTo(members.get(i).resource().resourceId())
          >= 0) {
        throw new IllegalArgumentException("pool members must be in resource id order");
      }
    }
  }

  /** The members' indexes in packing order: more GPUs first, then by resource id. */
  private static int[] packingOrder(List<Member> members, int[] gpus) {
    Integer[] ranked = new Integer[members.size()];
    for (int i = 0; i < ranked.length; i++) {
      ranked[i] = i;
    }
    Arrays.sort(
        ranked,
        Comparator.comparingInt((Integer i) -> -gpus[i])
            .thenComparing(i -> members.get(i).resource().resourceId()));
    return Arrays.stream(ranked).mapToInt(Integer::intValue).toArray();
  }

  /** Groups the candidates (members with a right-size saving) by GPUs and workloads per profile. */
  private void formMoveClasses() {
    Map<String, List<Integer>> candidatesByClass = new LinkedHashMap<>();
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).rightsizeSaving() != null) {
        candidatesByClass
            .computeIfAbsent(gpus[i] + ":" + Arrays.toString(workloads[i]), k -> new ArrayList<>())
            .add(i);
      }
    }
    for (List<Integer> candidates : candidatesByClass.values()) {
      MoveClass moveClass =
          new MoveClass(candidates.stream().mapToInt(Integer::intValue).toArray());
      classes.add(moveClass);
      candidates.forEach(i -> classOf[i] = moveClass);
    }
  }

  /**
   * @param members the pool's members, in resource id order
   * @param steps counts the work: classes weighed, class trees searched, GPUs tried by the final
   *     packing
   */
  static Outcome search(
      String scope,
      List<Member> members,
      List<MigProfile> table,
      SavingsThresholds t,
      LongAdder steps) {
    MigPoolSearch search = new MigPoolSearch(members, table, t, steps);
    BigDecimal best = search.rightsized.add(search.freedSaving(search.gpusUsed));
    while (!search.classes.isEmpty()) {
      Map<String, Integer> neededWithout = new HashMap<>();
      for (MoveClass moveClass : search.classes) {
        moveClass.weigh(neededWithout);
      }
      // as a scan of the members in order would: a move is taken when it beats the best so far by
      // more than a cent
      int chosen = -1;
      BigDecimal chosenTotal = best;
      for (int from = 0; ; ) {
        BigDecimal threshold = chosenTotal.add(MIN_IMPROVEMENT);
        int next = -1;
        for (MoveClass moveClass : search.classes) {
          int found = moveClass.firstAbove(from, threshold);
          if (found >= 0 && (next < 0 || found < next)) {
            next = found;
          }
        }
        if (next < 0) {
          break;
        }
        chosen = next;
        chosenTotal = search.classOf[next].totalWithout(next);
        from = next + 1;
      }
      if (chosen < 0) {
        break;
      }
      search.remove(chosen);
      best = chosenTotal;
    }
    return search.outcome(scope, best);
  }

  /** The MIG savings of the GPUs at packing positions from {@code first} on, were they freed. */
  private BigDecimal freedSaving(int first) {
    if (first >= poolGpus) {
      return BigDecimal.ZERO;
    }
    int r = gpusByRank.rankAt(first);
    int member = byRank[r];
    int freed = gpusByRank.before(r) + gpus[member] - first;
    return migSaving(member, freed).add(savingByRank.from(r + 1));
  }

  /**
   * What MIG saves a member when {@code freed} of its GPUs are freed: the arithmetic of its
   * proposal.
   */
  private BigDecimal migSaving(int member, int freed) {
    if (freed == 0) {
      return BigDecimal.ZERO;
    }
    Member m = members.get(member);
    return m.cost().subtract(MigLever.projectedCost(m.cost(), m.gpuCount(), freed));
  }

  private void remove(int member) {
    packed[member] = false;
    rightsized = rightsized.add(members.get(member).rightsizeSaving());
    for (int p = 0; p < poolWorkloads.length; p++) {
      poolWorkloads[p] -= workloads[member][p];
    }
    poolGpus -= gpus[member];
    gpusByRank.add(rank[member], -gpus[member]);
    savingByRank.add(rank[member], fullSaving[member].negate());
    gpusUsed = MigLever.gpusNeeded(order, poolWorkloads);
    MoveClass moveClass = classOf[member];
    if (moveClass.remove(member)) {
      classes.remove(moveClass);
    }
  }

  private Outcome outcome(String scope, BigDecimal total) {
    List<Member> stay = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      if (packed[i]) {
        stay.add(members.get(i));
      }
    }
    if (stay.isEmpty()) {
      return new Outcome(stay, Map.of(), total);
    }
    List<BilledResource> pool = stay.stream().map(Member::resource).toList();
    Map<String, BigDecimal> costs = new LinkedHashMap<>();
    Map<String, Integer> gpuCounts = new LinkedHashMap<>();
    for (Member member : stay) {
      costs.put(member.resource().resourceId(), member.cost());
      gpuCounts.put(member.resource().resourceId(), member.gpuCount());
    }
    MigLever.Packing packing = MigLever.pack(pool, table, thresholds, steps);
    return new Outcome(stay, MigLever.proposals(scope, packing, pool, costs, gpuCounts), total);
  }

  /**
   * The candidates (members with a right-size proposal) of one class: same GPUs, same workloads per
   * profile. Among them, resource id order is packing order, so those standing before the GPUs the
   * rest of the pool needs come first.
   */
  private final class MoveClass {
    private final int[] candidates;
    private final int[] workloadsOfOne;
    private final int gpusOfOne;

    /**
     * Per candidate: its right-size saving, and that less its MIG saving when all its GPUs are
     * freed.
     */
    private final FirstAbove rightsizeSaving;

    private final FirstAbove rightsizeLessFreedSaving;
    private int left;

    /** Of this round: the candidates before {@code split} stand before the GPUs the rest needs. */
    private int split;

    private BigDecimal totalBeforeUsed;
    private BigDecimal totalAmongFreed;

    MoveClass(int[] candidates) {
      this.candidates = candidates;
      this.workloadsOfOne = workloads[candidates[0]];
      this.gpusOfOne = gpus[candidates[0]];
      this.left = candidates.length;
      BigDecimal[] saving = new BigDecimal[candidates.length];
      BigDecimal[] lessFreed = new BigDecimal[candidates.length];
      for (int j = 0; j < candidates.length; j++) {
        saving[j] = members.get(candidates[j]).rightsizeSaving();
        lessFreed[j] = saving[j].subtract(fullSaving[candidates[j]]);
      }
      rightsizeSaving = new FirstAbove(saving);
      rightsizeLessFreedSaving = new FirstAbove(lessFreed);
    }

    /**
     * Weighs the move of any one candidate: without it the rest needs {@code used} GPUs and frees
     * those from {@code used} on, in positions of the pool with it. A candidate that starts at or
     * before {@code used} only moves the freed GPUs' start to {@code used + its GPUs}; one that
     * starts after it is among the freed and takes its own GPUs' saving with it.
     */
    void weigh(Map<String, Integer> neededWithout) {
      steps.increment();
      int[] rest = poolWorkloads.clone();
      for (int p = 0; p < rest.length; p++) {
        rest[p] -= workloadsOfOne[p];
      }
      int used =
          neededWithout.computeIfAbsent(
              Arrays.toString(rest), k -> MigLever.gpusNeeded(order, rest));
      totalBeforeUsed = rightsized.add(freedSaving(used + gpusOfOne));
      totalAmongFreed = rightsized.add(freedSaving(used));
      int lastBefore = used >= poolGpus ? Integer.MAX_VALUE : gpusByRank.rankAt(used);
      int low = 0;
      int high = candidates.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (rank[candidates[mid]] <= lastBefore) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      split = low;
    }

    /**
     * The first candidate from member {@code from} on whose move brings the total above the
     * threshold, or -1.
     */
    int firstAbove(int from, BigDecimal threshold) {
      steps.increment();
      int start = Arrays.binarySearch(candidates, from);
      start = start >= 0 ? start : -start - 1;
      int found = rightsizeSaving.first(start, split, threshold.subtract(totalBeforeUsed));
      if (found < 0) {
        found =
            rightsizeLessFreedSaving.first(
                Math.max(start, split), candidates.length, threshold.subtract(totalAmongFreed));
      }
      return found < 0 ? -1 : candidates[found];
    }

    /** The pool's total saving once the member, a candidate of this class, leaves it. */
    BigDecimal totalWithout(int member) {
      int j = Arrays.binarySearch(candidates, member);
      return j < split
          ? totalBeforeUsed.add(rightsizeSaving.value(j))
          : totalAmongFreed.add(rightsizeLessFreedSaving.value(j));
    }

    /** Takes the member out; true when none is left. */
    boolean remove(int member) {
      int j = Arrays.binarySearch(candidates, member);
      rightsizeSaving.clear(j);
      rightsizeLessFreedSaving.clear(j);
      return --left == 0;
    }
  }
}
