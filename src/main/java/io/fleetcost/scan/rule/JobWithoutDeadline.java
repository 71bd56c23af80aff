package io.fleetcost.scan.rule;

import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.util.List;

/**
 * A Job without activeDeadlineSeconds runs until it succeeds or exhausts its retries: a training
 * run stuck on a hung collective keeps its GPUs, and the bill, indefinitely. FleetCost's own; a
 * CronJob's job template is judged the same way.
 */
final class JobWithoutDeadline implements Check {
  private static final CheckInfo INFO =
      new CheckInfo(
          "job-without-deadline",
          "Job without activeDeadlineSeconds",
          "cost",
          4,
          List.of("Job", "CronJob"),
          List.of(),
          List.of(),
          "Set spec.activeDeadlineSeconds to a bound on the run (a few times its usual length), so that a hung job frees"
              + " its GPUs.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    for (Manifest job : cluster.ofKind("Job")) {
      judge(job, "spec", out);
    }
    for (Manifest cronJob : cluster.ofKind("CronJob")) {
      judge(cronJob, "spec.jobTemplate.spec", out);
    }
  }

  private static void judge(Manifest object, String jobSpec, Evaluation out) {
    out.evaluated(object);
    if (!ClusterView.at(object.body(), jobSpec).path("activeDeadlineSeconds").isNumber()) {
      out.fail(
          object,
          object.pathPrefix() + jobSpec + ".activeDeadlineSeconds",
          "has no deadline: a hung run keeps its resources");
    }
  }
}
