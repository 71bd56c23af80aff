package io.fleetcost.savings.lever;

/**
 * A lever of the engine, one per {@link SavingsLever} of the registry ({@link Levers}). Not the
 * kind of action an opportunity records ({@link io.fleetcost.savings.Lever}): the idle lever
 * proposes idle or zombie.
 */
enum LeverId {
  IDLE,
  RIGHTSIZE,
  MIG,
  SPOT
}
