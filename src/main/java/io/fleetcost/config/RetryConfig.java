package io.fleetcost.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a cloud API input retries throttling and server errors: exponential backoff with full jitter.
 *
 * @param attempts calls of one request at most, the first included (default 5)
 * @param initialDelaySeconds the first backoff ceiling (default 2)
 * @param maxDelaySeconds the largest backoff ceiling (default 60); a service's Retry-After may ask
 *     for longer
 */
public record RetryConfig(
    @JsonProperty("attempts") Integer attempts,
    @JsonProperty("initial-delay-seconds") Double initialDelaySeconds,
    @JsonProperty("max-delay-seconds") Double maxDelaySeconds) {
  public static final RetryConfig DEFAULT = new RetryConfig(5, 2.0, 60.0);

  public RetryConfig {
    attempts = attempts == null ? 5 : attempts;
    initialDelaySeconds = initialDelaySeconds == null ? 2.0 : initialDelaySeconds;
    maxDelaySeconds = maxDelaySeconds == null ? 60.0 : maxDelaySeconds;
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "billing.retry.attempts must be at least 1, not " + attempts);
    }
    if (initialDelaySeconds < 0 || maxDelaySeconds < initialDelaySeconds) {
      throw new IllegalArgumentException(
          "billing.retry.max-delay-seconds must be at least initial-delay-seconds, and both at least 0");
    }
  }
}
