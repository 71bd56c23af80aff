package io.fleetcost.cli;

import picocli.CommandLine.Option;

/**
 * Where a job's run writes and runs: {@code --out}, {@code --warehouse}, {@code --master} (run and
 * backfill).
 */
final class JobTargetOptions {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder or URI (default: the job file's 'output', else out/<job name>).")
  String out;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description =
          "History warehouse folder or URI (default: the job file's history.warehouse, else <output>/history).")
  String warehouse;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master (default: the job file's spark.master, else local[*]), e.g. spark://host:7077.")
  String master;
}
