package io.fleetcost.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Log levels: quiet by default (see log4j2.properties), everything at INFO and FleetCost at DEBUG
 * with -v.
 */
final class Logging {
  private Logging() {}

  /**
   * One JSON object per log line on standard error ({@code time} in UTC, {@code level}, {@code
   * logger}, {@code message}, {@code error}): the console and progress appenders get a pattern
   * whose fields are JSON-escaped.
   */
  static void json() {
    org.apache.logging.log4j.core.LoggerContext context =
        (org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false);
    org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
    org.apache.logging.log4j.core.layout.PatternLayout layout =
        org.apache.logging.log4j.core.layout.PatternLayout.newBuilder()
            .withConfiguration(config)
            .withAlwaysWriteExceptions(false)
            .withPattern(
                "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}{UTC}\",\"level\":\"%p\",\"logger\":\"%enc{%c}{JSON}\","
                    + "\"message\":\"%enc{%m}{JSON}\",\"error\":\"%enc{%throwable{short.message}}{JSON}\"}%n")
            .build();
    for (String name : java.util.List.of("console", "progress")) {
      org.apache.logging.log4j.core.Appender old = config.getAppender(name);
      if (old == null) {
        continue;
      }
      org.apache.logging.log4j.core.appender.ConsoleAppender replacement =
          org.apache.logging.log4j.core.appender.ConsoleAppender.newBuilder()
              .setName(name)
              .setTarget(org.apache.logging.log4j.core.appender.ConsoleAppender.Target.SYSTEM_ERR)
              .setLayout(layout)
              .setConfiguration(config)
              .build();
      replacement.start();
      for (org.apache.logging.log4j.core.config.LoggerConfig logger :
          config.getLoggers().values()) {
        if (logger.getAppenders().containsKey(name)) {
          logger.removeAppender(name);
          logger.addAppender(replacement, null, null);
        }
      }
      org.apache.logging.log4j.core.config.LoggerConfig root = config.getRootLogger();
      if (root.getAppenders().containsKey(name)) {
        root.removeAppender(name);
        root.addAppender(replacement, null, null);
      }
      old.stop();
    }
    context.updateLoggers();
  }

  static void verbose() {
    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.INFO);
    Configurator.setLevel("io.fleetcost", Level.DEBUG);
  }
}
