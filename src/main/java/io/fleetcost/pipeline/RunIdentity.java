package io.fleetcost.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;

/** Identity of a run: its id and the FleetCost version that made it. */
public final class RunIdentity {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunIdentity() {}

  /** {@code 20261127T130501Z-3f9a1c2b}: sortable by start time, unique by its random suffix. */
  public static String newRunId(Instant startedAt) {
    return ID_TIME.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String version() {
    try (InputStream in =
        RunIdentity.class.getResourceAsStream("/io/fleetcost/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
