package io.fleetcost.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.savings.Lever;
import io.fleetcost.summary.SummaryJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MIG plans section: one plan per group of MIG opportunities that share it, read from the
 * opportunities' plan JSON.
 */
final class MigPlansSection {
  private MigPlansSection() {}

  static List<MigPlan> of(List<OpportunityRow> rows) {
    Map<String, List<OpportunityRow>> byPlan = new LinkedHashMap<>();
    rows.stream()
        .filter(row -> SavingsSections.lever(row.lever()).filter(Lever.MIG::equals).isPresent())
        .sorted(Comparator.comparingInt(OpportunityRow::rank))
        .forEach(
            row -> {
              String plan = row.planJson() == null ? "[]" : row.planJson().trim();
              // an empty plan is the opportunity's own; a non-empty one is shared by its pool's
              // opportunities
              String key = plan.equals("[]") ? "#" + row.rank() : plan;
              byPlan.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            });
    List<MigPlan> plans = new ArrayList<>();
    byPlan.values().forEach(group -> plans.add(migPlan(group)));
    return plans;
  }

  private static MigPlan migPlan(List<OpportunityRow> group) {
    OpportunityRow first = group.get(0);
    Map<String, java.util.Set<String>> gpus = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> slices = new LinkedHashMap<>();
    int workloads = 0;
    String problem = null;
    try {
      JsonNode plan =
          SummaryJson.mapper().readTree(first.planJson() == null ? "[]" : first.planJson());
      if (!plan.isArray()) {
        throw new IOException("the plan is not a JSON array");
      }
      for (JsonNode placement : plan) {
        String resource = ReportText.shortResource(placement.path("resource_id").asText(""));
        gpus.computeIfAbsent(resource, k -> new java.util.LinkedHashSet<>())
            .add(placement.path("gpu_key").asText(""));
        slices
            .computeIfAbsent(resource, k -> new LinkedHashMap<>())
            .merge(placement.path("profile").asText(""), 1, Integer::sum);
        workloads++;
      }
    } catch (IOException e) {
      problem = "The plan could not be read: " + e.getMessage();
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
            .filter(java.util.Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new MigPlan(
        group.stream().map(OpportunityRow::rank).toList(),
        group.stream().map(SavingsSections::resource).map(ReportText::shortResource).toList(),
        first.gpuModel(),
        saving,
        targets,
        workloads,
        problem);
  }
}
