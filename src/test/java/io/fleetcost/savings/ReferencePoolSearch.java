package io.fleetcost.savings;

import io.fleetcost.catalog.MigProfile;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.MigPoolSearch.Member;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool search computed the plain way, every move weighed by packing the rest of the pool again
 * with {@link ReferenceMigLever} and adding up the savings member by member: the reference the
 * tests compare {@link MigPoolSearch} with.
 */
final class ReferencePoolSearch {
  private ReferencePoolSearch() {}

  /**
   * The search as {@code SavingsEngine.bestPoolPlan} did it before issue 10 (commit ce40d56): each
   * round, every move weighed by packing the rest again, and the one that raises the total most (by
   * more than a cent over the best so far, in member order) made.
   */
  static MigPoolSearch.Outcome search(
      String scope,
      List<Member> members,
      List<MigProfile> table,
      SavingsThresholds t,
      LongAdder steps) {
    List<Member> packed = new ArrayList<>(members);
    Map<String, Proposal> plan = packOrNothing(scope, packed, table, t);
    BigDecimal best = poolSaving(members, packed, plan);
    for (int round = 0; round < 10 * members.size() && !packed.isEmpty(); round++) {
      Member bestMove = null;
      Map<String, Proposal> bestPlan = null;
      BigDecimal bestTotal = best;
      for (Member candidate : packed) {
        if (candidate.rightsizeSaving() == null) {
          continue;
        }
        List<Member> rest = new ArrayList<>(packed);
        rest.remove(candidate);
        steps.increment();
        Map<String, Proposal> restPlan = packOrNothing(scope, rest, table, t);
        BigDecimal total = poolSaving(members, rest, restPlan);
        if (total.compareTo(bestTotal.add(MigPoolSearch.MIN_IMPROVEMENT)) > 0) {
          bestTotal = total;
          bestMove = candidate;
          bestPlan = restPlan;
        }
      }
      if (bestMove == null) {
        break;
      }
      packed.remove(bestMove);
      plan = bestPlan;
      best = bestTotal;
    }
    return new MigPoolSearch.Outcome(packed, plan, best);
  }

  /**
   * Σ MIG savings of the packed members + Σ right-size savings of the members that left the pool.
   */
  private static BigDecimal poolSaving(
      List<Member> members, List<Member> packed, Map<String, Proposal> plan) {
    BigDecimal total = BigDecimal.ZERO;
    for (Member member : members) {
      if (packed.contains(member)) {
        Proposal proposal = plan.get(member.resource().resourceId());
        total =
            total.add(
                proposal == null
                    ? BigDecimal.ZERO
                    : member.cost().subtract(proposal.projectedCost()));
      } else {
        total = total.add(member.rightsizeSaving());
      }
    }
    return total;
  }

  private static Map<String, Proposal> packOrNothing(
      String scope, List<Member> members, List<MigProfile> table, SavingsThresholds t) {
    if (members.isEmpty()) {
      return Map.of();
    }
    Map<String, BigDecimal> costs = new LinkedHashMap<>();
    Map<String, Integer> gpuCounts = new LinkedHashMap<>();
    for (Member member : members) {
      costs.put(member.resource().resourceId(), member.cost());
      gpuCounts.put(member.resource().resourceId(), member.gpuCount());
    }
    return ReferenceMigLever.propose(
        scope, members.stream().map(Member::resource).toList(), costs, gpuCounts, table, t);
  }
}
