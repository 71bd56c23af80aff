package io.fleetcost.pipeline;

/**
 * One stage of a run, made for that run ({@link RunContext}): it reads what the stages before it
 * returned and returns those results with its own added. {@link JobRun} runs the stages in order
 * and times each.
 */
interface RunStage {
  /** The stage's name in the progress log, e.g. {@code billing}. */
  String name();

  /**
   * @param before what the stages before this one returned
   * @return {@code before} with this stage's result
   */
  StageResults run(StageResults before);
}
