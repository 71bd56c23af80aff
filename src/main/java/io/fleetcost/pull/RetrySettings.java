package io.fleetcost.pull;

import java.time.Duration;
import java.util.Objects;

/**
 * How a pull retries a cloud API: at most {@code attempts} calls of one request, waits with
 * exponential backoff and full jitter between {@code initialDelay} and {@code maxDelay} (longer
 * when the service says so), and the whole pull within {@code timeLimit}.
 */
public record RetrySettings(
    int attempts, Duration initialDelay, Duration maxDelay, Duration timeLimit) {
  /** 5 attempts, 2 s, 60 s, 30 minutes. */
  public static final RetrySettings DEFAULT =
      new RetrySettings(5, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(30));

  public RetrySettings {
    Objects.requireNonNull(initialDelay, "initialDelay is null");
    Objects.requireNonNull(maxDelay, "maxDelay is null");
    Objects.requireNonNull(timeLimit, "timeLimit is null");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("delays must satisfy 0 <= initial <= maximum");
    }
    if (timeLimit.isZero() || timeLimit.isNegative()) {
      throw new IllegalArgumentException("the time limit must be positive");
    }
  }
}
