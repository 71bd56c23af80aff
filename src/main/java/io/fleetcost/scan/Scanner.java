package io.fleetcost.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs every check over one cluster and scores the result. Pure: no Spark, no I/O. */
final class Scanner {
  private final List<Check> checks;

  Scanner(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  public List<Check> checks() {
    return checks;
  }

  public ScanResult scan(String name, ClusterView cluster, List<ScannedFile> files) {
    List<Finding> findings = new ArrayList<>();
    List<CheckResult> results = new ArrayList<>();
    List<Evaluation.Exemption> exemptions = new ArrayList<>();
    for (Check check : checks) {
      Evaluation evaluation = new Evaluation(check.info());
      check.evaluate(cluster, evaluation);
      findings.addAll(evaluation.findings());
      exemptions.addAll(evaluation.exemptions());
      results.add(
          new CheckResult(
              check.info(),
              evaluation.evaluatedCount(),
              evaluation.failedCount(),
              evaluation.exemptions().size()));
    }
    findings.sort(ScanResult.RANKING);
    Map<String, Integer> perFile = new HashMap<>();
    findings.forEach(f -> perFile.merge(f.file(), 1, Integer::sum));
    List<ScannedFile> counted =
        files.stream().map(f -> f.withFindings(perFile.getOrDefault(f.file(), 0))).toList();
    return ScanResult.scored(name, counted, findings, results, exemptions);
  }
}
