package io.fleetcost.savings.lever;

import io.fleetcost.savings.Proposal;
import java.util.Optional;

/**
 * A savings lever: what it proposes for one resource, and the stage it applies in. The engine
 * ({@link io.fleetcost.savings.SavingsEngine}) orders the stages and keeps one action per resource
 * per stage; a new lever is one class and one line of the registry ({@link Levers}).
 */
public interface SavingsLever {
  LeverId id();

  LeverStage stage();

  /** The lever's action for the resource, or empty when it has none. Pure: no Spark, no I/O. */
  Optional<Proposal> propose(LeverInput input);
}
