package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;

/**
 * A CronJob's concurrencyPolicy defaults to Allow: when a run outlasts its interval the next starts
 * beside it, and a slow nightly GPU job doubles its cost (and its writes race). FleetCost's own.
 */
final class CronJobOverlappingRuns implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "cronjob-overlapping-runs",
          "CronJob allows overlapping runs",
          "cost",
          3,
          List.of("CronJob"),
          List.of(),
          List.of(),
          "Set spec.concurrencyPolicy: Forbid (or Replace when only the newest run matters).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest cronJob : cluster.ofKind("CronJob")) {
      out.evaluated(cronJob);
      String policy = cronJob.body().path("spec").path("concurrencyPolicy").asText("Allow");
      if (policy.equals("Allow")) {
        out.fail(
            cronJob,
            cronJob.pathPrefix() + "spec.concurrencyPolicy",
            "starts a run while the previous one is still running");
      }
    }
  }
}
