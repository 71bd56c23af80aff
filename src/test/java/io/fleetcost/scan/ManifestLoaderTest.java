package io.fleetcost.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  @TempDir Path dir;

  private ManifestLoader.Loaded load(Path... paths) {
    return new ManifestLoader().load(List.of(paths));
  }

  @Test
  void multiDocumentYamlListDumpsHelmOutputAndJson() throws IOException {
    Path helm =
        Files.writeString(
            dir.resolve("helm.yaml"),
            """
        ---
        # Source: chart/templates/sa.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a, namespace: ns}
        ---
        ---
        # Source: chart/templates/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: ns}
        spec: {template: {spec: {containers: [{name: c, image: "x:1"}]}}}
        """);
    Path dump =
        Files.writeString(
            dir.resolve("dump.yaml"),
            """
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: v1, kind: ConfigMap, metadata: {name: one, namespace: ns}}
          - {apiVersion: v1, kind: ConfigMap, metadata: {name: two, namespace: ns}}
        """);
    Path json =
        Files.writeString(
            dir.resolve("role.json"),
            "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\",\"metadata\":{\"name\":\"r\",\"namespace\":\"ns\"},\"rules\":[]}");
    ManifestLoader.Loaded loaded = load(helm, dump, json);
    assertThat(loaded.manifests())
        .extracting(Manifest::kind)
        .containsExactly("ServiceAccount", "Deployment", "ConfigMap", "ConfigMap", "Role");
    assertThat(loaded.manifests().get(3).pathPrefix()).isEqualTo("items[1].");
    assertThat(loaded.manifests().get(3).docIndex()).isZero();
    assertThat(loaded.files())
        .extracting(ScannedFile::status)
        .containsOnly(ScannedFile.Status.READ);
    assertThat(loaded.files().get(0).objects()).isEqualTo(2);
  }

  @Test
  void aMalformedDocumentIsReportedWithItsIndexAndTheOnesBeforeItAreKept() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ok}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: [unclosed
        """);
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"kind\": ");
    ManifestLoader.Loaded loaded = load(bad, broken);
    assertThat(loaded.manifests()).extracting(Manifest::name).containsExactly("ok");
    ScannedFile first = loaded.files().get(0);
    assertThat(first.status()).isEqualTo(ScannedFile.Status.PARTLY_READ);
    assertThat(first.problems())
        .singleElement()
        .asString()
        .startsWith("document 1: not valid YAML")
        .contains("line");
    assertThat(loaded.files().get(1).status()).isEqualTo(ScannedFile.Status.ERROR);
    assertThat(loaded.files().get(1).problems().get(0)).startsWith("document 0: not valid JSON");
  }

  @Test
  void unknownKindsAreReadDocumentsWithoutKindAreSkippedWithTheReason() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("mixed.yaml"),
            """
        apiVersion: example.com/v1
        kind: GpuQuota
        metadata: {name: q}
        ---
        just: a map
        ---
        - a list
        """);
    ManifestLoader.Loaded loaded = load(file, dir.resolve("missing.yaml"));
    assertThat(loaded.manifests()).extracting(Manifest::kind).containsExactly("GpuQuota");
    assertThat(loaded.files().get(0).problems())
        .containsExactly(
            "document 1: not a Kubernetes object (no kind)",
            "document 2: not a Kubernetes object (a array)");
    assertThat(loaded.files().get(1).status()).isEqualTo(ScannedFile.Status.ERROR);
    assertThat(loaded.files().get(1).problems()).containsExactly("no such file or folder");
    ScanResult result = new SecurityScan().scan(List.of(file), false, null).overall();
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void aTenMegabyteFileIsReadAndOneOverTheLimitIsSkippedWithTheReason() throws IOException {
    Path big = dir.resolve("big.yaml");
    try (BufferedWriter out = Files.newBufferedWriter(big)) {
      for (int document = 0; document < 40_000; document++) {
        out.write(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-"
                + document
                + "\n  namespace: bulk\ndata:\n  key: value-"
                + "x".repeat(180)
                + "\n---\n");
      }
    }
    assertThat(Files.size(big)).isGreaterThan(10L * 1024 * 1024);
    ManifestLoader.Loaded loaded = load(big);
    assertThat(loaded.files().get(0).status()).isEqualTo(ScannedFile.Status.READ);
    assertThat(loaded.manifests()).hasSize(40_000);
    ManifestLoader.Loaded limited = new ManifestLoader(1024 * 1024).load(List.of(big));
    assertThat(limited.manifests()).isEmpty();
    assertThat(limited.files().get(0).status()).isEqualTo(ScannedFile.Status.SKIPPED);
    assertThat(limited.files().get(0).problems().get(0))
        .contains("larger than the limit of 1,048,576 bytes");
  }

  @Test
  void aBillionLaughsDocumentIsNotExpanded() throws IOException {
    // 9 levels of 9 aliases each would be 9^10 strings expanded; the parser keeps aliases as
    // references
    StringBuilder yaml =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      yaml.append("]\n");
      previous = c;
    }
    Path bomb = Files.writeString(dir.resolve("bomb.yaml"), yaml);
    ManifestLoader.Loaded loaded = load(bomb);
    assertThat(loaded.manifests()).isEmpty();
    assertThat(loaded.files().get(0).problems())
        .containsExactly("document 0: not a Kubernetes object (no kind)");
  }
}
