package io.fleetcost.cli;

import io.fleetcost.spark.SparkSessionProvider;
import java.time.Clock;

/** The {@code fleetcost} command. */
public final class FleetCostMain {
  private FleetCostMain() {}

  public static void main(String[] args) {
    System.exit(
        FleetCostCommand.commandLine(SparkSessionProvider.perRun(), Clock.systemUTC())
            .execute(args));
  }
}
