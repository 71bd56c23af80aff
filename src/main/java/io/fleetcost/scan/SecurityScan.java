package io.fleetcost.scan;

import io.fleetcost.scan.rule.Checks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scan of manifests: all paths as one cluster, or (each) every path as its own cluster, scanned
 * in the same process, with findings still naming their files — how a corpus of independent test
 * cases is scanned in one run.
 */
public final class SecurityScan {
  private final ManifestLoader loader;
  private final Scanner scanner;

  public SecurityScan(ManifestLoader loader, Scanner scanner) {
    this.loader = loader;
    this.scanner = scanner;
  }

  public SecurityScan() {
    this(new ManifestLoader(), new Scanner(Checks.all()));
  }

  /** The overall result and, with each, one result per path. */
  public record Outcome(ScanResult overall, List<ScanResult> clusters) {
    public Outcome {
      clusters = List.copyOf(clusters);
    }

    /** Files that could not be read, or read only in part. */
    public long unreadableFiles() {
      return overall.files().stream().filter(ScannedFile::unparseable).count();
    }
  }

  public Outcome scan(List<Path> paths, boolean each, BillingGovernance billing) {
    if (!each) {
      ManifestLoader.Loaded loaded = loader.load(paths);
      ScanResult result =
          scanner.scan("cluster", new ClusterView(loaded.manifests(), billing), loaded.files());
      return new Outcome(result, List.of(result));
    }
    List<ScanResult> clusters = new ArrayList<>();
    for (Path path : paths) {
      ManifestLoader.Loaded loaded = loader.load(List.of(path));
      clusters.add(
          scanner.scan(
              path.toString(), new ClusterView(loaded.manifests(), billing), loaded.files()));
    }
    return new Outcome(ScanResult.combine("all", clusters), clusters);
  }
}
