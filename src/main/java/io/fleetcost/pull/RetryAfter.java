package io.fleetcost.pull;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header: delay-seconds, or an HTTP-date (RFC 9110, section 10.2.3).
 */
public final class RetryAfter {
  private RetryAfter() {}

  public static Optional<Duration> parse(String header) {
    return parse(header, ZonedDateTime.now());
  }

  static Optional<Duration> parse(String header, ZonedDateTime now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      double seconds = Double.parseDouble(value);
      return seconds < 0 || Double.isNaN(seconds)
          ? Optional.empty()
          : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until =
            Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
