package io.fleetcost.cli;

/** Process exit codes: what a scheduler sees. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;

  /** The job failed: an internal error or an external system (storage, a cluster) failed. */
  public static final int JOB_FAILED = 1;

  /** Bad usage, a bad job file, or bad input: fix the command, the file or the data. */
  public static final int BAD_INPUT = 2;
}
