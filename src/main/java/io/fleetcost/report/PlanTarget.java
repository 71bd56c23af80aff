package io.fleetcost.report;

/**
 * A resource that hosts MIG slices in a plan.
 *
 * @param gpus the GPUs of it the plan partitions
 * @param slices e.g. {@code 16 × 3g.40gb}, one entry per profile in the plan's order
 * @param workloads the workloads placed on it
 */
public record PlanTarget(String resource, int gpus, String slices, int workloads) {}
