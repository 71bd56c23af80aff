package io.fleetcost.pipeline;

import static io.fleetcost.pipeline.JobRun.SECURITY_FINDINGS;
import static io.fleetcost.pipeline.JobRun.SECURITY_FINDINGS_CSV;

import io.fleetcost.report.FindingExport;
import io.fleetcost.scan.ScanReport;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.scan.SecurityScan;
import io.fleetcost.spark.ProgressReporter;
import java.nio.file.Path;
import java.util.List;

/**
 * The security scan of the job's Kubernetes manifests, with the governance the savings found; its
 * findings.
 */
final class SecurityStage implements RunStage {
  private final RunContext run;

  SecurityStage(RunContext run) {
    this.run = run;
  }

  /**
   * @param written the findings staged, JSON then CSV
   */
  record Result(ScanResult scan, List<String> written) {}

  @Override
  public String name() {
    return "security";
  }

  @Override
  public StageResults run(StageResults before) {
    return before.withSecurity(scan(before.savings().job()));
  }

  private Result scan(SavingsJob.Result savings) {
    List<Path> securityPaths =
        run.config().security().stream().flatMap(i -> i.path().stream()).map(Path::of).toList();
    ScanResult security;
    try (ProgressReporter.Stage stage =
        run.progress()
            .start("scan Kubernetes manifests", securityPaths.size() + " paths", () -> "")) {
      security = new SecurityScan().scan(securityPaths, false, savings.governance()).overall();
      stage.finish(
          security.findings().size()
              + " findings in "
              + security.files().size()
              + " files, score "
              + security.scoreText());
    }
    run.output().writeText(SECURITY_FINDINGS, ScanReport.json(security, List.of(security)));
    run.output().writeText(SECURITY_FINDINGS_CSV, FindingExport.csv(security.findings()));
    return new Result(security, List.of(SECURITY_FINDINGS, SECURITY_FINDINGS_CSV));
  }
}
