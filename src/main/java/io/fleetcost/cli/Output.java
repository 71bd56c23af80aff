package io.fleetcost.cli;

import java.net.URI;

/** Paths as users write them. */
final class Output {
  private Output() {}

  /** {@code file:/a/b} → {@code /a/b}; other URIs unchanged. */
  static String display(String location) {
    if (location.startsWith("file:")) {
      return URI.create(location).getPath();
    }
    return location;
  }
}
