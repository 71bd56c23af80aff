package io.fleetcost.pipeline;

/**
 * Each input's coverage of the run date ({@link DataQualityGate#checkCoverage}), which the history
 * records and the data-quality verdict judges.
 */
final class InputCoverageStage implements RunStage {
  private final RunContext run;

  InputCoverageStage(RunContext run) {
    this.run = run;
  }

  @Override
  public String name() {
    return "input coverage";
  }

  @Override
  public StageResults run(StageResults before) {
    return before.withCoverage(
        DataQualityGate.checkCoverage(
            run, before.normalized(), before.billing(), before.telemetry()));
  }
}
