package io.fleetcost.billing.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.CredentialUnavailableException;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.pull.ApiFailure;
import io.fleetcost.pull.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** How {@link CostManagementPull} classifies a failed call: retried or not, and what to say. */
final class CostManagementFailures {
  private CostManagementFailures() {}

  /**
   * 429 and 5xx are retried, after the longest wait the service asked for in {@code Retry-After} or
   * Cost Management's {@code x-ms-ratelimit-microsoft.costmanagement-*-retry-after}; 401 and 403
   * name the role needed.
   */
  static ApiFailure classify(RuntimeException e, String scope) {
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      HttpResponse response = http.getResponse();
      int status = response.getStatusCode();
      String code = null;
      String message = http.getMessage();
      if (http instanceof ManagementException management && management.getValue() != null) {
        code = management.getValue().getCode();
        message =
            management.getValue().getMessage() == null
                ? message
                : management.getValue().getMessage();
      }
      String hint =
          status == 401 || status == 403
              ? " (the identity of the default Azure credential chain needs the Cost Management Reader role on "
                  + scope
                  + ")"
              : "";
      return new ApiFailure(
          status == 429 || status >= 500,
          "HTTP " + status + (code == null || code.isBlank() ? "" : " " + code),
          Optional.ofNullable(CostManagementPull.requestId(response.getHeaders()))
              .filter(id -> !id.isEmpty()),
          retryAfter(response.getHeaders()),
          message + hint);
    }
    if (e instanceof ClientAuthenticationException || e instanceof CredentialUnavailableException) {
      return new ApiFailure(
          false,
          "no credentials",
          Optional.empty(),
          Optional.empty(),
          e.getMessage()
              + " (the default Azure credential chain: environment, workload identity, managed identity, Azure CLI)");
    }
    if (e instanceof FleetCostException fleetCost) {
      throw fleetCost;
    }
    if (causedByIo(e)) {
      return new ApiFailure(
          true, "no answer", Optional.empty(), Optional.empty(), String.valueOf(e.getMessage()));
    }
    return new ApiFailure(
        false,
        e.getClass().getSimpleName(),
        Optional.empty(),
        Optional.empty(),
        String.valueOf(e.getMessage()));
  }

  /** The longest of the waits the headers ask for. */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<Duration> longest = Optional.empty();
    if (headers == null) {
      return longest;
    }
    for (String name : CostManagementPull.RETRY_AFTER_HEADERS) {
      Optional<Duration> asked =
          RetryAfter.parse(headers.getValue(HttpHeaderName.fromString(name)));
      if (asked.isPresent() && (longest.isEmpty() || asked.get().compareTo(longest.get()) > 0)) {
        longest = asked;
      }
    }
    return longest;
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
