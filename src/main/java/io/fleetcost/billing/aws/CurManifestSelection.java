package io.fleetcost.billing.aws;

import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.InputManifests;
import io.fleetcost.files.SkippedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Legacy CUR manifests ({@code *Manifest.json}) choosing the files of an input: a manifest, given
 * directly or found in a folder, restricts its month to the files in its {@code reportKeys}; files
 * of older assemblies of that month (in the manifests' folders, or every other file when the
 * manifest is the configured path) are skipped as superseded. When a folder holds several manifests
 * of one month, the shallowest (the month-level one AWS rewrites at each delivery) wins, then the
 * newest. Files elsewhere are read as they are.
 */
public final class CurManifestSelection implements InputManifests {
  @Override
  public boolean isManifest(String fileName) {
    return CurManifest.looksLikeManifest(fileName);
  }

  @Override
  public List<FileStatus> select(
      FileSystem fs,
      String inputName,
      List<FileStatus> candidates,
      List<FileStatus> manifestStatuses,
      boolean manifestGivenDirectly,
      List<SkippedFile> skipped)
      throws IOException {
    Map<String, FileStatus> winners = new LinkedHashMap<>();
    Map<String, CurManifest> parsed = new HashMap<>();
    for (FileStatus status : manifestStatuses) {
      CurManifest manifest =
          CurManifest.parse(status.getPath().toString(), readString(fs, status.getPath()));
      parsed.put(status.getPath().toString(), manifest);
      winners.merge(manifest.periodKey(), status, CurManifestSelection::preferred);
    }
    List<FileStatus> selected = new ArrayList<>();
    Set<String> selectedPaths = new LinkedHashSet<>();
    List<Path> manifestFolders = new ArrayList<>();
    for (FileStatus winner : winners.values()) {
      CurManifest manifest = parsed.get(winner.getPath().toString());
      if (manifest.reportKeys().isEmpty()) {
        throw FleetCostException.userError(
            "Cannot read billing input '%s': CUR manifest %s lists no report files (reportKeys is empty)",
            inputName, winner.getPath());
      }
      Path folder = winner.getPath().getParent();
      manifestFolders.add(folder);
      for (String key : manifest.reportKeys()) {
        FileStatus file = locateReportKey(fs, folder, key, winner.getPath(), inputName);
        if (selectedPaths.add(file.getPath().toString())) {
          selected.add(file);
        }
      }
    }
    List<FileStatus> result = new ArrayList<>(selected);
    for (FileStatus candidate : candidates) {
      String path = candidate.getPath().toString();
      if (selectedPaths.contains(path)) {
        continue;
      }
      if (manifestGivenDirectly || isUnder(candidate.getPath(), manifestFolders)) {
        skipped.add(
            new SkippedFile(
                inputName,
                path,
                SkippedFile.Status.SUPERSEDED,
                "not in the reportKeys of the month's latest CUR manifest"));
      } else {
        result.add(candidate);
      }
    }
    return result;
  }

  /** The month-level manifest (shallowest path) wins; among equals, the newest. */
  private static FileStatus preferred(FileStatus a, FileStatus b) {
    int depthA = a.getPath().depth();
    int depthB = b.getPath().depth();
    if (depthA != depthB) {
      return depthA < depthB ? a : b;
    }
    return a.getModificationTime() >= b.getModificationTime() ? a : b;
  }

  /**
   * Report keys are S3 keys ({@code prefix/report/20240101-20240201/<assembly>/report-1.csv.gz});
   * locally the manifest sits somewhere along that key. The longest tail of the key that exists
   * below the manifest's folder is the file.
   */
  private static FileStatus locateReportKey(
      FileSystem fs, Path folder, String key, Path manifest, String inputName) throws IOException {
    String[] parts = key.split("/");
    for (int start = 0; start < parts.length; start++) {
      String tail = String.join("/", Arrays.copyOfRange(parts, start, parts.length));
      if (tail.isEmpty()) {
        continue;
      }
      Path candidate = new Path(folder, tail);
      if (fs.exists(candidate) && fs.getFileStatus(candidate).isFile()) {
        return fs.getFileStatus(candidate);
      }
    }
    throw FleetCostException.userError(
        "Cannot read billing input '%s': CUR manifest %s lists report key %s, but no such file is under %s",
        inputName, manifest, key, folder);
  }

  private static boolean isUnder(Path file, List<Path> folders) {
    String path = file.toUri().getPath();
    for (Path folder : folders) {
      String prefix = folder.toUri().getPath();
      if (path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String readString(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
