package io.fleetcost.report;

import java.math.BigDecimal;
import java.util.List;

/** A MIG opportunity's plan: which workload goes on which GPU, with which profile. */
/**
 * One MIG plan, once for every opportunity it frees (the opportunities of one pool share their
 * pool's plan): where the pool's workloads go, per target resource.
 *
 * @param ranks the opportunities the plan belongs to
 * @param monthlySavingUsd their savings together
 * @param workloads the workloads the plan places
 */
public record MigPlan(
    List<Integer> ranks,
    List<String> resources,
    String gpuModel,
    BigDecimal monthlySavingUsd,
    List<PlanTarget> targets,
    int workloads) {
  public MigPlan {
    ranks = List.copyOf(ranks);
    resources = List.copyOf(resources);
    targets = List.copyOf(targets);
  }
}
