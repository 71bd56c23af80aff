package io.fleetcost.scan;

import java.util.List;

/**
 * Every file a scan was given or found, with what became of it: {@code read} (with its documents
 * and objects), {@code partly-read} (a document could not be parsed: the ones before it were read),
 * {@code error} (nothing could be read) or {@code skipped} (not a manifest file, or too large),
 * with the reasons.
 */
public record ScannedFile(
    String file, String status, int documents, int objects, int findings, List<String> problems) {
  public ScannedFile {
    problems = List.copyOf(problems);
  }

  /**
   * A manifest file whose objects are not (all) in the scan: unparseable, partly read, or too large
   * to read.
   */
  public boolean notRead() {
    return status.equals("error")
        || status.equals("partly-read")
        || (status.equals("skipped")
            && problems.stream().anyMatch(p -> p.contains(ManifestLoader.TOO_LARGE)));
  }

  public ScannedFile withFindings(int count) {
    return new ScannedFile(file, status, documents, objects, count, problems);
  }
}
