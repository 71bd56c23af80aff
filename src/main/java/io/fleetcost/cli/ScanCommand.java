package io.fleetcost.cli;

import io.fleetcost.scan.CheckResult;
import io.fleetcost.scan.Finding;
import io.fleetcost.scan.ScanReport;
import io.fleetcost.scan.ScanResult;
import io.fleetcost.scan.ScannedFile;
import io.fleetcost.scan.SecurityScan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Scan Kubernetes manifests (files and folders: YAML, JSON, List dumps, Helm output) for security findings and"
          + " score the posture. All paths form one cluster; with --each, every path is its own cluster.",
      "Exit code 0 when every file was read, 2 when a path is missing or a file could not be parsed (the report is"
          + " printed either way)."
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Manifest files or folders (read recursively).")
  List<Path> paths;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      description = "Output format (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  String format;

  @Option(
      names = "--each",
      description = "Scan every PATH as its own cluster (a corpus of independent cases).")
  boolean each;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--format must be text or json (got '" + format + "')");
    }
    SecurityScan.Outcome outcome = new SecurityScan().scan(paths, each, null);
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      out.print(ScanReport.json(outcome.overall(), outcome.clusters()));
    } else {
      printText(out, outcome);
    }
    out.flush();
    boolean missing = paths.stream().anyMatch(p -> !p.toFile().exists());
    return missing || outcome.unreadableFiles() > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
  }

  private static String compliance(ScanResult result) {
    return result.compliancePct() == null
        ? "n/a"
        : String.format(java.util.Locale.ROOT, "%.1f %%", result.compliancePct());
  }

  private void printText(PrintWriter out, SecurityScan.Outcome outcome) {
    ScanResult result = outcome.overall();
    out.printf(
        "FleetCost security scan: score %s, compliance %s, %d findings in %d files%n",
        result.scoreText(), compliance(result), result.findings().size(), result.files().size());
    if (outcome.clusters().size() > 1) {
      for (ScanResult cluster : outcome.clusters()) {
        out.printf(
            "  %-60s score %s  compliance %s  %d findings%n",
            cluster.name(), cluster.scoreText(), compliance(cluster), cluster.findings().size());
      }
    }
    out.println("Files:");
    for (ScannedFile file : result.files()) {
      out.printf(
          "  %-11s %s (%d documents, %d objects, %d findings)%s%n",
          file.status(),
          file.file(),
          file.documents(),
          file.objects(),
          file.findings(),
          file.problems().isEmpty() ? "" : ": " + String.join("; ", file.problems()));
    }
    out.println("Findings (most severe first):");
    for (Finding f : result.findings()) {
      out.printf(
          "  %-8s %-32s %s#%d %s %s%n           %s%n           fix: %s%n",
          f.severity().label().toUpperCase(java.util.Locale.ROOT),
          f.check().id(),
          f.file(),
          f.docIndex(),
          f.kind(),
          (f.namespace() == null ? "" : f.namespace() + "/") + f.name(),
          f.path() + ": " + f.message(),
          f.check().fix());
    }
    out.println("Checks:");
    for (CheckResult c : result.checks()) {
      if (c.evaluated() > 0) {
        out.printf(
            "  %-36s %-8s evaluated %4d  failed %4d  exempted %3d%n",
            c.check().id(), c.check().severity().label(), c.evaluated(), c.failed(), c.exempted());
      }
    }
    result
        .exemptions()
        .forEach(
            e ->
                out.printf(
                    "  exempted: %s on %s %s/%s: %s%n",
                    e.checkId(), e.kind(), e.namespace(), e.name(), e.reason()));
  }
}
