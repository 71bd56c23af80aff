package io.fleetcost.savings;

/**
 * How much work an opportunity's action takes, from 1 (one command) to 5 (a project). An
 * opportunity's priority is {@code monthlySaving × confidence ÷ level}, so the same saving ranks
 * lower the more work it takes.
 *
 * @param level 1 to 5
 */
public record Effort(int level) {
  /** One command: stop the resource. */
  public static final Effort COMMAND = new Effort(1);

  /**
   * A change to one resource: its instance type or purchase option, or a process to find and stop
   * before stopping it.
   */
  public static final Effort RESOURCE_CHANGE = new Effort(2);

  /** Partition a pool's GPUs with MIG and move its workloads to the slices. */
  public static final Effort POOL_REPARTITION = new Effort(3);

  public Effort {
    if (level < 1 || level > 5) {
      throw new IllegalArgumentException("effort is 1 to 5 (got " + level + ")");
    }
  }
}
