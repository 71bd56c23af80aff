package io.fleetcost.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * How one opportunity's monthly saving is computed from its evidence ({@link SavingsComputations}).
 *
 * @param currency the resource's billing currency, that of every amount here
 * @param monthlySaving the last step's result; null when the evidence could not be read ({@code
 *     problem} says why)
 */
public record Computation(
    int rank,
    String lever,
    String resource,
    String owner,
    String currency,
    List<ComputationInput> inputs,
    List<ComputationStep> steps,
    BigDecimal monthlySaving,
    String problem) {
  public Computation {
    inputs = List.copyOf(inputs);
    steps = List.copyOf(steps);
  }
}
