package io.fleetcost.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/** Log levels: quiet by default (see log4j2.properties), everything at INFO and FleetCost at DEBUG with -v. */
final class Logging {
  private Logging() {}

  static void verbose() {
    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.INFO);
    Configurator.setLevel("io.fleetcost", Level.DEBUG);
  }
}
