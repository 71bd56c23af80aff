package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How Kubescape's Rego reads a manifest field, for the checks that claim a Kubescape control: a
 * bare expression ({@code volume.hostPath.path}) holds when the field is present and not {@code
 * false} (an empty string, an empty list and {@code null} all hold); {@code x == true} holds only
 * for the boolean.
 */
final class RegoValues {
  private RegoValues() {}

  static boolean truthy(JsonNode node) {
    return !node.isMissingNode() && !(node.isBoolean() && !node.booleanValue());
  }

  static boolean isTrue(JsonNode node) {
    return node.isBoolean() && node.booleanValue();
  }

  static boolean isFalse(JsonNode node) {
    return node.isBoolean() && !node.booleanValue();
  }
}
