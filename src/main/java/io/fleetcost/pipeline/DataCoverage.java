package io.fleetcost.pipeline;

import io.fleetcost.config.BillingInputConfig;
import io.fleetcost.config.JobConfig;
import io.fleetcost.config.TelemetryInputConfig;
import io.fleetcost.quality.Cadence;
import io.fleetcost.quality.CoverageCheck;
import io.fleetcost.quality.InputActivity;
import io.fleetcost.quality.InputCoverage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The coverage check of a run's inputs ({@link CoverageCheck}), over the window of {@code
 * savings.lookback-days} ending with the run date, with each input's staleness limit and cadence
 * from the job file.
 */
final class DataCoverage {
  private DataCoverage() {}

  static List<InputCoverage> assess(
      JobConfig config,
      LocalDate runDate,
      Dataset<Row> normalized,
      BillingIngestResult billing,
      TelemetryStage.Outcome telemetry) {
    return assess(config, runDate, normalized, filesRead(billing), telemetry);
  }

  /**
   * The input of each file the ingest read (files with data): what maps a normalized row to its
   * input.
   */
  static Map<String, String> filesRead(BillingIngestResult billing) {
    Map<String, String> billingFiles = new LinkedHashMap<>();
    billing.files().stream()
        .filter(f -> f.status() == FileIngestStats.Status.READ)
        .forEach(f -> billingFiles.put(f.path(), f.input()));
    return billingFiles;
  }

  /**
   * @param billingFiles the input of every file with rows in {@code normalized} and of every file
   *     found with data (an incremental ingest's kept table holds files this run did not read);
   *     their number per input is its {@code files}
   */
  static List<InputCoverage> assess(
      JobConfig config,
      LocalDate runDate,
      Dataset<Row> normalized,
      Map<String, String> billingFiles,
      TelemetryStage.Outcome telemetry) {
    CoverageCheck.Window window =
        CoverageCheck.Window.ofRun(runDate, config.savings().lookbackDays());
    List<InputCoverage> coverage = new ArrayList<>();

    List<String> billingInputs = config.billing().stream().map(BillingInputConfig::name).toList();
    Map<String, InputActivity> billed =
        InputActivityScan.billing(normalized, billingFiles, billingInputs);
    for (BillingInputConfig input : config.billing()) {
      int hours =
          input.maxStalenessHours() != null
              ? input.maxStalenessHours()
              : config.dataQuality().maxStalenessHours().billingHours();
      coverage.add(
          CoverageCheck.assess(
              billed.get(input.name()),
              window,
              Duration.ofHours(hours),
              Cadence.fromName(input.cadence())));
    }

    if (!config.telemetry().isEmpty()) {
      List<String> telemetryInputs =
          config.telemetry().stream().map(TelemetryInputConfig::name).toList();
      Map<String, InputActivity> sampled =
          telemetry == null
              ? Map.of()
              : InputActivityScan.telemetry(
                  telemetry.fileDays(), telemetry.inputOfFile(), telemetryInputs);
      for (TelemetryInputConfig input : config.telemetry()) {
        int hours =
            input.maxStalenessHours() != null
                ? input.maxStalenessHours()
                : config.dataQuality().maxStalenessHours().telemetryHours();
        InputActivity activity =
            sampled.getOrDefault(
                input.name(),
                InputActivity.empty(input.name(), io.fleetcost.quality.InputKind.TELEMETRY, 0));
        coverage.add(
            CoverageCheck.assess(activity, window, Duration.ofHours(hours), Cadence.DAILY));
      }
    }
    return coverage;
  }

  /** {@code aws (missing: no files with data); vms (stale: …)}. */
  static String describe(List<InputCoverage> inputs) {
    return String.join(
        "; ",
        inputs.stream()
            .map(
                c ->
                    c.kind().label()
                        + " input '"
                        + c.name()
                        + "' ("
                        + c.status().label()
                        + ": "
                        + c.detail()
                        + ")")
            .toList());
  }
}
