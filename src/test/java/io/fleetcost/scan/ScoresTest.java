package io.fleetcost.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.scan.rule.MemoryLimitsMissing;
import io.fleetcost.scan.rule.PrivilegedContainer;
import io.fleetcost.scan.rule.RunsAsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two scores on three pods and three checks, computed by hand. */
class ScoresTest {
  @TempDir Path dir;

  static final Scanner SCANNER =
      new Scanner(List.of(new PrivilegedContainer(), new RunsAsRoot(), new MemoryLimitsMissing()));

  private static String pod(
      String name, String securityContext, String resources, String annotations) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: team
        %s
        spec:
          containers:
            - name: main
              image: registry.example.com/app:1.0
              securityContext: %s
              resources: %s
        ---
        """
        .formatted(name, annotations, securityContext, resources);
  }

  private ScanResult scan(String cAnnotations) throws IOException {
    String manifests =
        pod("a", "{privileged: true}", "{}", "")
            + pod("b", "{runAsNonRoot: true}", "{limits: {memory: 1Gi}}", "")
            + pod("c", "{}", "{limits: {memory: 1Gi}}", cAnnotations);
    Path file = Files.writeString(dir.resolve("pods.yaml"), manifests);
    ManifestLoader.Loaded loaded = new ManifestLoader().load(List.of(file));
    return SCANNER.scan("test", new ClusterView(loaded.manifests()), loaded.files());
  }

  @Test
  void weightedScoreAndCompliancePercentage() throws IOException {
    // a: privileged, root (nothing says non-root), no memory limit -> fails all three
    // b: non-root, memory limit -> passes all three
    // c: root, memory limit -> fails runs-as-root only
    ScanResult result = scan("");
    assertThat(result.checks()).extracting(CheckResult::evaluated).containsExactly(3, 3, 3);
    assertThat(result.checks()).extracting(CheckResult::failed).containsExactly(1, 2, 1);
    // score = 100 x (1 - (8 x 1 + 6 x 2 + 5 x 1) / ((8 + 6 + 5) x 3)) = 100 x (1 - 25 / 57) = 56.14
    // -> 56.1
    assertThat(result.score()).isEqualTo(56.1);
    // compliance = mean(2/3, 1/3, 2/3) x 100 = 55.56 -> 55.6
    assertThat(result.compliancePct()).isEqualTo(55.6);
    // ranked by severity x weight: privileged (high 3 x 8 = 24) before runs-as-root (medium 2 x 6 =
    // 12) and
    // memory-limits-missing (medium 2 x 5 = 10)
    assertThat(result.findings())
        .extracting(f -> f.check().id())
        .containsExactly(
            "privileged-container", "runs-as-root", "runs-as-root", "memory-limits-missing");
    assertThat(result.findings().get(0).path())
        .isEqualTo("spec.containers[0].securityContext.privileged");
    assertThat(result.findings().get(0).docIndex()).isZero();
    assertThat(result.findings().get(2).name()).isEqualTo("c");
  }

  @Test
  void anExemptionWithAReasonCountsAsPassedAndIsListed() throws IOException {
    ScanResult result =
        scan(
            "  annotations:\n    fleetcost.io/exempt: runs-as-root\n    fleetcost.io/exempt-reason: the vendor image needs root\n");
    // runs-as-root now fails only a: score = 100 x (1 - (8 + 6 + 5) / 57) = 66.67 -> 66.7;
    // compliance mean(2/3 x 3) = 66.7
    assertThat(result.checks()).extracting(CheckResult::failed).containsExactly(1, 1, 1);
    assertThat(result.checks().get(1).exempted()).isEqualTo(1);
    assertThat(result.score()).isEqualTo(66.7);
    assertThat(result.compliancePct()).isEqualTo(66.7);
    assertThat(result.exemptions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("c");
              assertThat(e.reason()).isEqualTo("the vendor image needs root");
            });
    // without a reason the annotation does not count
    ScanResult unexplained = scan("  annotations:\n    fleetcost.io/exempt: runs-as-root\n");
    assertThat(unexplained.checks().get(1).failed()).isEqualTo(2);
    assertThat(unexplained.findings())
        .anySatisfy(f -> assertThat(f.message()).contains("exempt-reason is missing"));
  }

  @Test
  void nothingEvaluatedHasNoScoreRatherThanAPerfectOne() {
    ScanResult result = SCANNER.scan("empty", new ClusterView(List.of()), List.of());
    assertThat(result.score()).isNull();
    assertThat(result.compliancePct()).isNull();
    assertThat(result.partial()).isFalse();
    assertThat(result.scoreText()).isEqualTo("n/a — no manifests scanned");
  }
}
