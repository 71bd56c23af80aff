package io.fleetcost.pull;

import io.fleetcost.error.FleetCostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls one request of a cloud API with {@link RetrySettings}: a retryable failure is tried again
 * after the {@link Backoff} wait while attempts remain and the wait ends before the pull's
 * deadline; any other failure, or the last, fails the pull with a message naming the API, the
 * operation, the status and the request id.
 */
public final class Retrying {
  /** Waits; tests pass one that records the waits and returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String api;
  private final RetrySettings settings;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Instant deadline;
  private final Function<RuntimeException, ApiFailure> classifier;
  private int calls;
  private int retries;

  /**
   * @param api the API's name in messages ({@code AWS Cost Explorer})
   * @param classifier what a connector makes of its SDK's exceptions; an exception it cannot place
   *     is not retryable
   */
  public Retrying(
      String api,
      RetrySettings settings,
      Backoff backoff,
      Sleeper sleeper,
      Clock clock,
      Function<RuntimeException, ApiFailure> classifier) {
    this.api = Objects.requireNonNull(api, "api is null");
    this.settings = settings;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.clock = clock;
    this.deadline = clock.instant().plus(settings.timeLimit());
    this.classifier = classifier;
  }

  public <T> T call(String operation, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      if (!clock.instant().isBefore(deadline)) {
        throw FleetCostException.userError(
            "%s %s: the pull's time limit of %s ran out before attempt %d",
            api, operation, human(settings.timeLimit()), attempt);
      }
      calls++;
      try {
        return request.get();
      } catch (RuntimeException e) {
        ApiFailure failure = classifier.apply(e);
        if (!failure.retryable()) {
          throw FleetCostException.userError(
              "%s %s failed: %s", api, operation, failure.describe());
        }
        if (attempt >= settings.attempts()) {
          throw FleetCostException.userError(
              "%s %s failed after %d attempts: %s",
              api, operation, settings.attempts(), failure.describe());
        }
        Duration wait = backoff.delay(attempt, failure.retryAfter());
        if (clock.instant().plus(wait).isAfter(deadline)) {
          throw FleetCostException.userError(
              "%s %s failed after %d attempt%s, and the next would start after the pull's time limit of %s: %s",
              api,
              operation,
              attempt,
              attempt == 1 ? "" : "s",
              human(settings.timeLimit()),
              failure.describe());
        }
        retries++;
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw FleetCostException.userError(
              "%s %s: interrupted while waiting to retry", api, operation);
        }
      }
    }
  }

  /** Requests sent, retries included. */
  public int calls() {
    return calls;
  }

  public int retries() {
    return retries;
  }

  private static String human(Duration duration) {
    return duration.toSeconds() % 60 == 0
        ? duration.toMinutes() + " min"
        : duration.toSeconds() + " s";
  }
}
