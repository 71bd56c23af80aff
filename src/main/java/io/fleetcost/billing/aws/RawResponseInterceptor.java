package io.fleetcost.billing.aws;

import io.fleetcost.pull.RawResponses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps each response body of an AWS SDK client as received, for the pull's {@code raw/} folder.
 */
final class RawResponseInterceptor implements ExecutionInterceptor {
  private final RawResponses raw;

  RawResponseInterceptor(RawResponses raw) {
    this.raw = raw;
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    if (body.isEmpty()) {
      return body;
    }
    byte[] bytes;
    try (InputStream in = body.get()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    raw.add(
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        context.httpResponse().statusCode(),
        bytes);
    return Optional.of(new ByteArrayInputStream(bytes));
  }
}
