package io.fleetcost.files;

/**
 * A file found under a billing input that is deliberately not read, with why: {@code duplicate}
 * (same bytes as another file), {@code superseded} (an older CUR assembly a newer manifest
 * replaces) or {@code ignored} (not a billing file by its name, in a folder).
 */
public record SkippedFile(String input, String path, String status, String reason) {
  public static final String DUPLICATE = "duplicate";
  public static final String SUPERSEDED = "superseded";
  public static final String IGNORED = "ignored";
}
