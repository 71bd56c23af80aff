package io.fleetcost.savings.lever;

import java.util.List;

/** The registry of the savings levers, in the order they apply within a stage. */
public final class Levers {
  private Levers() {}

  public static List<SavingsLever> all() {
    return List.of(new IdleLever(), new RightsizeLever(), new MigLever(), new SpotLever());
  }
}
