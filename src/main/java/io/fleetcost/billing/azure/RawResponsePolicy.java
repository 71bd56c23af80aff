package io.fleetcost.billing.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.fleetcost.pull.RawResponses;
import reactor.core.publisher.Mono;

/**
 * Keeps each response body of an Azure pipeline as received, for the pull's {@code raw/} folder;
 * the response goes on buffered, so the SDK still reads the body it expects.
 */
final class RawResponsePolicy implements HttpPipelinePolicy {
  private final RawResponses raw;
  private final String operation;

  RawResponsePolicy(RawResponses raw, String operation) {
    this.raw = raw;
    this.operation = operation;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return next.process()
        .flatMap(
            response -> {
              HttpResponse buffered = response.buffer();
              return buffered
                  .getBodyAsByteArray()
                  .defaultIfEmpty(new byte[0])
                  .map(
                      body -> {
                        raw.add(operation, buffered.getStatusCode(), body);
                        return buffered;
                      });
            });
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    HttpResponse buffered = next.processSync().buffer();
    byte[] body =
        buffered.getBodyAsBinaryData() == null
            ? new byte[0]
            : buffered.getBodyAsBinaryData().toBytes();
    raw.add(operation, buffered.getStatusCode(), body);
    return buffered;
  }
}
