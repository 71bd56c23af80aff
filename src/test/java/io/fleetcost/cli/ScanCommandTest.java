package io.fleetcost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  @TempDir Path dir;

  @Test
  void jsonHasTheContractFieldsAndEveryFileRead() throws IOException {
    Path platform = TestPaths.sample("k8s/platform");
    Cli.Result result = Cli.run("scan", platform.toString(), "--format", "json");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("score").asDouble()).isBetween(0.0, 100.0);
    assertThat(json.get("compliance_pct").asDouble()).isBetween(0.0, 100.0);
    assertThat(json.get("files")).hasSize(8);
    assertThat(json.get("files").findValuesAsText("status")).containsOnly("read");
    JsonNode first = json.get("findings").get(0);
    for (String field :
        List.of(
            "check_id",
            "severity",
            "file",
            "doc_index",
            "kind",
            "namespace",
            "name",
            "path",
            "message",
            "fix",
            "peer_ids")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(first.get("severity").asText()).isEqualTo("critical");
    assertThat(first.get("peer_ids").has("polaris")).isTrue();
    assertThat(first.get("peer_ids").has("kubescape")).isTrue();
    // ranked: severity never rises down the list
    List<String> order = List.of("critical", "high", "medium", "low");
    List<Integer> ranks = new ArrayList<>();
    json.get("findings").forEach(f -> ranks.add(order.indexOf(f.get("severity").asText())));
    assertThat(ranks).isSorted();
  }

  @Test
  void eachPathIsItsOwnClusterAndFindingsKeepTheirFiles() throws IOException {
    // two independent cases: a RoleBinding in one file, the Role it names in the other. As one
    // cluster the subject
    // can read Secrets; each on its own, the binding points to a missing role and the role is
    // unbound.
    Path binding =
        Files.writeString(
            dir.resolve("binding.yaml"),
            """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: reader, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
        subjects: [{kind: User, name: alice}]
        """);
    Path role =
        Files.writeString(
            dir.resolve("role.yaml"),
            """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: secret-reader, namespace: team}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
        """);
    JsonNode together =
        new ObjectMapper()
            .readTree(
                Cli.run("scan", binding.toString(), role.toString(), "--format", "json").out());
    assertThat(together.get("findings").findValuesAsText("check_id"))
        .contains("rbac-read-secrets")
        .doesNotContain("rbac-binding-to-missing-role");
    assertThat(together.has("clusters")).isFalse();
    Cli.Result each =
        Cli.run("scan", binding.toString(), role.toString(), "--each", "--format", "json");
    JsonNode apart = new ObjectMapper().readTree(each.out());
    assertThat(apart.get("clusters")).hasSize(2);
    assertThat(apart.get("findings").findValuesAsText("check_id"))
        .contains("rbac-binding-to-missing-role", "rbac-read-secrets");
    for (JsonNode f : apart.get("findings")) {
      if (f.get("check_id").asText().equals("rbac-binding-to-missing-role")) {
        assertThat(f.get("file").asText()).isEqualTo(binding.toString());
      }
      if (f.get("check_id").asText().equals("rbac-read-secrets")) {
        assertThat(f.get("file").asText()).as("the unbound role itself").isEqualTo(role.toString());
        assertThat(f.get("kind").asText()).isEqualTo("Role");
      }
    }
    Cli.Result text = Cli.run("scan", binding.toString(), role.toString(), "--each");
    assertThat(text.out()).contains("score").contains(binding.toString()).contains(role.toString());
  }

  @Test
  void anEmptyFolderHasNoScore() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Cli.Result text = Cli.run("scan", empty.toString());
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .startsWith(
            "FleetCost security scan: score n/a — no manifests scanned, compliance n/a, 0 findings in 0 files");
    JsonNode json =
        new ObjectMapper().readTree(Cli.run("scan", empty.toString(), "--format", "json").out());
    assertThat(json.get("score").isNull()).as(json.toString()).isTrue();
    assertThat(json.get("compliance_pct").isNull()).isTrue();
    assertThat(json.get("score_text").asText()).isEqualTo("n/a — no manifests scanned");
    assertThat(json.get("partial").asBoolean()).isFalse();
  }

  @Test
  void aFileThatCannotBeParsedIsAnErrorAndMakesTheScorePartial() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(folder.resolve("bad.yaml"), "kind: Pod\nmetadata: {name: [\n");
    Files.writeString(
        folder.resolve("pod.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: team}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext: {privileged: true}
        """);
    Cli.Result text = Cli.run("scan", folder.toString());
    assertThat(text.exitCode()).as("an unreadable file still exits 2").isEqualTo(2);
    assertThat(text.out()).containsPattern("score [0-9.]+ / 100 \\(partial: 1 file not read\\)");
    assertThat(text.out()).contains("error       " + folder.resolve("bad.yaml"));
    JsonNode json =
        new ObjectMapper().readTree(Cli.run("scan", folder.toString(), "--format", "json").out());
    assertThat(json.get("partial").asBoolean()).isTrue();
    assertThat(json.get("files_not_read"))
        .extracting(JsonNode::asText)
        .containsExactly(folder.resolve("bad.yaml").toString());
    assertThat(json.get("score").isNumber()).as("the files read are scored").isTrue();
  }

  @Test
  void aMissingPathOrAMalformedFileExitsTwoAfterPrintingTheReport() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: Pod\nmetadata: {name: [\n");
    Cli.Result result = Cli.run("scan", bad.toString(), dir.resolve("nope").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out())
        .contains("error       " + bad)
        .contains("not valid YAML")
        .contains("no such file or folder");
    assertThat(Cli.run("scan", "--format", "xml", bad.toString()).exitCode()).isEqualTo(2);
  }
}
