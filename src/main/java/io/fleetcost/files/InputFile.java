package io.fleetcost.files;

import java.util.Objects;

/**
 * A billing file to read.
 *
 * @param input the name of the job's billing input it came from
 * @param path a Hadoop path or URI
 * @param sha256 of the file's bytes, to recognise the same file delivered twice
 */
public record InputFile(String input, String path, long bytes, String sha256) {
  public InputFile {
    Objects.requireNonNull(input, "input is null");
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(sha256, "sha256 is null");
  }
}
