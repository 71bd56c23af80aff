package io.fleetcost.report;

import io.fleetcost.history.OpportunityRow;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.MigPlacement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The MIG plans section: one plan per group of MIG opportunities that share it, read from the
 * opportunities' plans.
 */
final class MigPlansSection {
  private MigPlansSection() {}

  static List<MigPlan> of(List<OpportunityRow> rows) {
    Map<Object, List<OpportunityRow>> byPlan = new LinkedHashMap<>();
    rows.stream()
        .filter(row -> SavingsSections.lever(row.lever()).filter(Lever.MIG::equals).isPresent())
        .sorted(Comparator.comparingInt(OpportunityRow::rank))
        .forEach(
            row -> {
              // an empty plan is the opportunity's own; a non-empty one is shared by its pool's
              // opportunities
              Object key = row.plan().isEmpty() ? "#" + row.rank() : row.plan();
              byPlan.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            });
    List<MigPlan> plans = new ArrayList<>();
    byPlan.values().forEach(group -> plans.add(migPlan(group)));
    return plans;
  }

  private static MigPlan migPlan(List<OpportunityRow> group) {
    OpportunityRow first = group.get(0);
    Map<String, Set<String>> gpus = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> slices = new LinkedHashMap<>();
    for (MigPlacement placement : first.plan()) {
      String resource = ReportText.shortResource(orEmpty(placement.resourceId()));
      gpus.computeIfAbsent(resource, k -> new LinkedHashSet<>()).add(orEmpty(placement.gpuKey()));
      slices
          .computeIfAbsent(resource, k -> new LinkedHashMap<>())
          .merge(orEmpty(placement.profile()), 1, Integer::sum);
    }
    List<PlanTarget> targets = new ArrayList<>();
    for (Map.Entry<String, Map<String, Integer>> target : slices.entrySet()) {
      List<String> parts = new ArrayList<>();
      target.getValue().forEach((profile, count) -> parts.add(count + " × " + profile));
      targets.add(
          new PlanTarget(
              target.getKey(),
              gpus.get(target.getKey()).size(),
              String.join(", ", parts),
              target.getValue().values().stream().mapToInt(Integer::intValue).sum()));
    }
    BigDecimal saving =
        group.stream()
            .map(OpportunityRow::monthlySavingUsd)
            .filter(Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new MigPlan(
        group.stream().map(OpportunityRow::rank).toList(),
        group.stream().map(SavingsSections::resource).map(ReportText::shortResource).toList(),
        first.gpuModel(),
        saving,
        targets,
        first.plan().size());
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
