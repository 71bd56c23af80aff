package io.fleetcost.savings.lever;

import java.util.Optional;

/**
 * A reshape lever that acts on a pool of resources rather than on each alone: MIG packs a pool's
 * GPUs (a Kubernetes cluster's GPUs of one MIG table, or a plain VM's own). The engine groups the
 * resources by pool and lets the pool search ({@link io.fleetcost.savings.MigPoolSearch}) choose
 * between packing and the other reshape levers.
 */
public interface PooledLever extends SavingsLever {
  /** The MIG table of the pool the resource can join, or empty when it cannot take part. */
  Optional<String> table(LeverInput input);
}
