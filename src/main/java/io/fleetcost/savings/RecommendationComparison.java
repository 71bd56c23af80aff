package io.fleetcost.savings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Puts a cloud's recommendations beside FleetCost's opportunities, resource by resource, and says
 * where they agree:
 *
 * <ul>
 *   <li>{@value #AGREE}: both would act on the resource the same way: the cloud terminates an
 *       instance FleetCost finds idle (or a zombie), or resizes one FleetCost would rightsize;
 *   <li>{@value #DIFFER}: both would act, differently (the cloud resizes a GPU instance FleetCost
 *       finds idle, or FleetCost proposes spot or MIG where the cloud resizes);
 *   <li>{@value #CLOUD_ONLY}: only the cloud recommends something (FleetCost may lack telemetry for
 *       it, or see its GPUs busy: Cost Explorer sees CPU, memory and network, not GPU utilization);
 *   <li>{@value #FLEETCOST_ONLY}: only FleetCost, for a resource of the cloud whose recommendations
 *       were imported.
 * </ul>
 */
public final class RecommendationComparison {
  public static final String AGREE = "agree";
  public static final String DIFFER = "differ";
  public static final String CLOUD_ONLY = "cloud only";
  public static final String FLEETCOST_ONLY = "fleetcost only";

  private RecommendationComparison() {}

  /**
   * One resource.
   *
   * @param levers FleetCost's levers on the resource, in the engine's order; empty when none
   * @param fleetcostMonthlySaving the sum of FleetCost's opportunities on it, in its currency; null
   *     when none
   * @param external the cloud's recommendation; null when none
   */
  public record Row(
      String resourceId,
      String provider,
      String verdict,
      List<String> levers,
      BigDecimal fleetcostMonthlySaving,
      String fleetcostCurrency,
      ExternalRecommendation external,
      String detail) {
    public Row {
      levers = List.copyOf(levers);
    }
  }

  /**
   * @param provider the provider whose resources the recommendations cover ({@code AWS}):
   *     FleetCost's opportunities on other providers' resources are left out
   */
  public static List<Row> compare(
      List<Opportunity> opportunities,
      List<ExternalRecommendation> recommendations,
      String provider) {
    Map<String, List<Opportunity>> ours = new TreeMap<>();
    for (Opportunity opportunity : opportunities) {
      if (provider.equalsIgnoreCase(String.valueOf(opportunity.provider()))
          && opportunity.resourceId() != null) {
        ours.computeIfAbsent(opportunity.resourceId(), id -> new ArrayList<>()).add(opportunity);
      }
    }
    Map<String, ExternalRecommendation> theirs = new LinkedHashMap<>();
    for (ExternalRecommendation recommendation : recommendations) {
      theirs.putIfAbsent(recommendation.resourceId(), recommendation);
    }
    Set<String> resources = new java.util.TreeSet<>(ours.keySet());
    resources.addAll(theirs.keySet());
    List<Row> rows = new ArrayList<>();
    for (String resource : resources) {
      List<Opportunity> mine = new ArrayList<>(ours.getOrDefault(resource, List.of()));
      mine.sort(Comparator.comparing(Opportunity::lever));
      ExternalRecommendation external = theirs.get(resource);
      List<String> levers = mine.stream().map(o -> o.lever().cliName()).toList();
      BigDecimal saving =
          mine.isEmpty()
              ? null
              : mine.stream()
                  .map(Opportunity::monthlySaving)
                  .reduce(BigDecimal.ZERO, BigDecimal::add);
      String currency = mine.isEmpty() ? null : mine.get(0).currency();
      String verdict;
      String detail;
      if (external == null) {
        verdict = FLEETCOST_ONLY;
        detail = "FleetCost: " + actions(mine) + "; the cloud recommends nothing";
      } else if (mine.isEmpty()) {
        verdict = CLOUD_ONLY;
        detail = "the cloud: " + describe(external) + "; FleetCost proposes nothing";
      } else {
        boolean agree = agrees(mine, external);
        verdict = agree ? AGREE : DIFFER;
        detail = "the cloud: " + describe(external) + "; FleetCost: " + actions(mine);
      }
      rows.add(new Row(resource, provider, verdict, levers, saving, currency, external, detail));
    }
    return rows;
  }

  /** How many resources each verdict has. */
  public static Map<String, Long> counts(List<Row> rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String verdict : List.of(AGREE, DIFFER, CLOUD_ONLY, FLEETCOST_ONLY)) {
      counts.put(verdict, rows.stream().filter(r -> r.verdict().equals(verdict)).count());
    }
    return counts;
  }

  private static boolean agrees(List<Opportunity> mine, ExternalRecommendation external) {
    Lever first = mine.get(0).lever();
    if (ExternalRecommendation.TERMINATE.equalsIgnoreCase(external.action())) {
      return first == Lever.IDLE || first == Lever.ZOMBIE;
    }
    if (ExternalRecommendation.MODIFY.equalsIgnoreCase(external.action())) {
      return first == Lever.RIGHTSIZE;
    }
    return false;
  }

  private static String describe(ExternalRecommendation external) {
    String action = String.valueOf(external.action()).toUpperCase(Locale.ROOT);
    return switch (action) {
      case ExternalRecommendation.TERMINATE -> "terminate " + external.instanceType();
      case ExternalRecommendation.MODIFY ->
          "resize " + external.instanceType() + " to " + external.targetInstanceType();
      default -> action.toLowerCase(Locale.ROOT) + " " + external.instanceType();
    };
  }

  private static String actions(List<Opportunity> mine) {
    return mine.stream().map(o -> o.lever().cliName()).collect(Collectors.joining(" then "));
  }
}
