package io.fleetcost.pull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The wait before a retry: exponential backoff with full jitter (a uniform draw in {@code [0,
 * min(max, initial × 2^(retry-1))]}, AWS's "Exponential Backoff And Jitter"), but never shorter
 * than what the service asked for ({@code Retry-After}, {@code x-ms-ratelimit-...-retry-after}),
 * which may exceed the maximum.
 */
public final class Backoff {
  private final RetrySettings settings;
  private final DoubleSupplier random;

  /**
   * @param random draws in {@code [0, 1)}
   */
  public Backoff(RetrySettings settings, DoubleSupplier random) {
    this.settings = settings;
    this.random = random;
  }

  /**
   * The exponential ceiling of the {@code retry}-th retry (1 for the first), capped at the maximum
   * delay.
   */
  public Duration ceiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry counts from 1");
    }
    long initial = settings.initialDelay().toMillis();
    long max = settings.maxDelay().toMillis();
    int doublings = Math.min(retry - 1, 40);
    long ceiling = initial == 0 ? 0 : initial > (max >> doublings) ? max : initial << doublings;
    return Duration.ofMillis(Math.min(ceiling, max));
  }

  public Duration delay(int retry, Optional<Duration> serverAsked) {
    long jittered = (long) Math.floor(random.getAsDouble() * (ceiling(retry).toMillis() + 1));
    long asked = serverAsked.map(Duration::toMillis).orElse(0L);
    return Duration.ofMillis(Math.max(jittered, asked));
  }
}
