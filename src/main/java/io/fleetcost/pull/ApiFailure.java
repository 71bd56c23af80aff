package io.fleetcost.pull;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call of a cloud API, as a connector classifies it.
 *
 * @param retryable throttling ({@code ThrottlingException}, HTTP 429, gRPC {@code
 *     RESOURCE_EXHAUSTED}), a 5xx or gRPC {@code UNAVAILABLE}, a connection that failed
 * @param status what the service answered: {@code HTTP 403 AccessDeniedException}, {@code gRPC
 *     PERMISSION_DENIED}
 * @param requestId the service's request id, when it gave one
 * @param retryAfter how long the service asked to wait
 * @param message the service's message
 */
public record ApiFailure(
    boolean retryable,
    String status,
    Optional<String> requestId,
    Optional<Duration> retryAfter,
    String message) {
  public String describe() {
    return status + requestId.map(id -> " (request id " + id + ")").orElse("") + ": " + message;
  }
}
