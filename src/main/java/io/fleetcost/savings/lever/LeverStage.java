package io.fleetcost.savings.lever;

/**
 * When a lever applies, each stage on the monthly cost the one before left; one action per resource
 * per stage ({@link io.fleetcost.savings.SavingsEngine}).
 */
public enum LeverStage {
  /** Stop the resource: the whole cost; nothing follows. */
  ELIMINATE,
  /** Change what the resource is (right-size, MIG): the levers of this stage exclude each other. */
  RESHAPE,
  /** Buy what is left differently (spot). */
  PURCHASE
}
