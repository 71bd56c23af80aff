package io.fleetcost.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure with a category and a message meant for the person running the job. Messages read
 * "Cannot &lt;action&gt;: &lt;reason&gt; (&lt;values&gt;)" and name the file, key or column
 * involved.
 */
public class FleetCostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public FleetCostException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code is null");
  }

  public FleetCostException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code is null");
  }

  public static FleetCostException userError(String format, Object... args) {
    return new FleetCostException(ErrorCode.USER_ERROR, String.format(format, args));
  }

  public ErrorCode code() {
    return code;
  }

  /**
   * Finds the first FleetCostException in a cause chain. Spark wraps exceptions thrown by tasks in
   * its own SparkException; the original, when serializable, is kept as a cause.
   */
  public static Optional<FleetCostException> findIn(Throwable throwable) {
    Throwable current = throwable;
    for (int depth = 0; current != null && depth < 32; depth++) {
      if (current instanceof FleetCostException found) {
        return Optional.of(found);
      }
      current = current.getCause();
    }
    return Optional.empty();
  }
}
