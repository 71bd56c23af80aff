package io.fleetcost.pipeline;

import io.fleetcost.spark.ProgressReporter;
import java.time.YearMonth;
import java.util.List;

/** The monthly report, rendered from the history (a run without one has no report). */
final class ReportStage implements RunStage {
  private final RunContext run;

  ReportStage(RunContext run) {
    this.run = run;
  }

  /**
   * @param written the report's outputs staged
   */
  record Result(ReportPublisher.Headline headline, List<String> written) {}

  @Override
  public String name() {
    return "report";
  }

  @Override
  public StageResults run(StageResults before) {
    return before.withReport(render());
  }

  private Result render() {
    YearMonth month =
        ReportPublisher.reportMonthOfRun(
            run.request().runDate(), run.config().report().closeDay(), run.store().runDates());
    try (ProgressReporter.Stage stage =
        run.progress().start("render the monthly report", month.toString(), () -> "")) {
      ReportPublisher.Headline report =
          ReportPublisher.publish(
              run.store(), run.config(), month, run.request().runDate(), run.output(), false);
      List<String> written = ReportPublisher.outputs();
      stage.finish(
          "report.pdf, report.html, trends.html "
              + (report.closed() ? "of the closed month, " : "")
              + "as of "
              + report.asOf());
      return new Result(report, written);
    }
  }
}
