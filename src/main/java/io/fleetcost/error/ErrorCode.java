package io.fleetcost.error;

/**
 * Categories of failure, each with the process exit code a scheduler sees.
 *
 * <p>{@code USER_ERROR} covers everything the user can fix by changing the command line, the job
 * file or an input file (bad usage, unknown keys, a missing required column, a file that is not the
 * claimed format). The other categories mean the job itself failed.
 */
public enum ErrorCode {
  USER_ERROR(2),
  EXTERNAL(1),
  INTERNAL(1);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
