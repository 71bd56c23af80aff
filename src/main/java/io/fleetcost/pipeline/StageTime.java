package io.fleetcost.pipeline;

import java.time.Duration;

/**
 * How long one stage of a run took ({@link RunStage}), wall-clock: logged as a progress line and
 * written to {@code metrics.prom}, never to {@code summary.json}.
 */
record StageTime(String stage, Duration time) {
  double seconds() {
    return time.toMillis() / 1000.0;
  }
}
