package io.fleetcost.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The platform's manifests in sample-data/k8s/platform: every weakness planted there
 * (planted-findings.csv, explained in the README) is found with its severity and nothing else is;
 * the hardened twin has no finding; the project's own deploy/ manifests have nothing above low.
 */
class SampleManifestsTest {
  static final Path K8S = TestPaths.sample("k8s");

  private static String key(
      String check, String severity, String file, String kind, String namespace, String name) {
    return String.join("|", check, severity, file, kind, namespace == null ? "" : namespace, name);
  }

  @Test
  void everyPlantedWeaknessIsFoundWithItsSeverityAndNothingElse() throws IOException {
    Set<String> planted = new LinkedHashSet<>();
    try (Reader reader = Files.newBufferedReader(K8S.resolve("planted-findings.csv"))) {
      for (CSVRecord r :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        planted.add(
            key(
                r.get("check_id"),
                r.get("severity"),
                r.get("file"),
                r.get("kind"),
                r.get("namespace"),
                r.get("name")));
      }
    }
    ScanResult result =
        new SecurityScan().scan(List.of(K8S.resolve("platform")), false, null).overall();
    Set<String> found = new LinkedHashSet<>();
    for (Finding f : result.findings()) {
      found.add(
          key(
              f.check().id(),
              f.severity().label(),
              K8S.relativize(Path.of(f.file())).toString(),
              f.kind(),
              f.namespace(),
              f.name()));
    }
    List<String> missed = new ArrayList<>(planted);
    missed.removeAll(found);
    List<String> unexpected = new ArrayList<>(found);
    unexpected.removeAll(planted);
    assertThat(missed).as("planted weaknesses not found (or with another severity)").isEmpty();
    assertThat(unexpected).as("findings that are not planted").isEmpty();
    assertThat(planted).hasSizeGreaterThan(80);
    // the design card's examples, by name
    assertThat(found)
        .contains(
            key(
                "rbac-read-secrets",
                "high",
                "platform/rbac.yaml",
                "Group",
                null,
                "ml-data-scientists"),
            key("rbac-wildcard", "high", "platform/rbac.yaml", "Group", null, "ml-engineers"),
            key(
                "runs-as-root",
                "medium",
                "platform/training.yaml",
                "Job",
                "ml-training",
                "training-job"),
            key(
                "memory-limits-missing",
                "medium",
                "platform/training.yaml",
                "Job",
                "ml-training",
                "llm-pretrain"),
            key(
                "namespace-without-default-deny",
                "medium",
                "platform/namespaces.yaml",
                "Namespace",
                null,
                "ml-training"));
    assertThat(result.files())
        .allSatisfy(f -> assertThat(f.status()).isEqualTo(ScannedFile.Status.READ));
  }

  @Test
  void theHardenedTwinHasNoFinding() {
    ScanResult result =
        new SecurityScan().scan(List.of(K8S.resolve("hardened")), false, null).overall();
    assertThat(result.findings()).isEmpty();
    assertThat(result.exemptions()).isEmpty();
    assertThat(result.score()).isEqualTo(100.0);
    assertThat(result.checks().stream().filter(c -> c.evaluated() > 0).count())
        .as("checks that applied")
        .isGreaterThan(30);
  }

  @Test
  void theProjectsOwnDeployManifestsHaveNothingAboveLow() throws IOException {
    Path deploy = TestPaths.PROJECT.resolve("deploy");
    List<Path> manifests;
    try (Stream<Path> files = Files.walk(deploy)) {
      manifests = files.filter(f -> f.toString().endsWith(".yaml")).toList();
    }
    assertThat(manifests).as("the manifests in deploy/").hasSizeGreaterThanOrEqualTo(9);
    ScanResult result = new SecurityScan().scan(List.of(deploy), false, null).overall();
    assertThat(result.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    assertThat(result.files())
        .filteredOn(f -> f.status() == ScannedFile.Status.READ)
        .extracting(f -> Path.of(f.file()))
        .containsExactlyInAnyOrderElementsOf(manifests);
    // the exemptions, with their reasons: the Spark driver creates its executor pods, with its
    // account's token; the
    // spark-submit pod templates are completed by Spark (names, requests and limits)
    assertThat(result.exemptions())
        .extracting(Evaluation.Exemption::checkId)
        .containsExactlyInAnyOrder(
            "rbac-create-pods",
            "service-account-automount",
            "service-account-token-automount",
            "naked-pod",
            "cpu-requests-missing",
            "memory-requests-missing",
            "cpu-limits-missing",
            "memory-limits-missing",
            "naked-pod",
            "cpu-requests-missing",
            "memory-requests-missing",
            "cpu-limits-missing",
            "memory-limits-missing");
  }
}
