package io.fleetcost.scan;

import java.util.List;

/**
 * Every file a scan was given or found, with what became of it: {@code read} (with its documents and objects),
 * {@code partly-read} (a document could not be parsed: the ones before it were read), {@code error} (nothing could be
 * read) or {@code skipped} (not a manifest file, or too large), with the reasons.
 */
public record ScannedFile(String file, String status, int documents, int objects, int findings, List<String> problems) {
  public ScannedFile {
    problems = List.copyOf(problems);
  }

  public ScannedFile withFindings(int count) {
    return new ScannedFile(file, status, documents, objects, count, problems);
  }
}
