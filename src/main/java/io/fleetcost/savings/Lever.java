package io.fleetcost.savings;

/** The savings levers, in the order they are applied, each on the cost the one before left. */
public enum Lever {
  IDLE("idle", 1),
  ZOMBIE("zombie", 1),
  RIGHTSIZE("rightsize", 2),
  MIG("mig", 2),
  SPOT("spot", 3);

  private final String cliName;
  private final int stage;

  Lever(String cliName, int stage) {
    this.cliName = cliName;
    this.stage = stage;
  }

  /** The name in outputs: idle, zombie, rightsize, mig, spot. */
  public String cliName() {
    return cliName;
  }

  /** 1 eliminate, 2 reshape (right-size or MIG, mutually exclusive), 3 purchase option. */
  public int stage() {
    return stage;
  }
}
