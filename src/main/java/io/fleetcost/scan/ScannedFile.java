package io.fleetcost.scan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * Every file a scan was given or found, with what became of it: {@code read} (with its documents
 * and objects), {@code partly-read} (a document could not be parsed: the ones before it were read),
 * {@code error} (nothing could be read) or {@code skipped} (not a manifest file, or too large),
 * with the reasons.
 */
public record ScannedFile(
    String file, Status status, int documents, int objects, int findings, List<String> problems) {
  /** What became of a file; written as its {@link #label()} in the outputs. */
  public enum Status {
    READ,
    PARTLY_READ,
    ERROR,
    SKIPPED;

    /**
     * The text in {@code summary.json}, the findings and {@code fleetcost scan}: {@code
     * partly-read}.
     */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
      return label();
    }
  }

  public ScannedFile {
    problems = List.copyOf(problems);
  }

  /** Nothing, or not everything, of a manifest file could be parsed. */
  public boolean unparseable() {
    return status == Status.ERROR || status == Status.PARTLY_READ;
  }

  /**
   * A manifest file whose objects are not (all) in the scan: unparseable, partly read, or too large
   * to read.
   */
  public boolean notRead() {
    return unparseable()
        || (status == Status.SKIPPED
            && problems.stream().anyMatch(p -> p.contains(ManifestLoader.TOO_LARGE)));
  }

  public ScannedFile withFindings(int count) {
    return new ScannedFile(file, status, documents, objects, count, problems);
  }
}
