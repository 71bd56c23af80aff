package io.fleetcost.pipeline;

import io.fleetcost.report.RecommendationExport;
import io.fleetcost.savings.RecommendationComparison;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Savings ({@link SavingsJob}) on the run's billing table and GPU days, and, when the request names
 * external recommendations, their comparison with the opportunities found.
 */
final class SavingsStage implements RunStage {
  private final RunContext run;

  SavingsStage(RunContext run) {
    this.run = run;
  }

  /**
   * @param compared the external recommendations beside the opportunities; null when the request
   *     names none
   * @param written the outputs staged, in order
   */
  record Result(
      SavingsJob.Result job, List<RecommendationComparison.Row> compared, List<String> written) {}

  @Override
  public String name() {
    return "savings";
  }

  @Override
  public StageResults run(StageResults before) {
    return before.withSavings(find(before.normalized(), before.telemetry()));
  }

  /**
   * @param telemetry the run's telemetry, or null when the job reads none
   */
  private Result find(Dataset<Row> normalized, TelemetryStage.Outcome telemetry) {
    SavingsJob.Result savings =
        new SavingsJob(run.spark(), run.progress())
            .run(
                normalized,
                telemetry == null ? null : telemetry.days(),
                telemetry == null ? null : telemetry.lastSample(),
                run.inventory(),
                run.config().savings(),
                run.config().governance().untaggedSpendMaxFraction(),
                run.catalog(),
                run.request().runDate(),
                run.output());
    List<String> written = new ArrayList<>(savings.outputs());
    List<RecommendationComparison.Row> compared = null;
    if (!run.request().externalRecommendations().isEmpty()) {
      compared =
          RecommendationComparison.compare(
              savings.savings().opportunities(),
              ExternalRecommendations.read(run.spark(), run.request().externalRecommendations()),
              "AWS");
      run.output().writeText(RecommendationExport.JSON_FILE, RecommendationExport.json(compared));
      run.output().writeText(RecommendationExport.CSV_FILE, RecommendationExport.csv(compared));
      written.add(RecommendationExport.JSON_FILE);
      written.add(RecommendationExport.CSV_FILE);
    }
    return new Result(savings, compared, written);
  }
}
