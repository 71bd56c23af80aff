package io.fleetcost.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.aws.CurManifestSelection;
import io.fleetcost.billing.azure.AzureCostDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDiscoveryTest {
  @TempDir Path dir;

  private Path file(String relative, String content) throws IOException {
    Path path = dir.resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, content);
  }

  private static String manifest(String assembly, String... keys) {
    return "{\"assemblyId\":\""
        + assembly
        + "\",\"reportName\":\"cur\",\"billingPeriod\":{\"start\":\"20240101T000000.000Z\","
        + "\"end\":\"20240201T000000.000Z\"},\"reportKeys\":[\""
        + String.join("\",\"", keys)
        + "\"],\"columns\":[]}";
  }

  private InputDiscovery.Result discover(String... paths) {
    return new InputDiscovery(new Configuration(), new CurManifestSelection())
        .discover(List.of(new BillingInput("cur", List.of(paths), null, AzureCostDataset.AUTO)));
  }

  private static List<String> names(List<InputFile> files) {
    return files.stream().map(f -> f.path().substring(f.path().indexOf("/cur/") + 1)).toList();
  }

  @Test
  void aRestatedMonthIsReadFromItsLatestManifestOnly() throws IOException {
    // AWS rewrites the month-level manifest at every delivery; each assembly keeps its own copy.
    file("cur/report/20240101-20240201/aaaa/report-1.csv.gz", "old 1");
    file("cur/report/20240101-20240201/aaaa/report-2.csv.gz", "old 2");
    file(
        "cur/report/20240101-20240201/aaaa/report-Manifest.json",
        manifest(
            "aaaa",
            "prefix/report/20240101-20240201/aaaa/report-1.csv.gz",
            "prefix/report/20240101-20240201/aaaa/report-2.csv.gz"));
    file("cur/report/20240101-20240201/bbbb/report-1.csv.gz", "new 1");
    file(
        "cur/report/20240101-20240201/bbbb/report-Manifest.json",
        manifest("bbbb", "prefix/report/20240101-20240201/bbbb/report-1.csv.gz"));
    file(
        "cur/report/20240101-20240201/report-Manifest.json",
        manifest("bbbb", "prefix/report/20240101-20240201/bbbb/report-1.csv.gz"));
    file("cur/other/loose.csv", "a loose file outside the month folder");

    InputDiscovery.Result result = discover(dir.resolve("cur").toString());
    assertThat(names(result.files()))
        .containsExactly(
            "cur/report/20240101-20240201/bbbb/report-1.csv.gz", "cur/other/loose.csv");
    assertThat(result.skipped())
        .extracting(SkippedFile::status)
        .containsExactly(SkippedFile.Status.SUPERSEDED, SkippedFile.Status.SUPERSEDED);
    assertThat(result.skipped()).extracting(SkippedFile::path).allMatch(p -> p.contains("/aaaa/"));
  }

  @Test
  void aManifestGivenDirectlyNamesTheFilesToRead() throws IOException {
    file("cur/m/x/report-1.csv", "1");
    file("cur/m/x/report-2.csv", "2");
    Path manifest = file("cur/m/report-Manifest.json", manifest("x", "p/m/x/report-2.csv"));
    assertThat(names(discover(manifest.toString()).files()))
        .containsExactly("cur/m/x/report-2.csv");
  }

  @Test
  void aManifestListingAMissingFileIsAnError() throws IOException {
    Path manifest = file("cur/m/report-Manifest.json", manifest("x", "p/m/x/report-9.csv"));
    assertThatThrownBy(() -> discover(manifest.toString()))
        .hasMessageContaining("report-9.csv")
        .hasMessageContaining(manifest.toString());
    Path empty = file("cur/e/report-Manifest.json", manifest("y").replace("[\"\"]", "[]"));
    assertThatThrownBy(() -> discover(empty.toString()))
        .hasMessageContaining("lists no report files");
  }

  @Test
  void identicalFilesAreReadOnceAndFoldersSkipHiddenAndForeignFiles() throws IOException {
    file("cur/a.csv", "same bytes");
    file("cur/b.csv", "same bytes");
    file("cur/.hidden.csv", "x");
    file("cur/_SUCCESS", "");
    file("cur/notes.md", "not billing");
    InputDiscovery.Result result = discover(dir.resolve("cur").toString());
    assertThat(names(result.files())).containsExactly("cur/a.csv");
    assertThat(result.skipped())
        .extracting(SkippedFile::status)
        .containsExactlyInAnyOrder(SkippedFile.Status.DUPLICATE, SkippedFile.Status.IGNORED);
    assertThat(result.files().get(0).sha256()).hasSize(64);
  }

  @Test
  void aMissingPathIsAnErrorNamingTheInput() {
    assertThatThrownBy(() -> discover(dir.resolve("nope").toString()))
        .hasMessageContaining("billing input 'cur'")
        .hasMessageContaining("nope");
  }

  @Test
  void globsAreExpanded() throws IOException {
    file("cur/2024-01.csv", "1");
    file("cur/2024-02.csv", "2");
    file("cur/2023-12.csv", "3");
    assertThat(names(discover(dir.resolve("cur").toString() + "/2024-*.csv").files()))
        .containsExactlyInAnyOrder("cur/2024-01.csv", "cur/2024-02.csv");
  }
}
