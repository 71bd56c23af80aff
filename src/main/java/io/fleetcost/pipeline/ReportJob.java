package io.fleetcost.pipeline;

import io.fleetcost.config.JobConfig;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.history.HistoryCatalog;
import io.fleetcost.history.HistoryStore;
import io.fleetcost.history.TableCommitHook;
import io.fleetcost.spark.SparkSessionProvider;
import io.fleetcost.spark.SparkSettings;
import io.fleetcost.summary.SummaryJson;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fleetcost report}: renders a month from the history tables alone into an output folder,
 * committed at once with {@code report.json} (the headline figures) last. The history is read up to
 * its newest complete run, so a month that ended before that run is reported closed, as the run
 * after it reported it.
 */
public final class ReportJob {
  public static final String HEADLINE = "report.json";

  private ReportJob() {}

  public record Outcome(
      String outputDir,
      String warehouse,
      ReportPublisher.Headline headline,
      List<String> written) {}

  public static Outcome run(
      SparkSessionProvider sessions,
      SparkSettings settings,
      JobConfig config,
      String warehouse,
      YearMonth month,
      String outputDir,
      boolean trendsPdf,
      Clock clock) {
    SparkSession spark = sessions.open(settings);
    try (OutputDirectory output =
        new OutputDirectory(
            spark.sparkContext().hadoopConfiguration(),
            outputDir,
            RunIdentity.newRunId(clock.instant()))) {
      HistoryCatalog catalog = HistoryCatalog.of(config.history(), System.getenv());
      if (!HistoryStore.exists(spark, warehouse, config.history().namespace(), catalog)) {
        throw FleetCostException.userError(
            "Cannot report on %s: there is no FleetCost history in %s (run the job first, or pass --warehouse)",
            month, warehouse);
      }
      HistoryStore store =
          HistoryStore.open(
              spark,
              warehouse,
              config.history().namespace(),
              catalog,
              line -> {},
              TableCommitHook.NONE);
      List<LocalDate> runDates = store.runDates();
      if (runDates.isEmpty()) {
        throw FleetCostException.userError(
            "Cannot report on %s: the history in %s has no complete run", month, store.warehouse());
      }
      ReportPublisher.Headline headline =
          ReportPublisher.publish(
              store, config, month, runDates.get(runDates.size() - 1), output, trendsPdf);
      output.writeText(HEADLINE, SummaryJson.write(headline));
      List<String> written = new ArrayList<>(headline.artifacts().values());
      written.add(HEADLINE);
      output.commit(written);
      return new Outcome(output.root(), store.warehouse(), headline, written);
    } finally {
      sessions.release(spark);
    }
  }
}
