package io.fleetcost.spark;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FleetCost's progress lines: one when a stage starts, one when it ends (with its rows and
 * seconds), and, while a stage runs, one at a fixed interval (10 s by default) with what it has
 * done so far.
 */
public final class ProgressReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.fleetcost.progress");

  private final Duration interval;
  private final ScheduledExecutorService timer;

  public ProgressReporter(Duration interval) {
    this.interval = interval;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fleetcost-progress");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A running stage; {@code status} is asked for a line every interval. */
  public Stage start(String name, String description, Supplier<String> status) {
    LOG.info("{}: started{}", name, description.isEmpty() ? "" : " (" + description + ")");
    return new Stage(name, status);
  }

  public final class Stage implements AutoCloseable {
    private final String name;
    private final long startNanos = System.nanoTime();
    private final ScheduledFuture<?> ticker;
    private boolean finished;

    private Stage(String name, Supplier<String> status) {
      this.name = name;
      long millis = interval.toMillis();
      this.ticker =
          timer.scheduleAtFixedRate(
              () -> LOG.info("{}: running for {} s: {}", name, seconds(), status.get()),
              millis,
              millis,
              TimeUnit.MILLISECONDS);
    }

    public String seconds() {
      return String.format(Locale.ROOT, "%.1f", secondsElapsed());
    }

    public double secondsElapsed() {
      return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Logs the end of the stage with its outcome, e.g. "119,307 rows". */
    public void finish(String outcome) {
      ticker.cancel(false);
      finished = true;
      LOG.info("{}: finished in {} s: {}", name, seconds(), outcome);
    }

    @Override
    public void close() {
      ticker.cancel(false);
      if (!finished) {
        LOG.info("{}: stopped after {} s", name, seconds());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One progress line outside a stage. */
  public void note(String line) {
    LOG.info("{}", line);
  }

  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
