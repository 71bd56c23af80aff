package io.fleetcost.files;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A file found under a billing input that is deliberately not read, with why.
 *
 * @param status which kind of skip ({@code duplicate}, {@code superseded} or {@code ignored})
 * @param reason the detail, in words
 */
public record SkippedFile(String input, String path, Status status, String reason) {
  /** Why a file is not read; written as its lower-case name ({@link #label()}). */
  public enum Status {
    /** Same bytes as another file of the input. */
    DUPLICATE,
    /** An older CUR assembly that a newer manifest replaces. */
    SUPERSEDED,
    /** Not a billing file by its name, in a folder. */
    IGNORED;

    /** The text in {@code summary.json} and the commands' output: {@code duplicate}. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
