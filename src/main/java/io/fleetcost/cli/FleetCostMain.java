package io.fleetcost.cli;

import io.fleetcost.spark.SparkSessionProvider;

/** The {@code fleetcost} command. */
public final class FleetCostMain {
  private FleetCostMain() {}

  public static void main(String[] args) {
    System.exit(FleetCostCommand.commandLine(SparkSessionProvider.perRun()).execute(args));
  }
}
