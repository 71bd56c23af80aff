package io.fleetcost.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.scan.rule.Checks;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * FleetCost's checks against Polaris' own test fixtures
 * (src/test/resources/real-samples/k8s/polaris-fixtures; its README): each fixture file is one
 * case, expected to fail ("failure" in its name) or pass its Polaris check. For every Polaris check
 * one of ours maps to (CheckInfo.polaris), our verdict on the file — some finding of a mapped check
 * — must agree in every case. (A documented difference of rule would be listed with its reason, and
 * still fail the test: the mapping would have to go.)
 *
 * <p>Polaris splits some RBAC rules by object kind where ours judge per subject; a finding counts
 * for such a Polaris check when its binding and role are of the kinds that check judges (below).
 */
class PolarisConformanceTest {
  static final Path CORPUS = TestPaths.realSample("k8s/polaris-fixtures");

  /** Polaris check → which of our findings count for it, beyond the check id. */
  static final Map<String, Predicate<Finding>> KIND_FILTERS =
      Map.of(
          "rolePodExecAttach", f -> role(f).startsWith("Role/"),
          "clusterrolePodExecAttach", f -> role(f).startsWith("ClusterRole/"),
          "rolebindingRolePodExecAttach",
              f -> binding(f).startsWith("RoleBinding/") && role(f).startsWith("Role/"),
          "rolebindingClusterRolePodExecAttach",
              f -> binding(f).startsWith("RoleBinding/") && role(f).startsWith("ClusterRole/"),
          "clusterrolebindingPodExecAttach", f -> binding(f).startsWith("ClusterRoleBinding/"),
          "clusterrolebindingClusterAdmin", f -> binding(f).startsWith("ClusterRoleBinding/"),
          "rolebindingClusterAdminClusterRole",
              f -> binding(f).startsWith("RoleBinding/") && role(f).startsWith("ClusterRole/"),
          "rolebindingClusterAdminRole",
              f -> binding(f).startsWith("RoleBinding/") && role(f).startsWith("Role/"));

  /** Cases where our rule differs from Polaris on purpose: file (relative to test/checks) → why. */
  static final Map<String, String> DOCUMENTED_DIFFERENCES = Map.of();

  private static String role(Finding f) {
    return f.related().getOrDefault("role", "");
  }

  private static String binding(Finding f) {
    return f.related().getOrDefault("binding", "");
  }

  record Case(String polarisCheck, String file, boolean expectFail) {}

  @Test
  void ourVerdictsAgreeWithPolarisFixturesForEveryMappedCheck() throws IOException {
    Map<String, List<String>> ourChecksByPolaris = new TreeMap<>();
    for (Check check : Checks.all()) {
      for (String polaris : check.info().polaris()) {
        ourChecksByPolaris.computeIfAbsent(polaris, k -> new ArrayList<>()).add(check.info().id());
      }
    }
    List<Case> cases = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(CORPUS.resolve("index.csv"))) {
      for (CSVRecord r :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        if (r.get("suite").equals("checks")
            && ourChecksByPolaris.containsKey(r.get("check"))
            && (r.get("expected").equals("pass") || r.get("expected").equals("fail"))) {
          cases.add(new Case(r.get("check"), r.get("file"), r.get("expected").equals("fail")));
        }
      }
    }
    assertThat(cases).hasSizeGreaterThan(150);

    SecurityScan scan = new SecurityScan();
    Map<String, int[]> agreement = new TreeMap<>();
    List<String> disagreements = new ArrayList<>();
    List<String> undocumented = new ArrayList<>();
    for (Case c : cases) {
      ScanResult result = scan.scan(List.of(CORPUS.resolve(c.file())), false, null).overall();
      assertThat(result.files())
          .singleElement()
          .satisfies(f -> assertThat(f.status()).as(f.file()).isEqualTo(ScannedFile.Status.READ));
      List<String> ours = ourChecksByPolaris.get(c.polarisCheck());
      Predicate<Finding> filter = KIND_FILTERS.getOrDefault(c.polarisCheck(), f -> true);
      List<Finding> relevant =
          result.findings().stream()
              .filter(f -> ours.contains(f.check().id()))
              .filter(filter)
              .toList();
      boolean weFail = !relevant.isEmpty();
      int[] counts = agreement.computeIfAbsent(c.polarisCheck(), k -> new int[2]);
      counts[1]++;
      if (weFail == c.expectFail()) {
        counts[0]++;
      } else {
        String relative = c.file().replaceFirst("^test/checks/", "");
        String line =
            c.polarisCheck()
                + " "
                + relative
                + ": Polaris expects "
                + (c.expectFail() ? "fail" : "pass")
                + ", ours "
                + (weFail
                    ? "fails ("
                        + relevant.get(0).check().id()
                        + ": "
                        + relevant.get(0).message()
                        + ")"
                    : "passes");
        String reason = DOCUMENTED_DIFFERENCES.get(relative);
        disagreements.add(line + (reason == null ? "  [UNDOCUMENTED]" : "  — " + reason));
        if (reason == null) {
          undocumented.add(line);
        }
      }
    }
    StringBuilder report =
        new StringBuilder("Polaris conformance (agreeing / cases per Polaris check):\n");
    agreement.forEach(
        (check, n) ->
            report.append(
                String.format(
                    java.util.Locale.ROOT,
                    "  %-40s %3d / %3d  %5.1f %%  (ours: %s)%n",
                    check,
                    n[0],
                    n[1],
                    100.0 * n[0] / n[1],
                    String.join(", ", ourChecksByPolaris.get(check)))));
    report.append("Disagreements:\n");
    disagreements.forEach(d -> report.append("  ").append(d).append('\n'));
    System.out.println(report);
    assertThat(undocumented).as(report.toString()).isEmpty();
    agreement.forEach(
        (check, n) -> assertThat(n[0]).as("agreement on %s\n%s", check, report).isEqualTo(n[1]));
  }
}
