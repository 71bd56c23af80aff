package io.fleetcost.files;

import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns the paths of a job's billing inputs into the list of files to read.
 *
 * <ul>
 *   <li>A file is read as it is; a folder is read recursively, taking files with billing-file
 *       extensions and skipping hidden ones ({@code .x}, {@code _x}); a glob is expanded.
 *   <li>Manifests ({@link InputManifests}), given directly or found in a folder, are listed apart
 *       and choose the data files to read: a CUR manifest ({@code *Manifest.json}, {@code
 *       io.fleetcost.billing.aws.CurManifestSelection}) restricts its month to the files in its
 *       {@code reportKeys}.
 *   <li>Files with identical bytes (SHA-256) are read once; the later ones are skipped as
 *       duplicates.
 * </ul>
 */
public final class InputDiscovery {
  private static final List<String> DATA_SUFFIXES =
      List.of(
          ".csv",
          ".csv.gz",
          ".csv.zip",
          ".gz",
          ".zip",
          ".parquet",
          ".json",
          ".jsonl",
          ".ndjson",
          ".json.gz",
          ".jsonl.gz",
          ".ndjson.gz",
          ".txt");

  private final Configuration conf;
  private final InputManifests inputManifests;

  /**
   * @param inputManifests the manifests that choose among the data files found with them
   */
  public InputDiscovery(Configuration conf, InputManifests inputManifests) {
    this.conf = conf;
    this.inputManifests = inputManifests;
  }

  public record Result(List<InputFile> files, List<SkippedFile> skipped) {
    public Result {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
    }
  }

  public Result discover(List<? extends InputPaths> inputs) {
    List<InputFile> files = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    Map<String, String> firstPathByHash = new HashMap<>();
    Set<String> seenPaths = new LinkedHashSet<>();
    for (InputPaths input : inputs) {
      for (String configured : input.paths()) {
        Listing listing = list(input.kind(), input.name(), configured);
        skipped.addAll(listing.skipped());
        for (FileStatus status : listing.dataFiles()) {
          String path = status.getPath().toString();
          if (!seenPaths.add(path)) {
            continue;
          }
          String sha256 = sha256(status.getPath());
          String first = firstPathByHash.putIfAbsent(sha256, path);
          if (first != null) {
            skipped.add(
                new SkippedFile(
                    input.name(),
                    path,
                    SkippedFile.Status.DUPLICATE,
                    "same content (SHA-256) as " + first));
          } else {
            files.add(new InputFile(input.name(), path, status.getLen(), sha256));
          }
        }
      }
    }
    return new Result(files, skipped);
  }

  private record Listing(List<FileStatus> dataFiles, List<SkippedFile> skipped) {}

  private Listing list(String kind, String inputName, String configured) {
    Path path = new Path(configured);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = isGlob(configured) ? fs.globStatus(path) : existing(fs, path);
      if (matches == null || matches.length == 0) {
        throw FleetCostException.userError(
            "Cannot read %s input '%s': no such file or folder: %s", kind, inputName, configured);
      }
      List<FileStatus> candidates = new ArrayList<>();
      List<FileStatus> manifests = new ArrayList<>();
      List<SkippedFile> skipped = new ArrayList<>();
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          walk(fs, match.getPath(), candidates, manifests, skipped, inputName);
        } else if (inputManifests.isManifest(match.getPath().getName())) {
          manifests.add(match);
        } else {
          candidates.add(match);
        }
      }
      boolean manifestGivenDirectly =
          matches.length == 1 && matches[0].isFile() && !manifests.isEmpty();
      return applyManifests(fs, inputName, candidates, manifests, skipped, manifestGivenDirectly);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list " + kind + " input " + configured + ": " + e.getMessage(), e);
    }
  }

  private static FileStatus[] existing(FileSystem fs, Path path) throws IOException {
    return fs.exists(path) ? new FileStatus[] {fs.getFileStatus(path)} : new FileStatus[0];
  }

  private static boolean isGlob(String path) {
    return path.contains("*") || path.contains("?") || path.contains("[") || path.contains("{");
  }

  private void walk(
      FileSystem fs,
      Path folder,
      List<FileStatus> candidates,
      List<FileStatus> manifests,
      List<SkippedFile> skipped,
      String inputName)
      throws IOException {
    FileStatus[] children = fs.listStatus(folder);
    java.util.Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (child.isDirectory()) {
        walk(fs, child.getPath(), candidates, manifests, skipped, inputName);
      } else if (inputManifests.isManifest(name)) {
        manifests.add(child);
      } else if (isDataFileName(name)) {
        candidates.add(child);
      } else {
        skipped.add(
            new SkippedFile(
                inputName,
                child.getPath().toString(),
                SkippedFile.Status.IGNORED,
                "not a billing file extension"));
      }
    }
  }

  static boolean isDataFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return DATA_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  private Listing applyManifests(
      FileSystem fs,
      String inputName,
      List<FileStatus> candidates,
      List<FileStatus> manifestStatuses,
      List<SkippedFile> skipped,
      boolean manifestGivenDirectly)
      throws IOException {
    if (manifestStatuses.isEmpty()) {
      return new Listing(candidates, skipped);
    }
    return new Listing(
        inputManifests.select(
            fs, inputName, candidates, manifestStatuses, manifestGivenDirectly, skipped),
        skipped);
  }

  private String sha256(Path path) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
