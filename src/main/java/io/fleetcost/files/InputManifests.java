package io.fleetcost.files;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Files found among an input's data files that say which of them to read: an AWS CUR manifest names
 * the files of its month's latest assembly ({@code io.fleetcost.billing.aws.CurManifestSelection},
 * kept with its provider). {@link InputDiscovery} lists them apart from the data files, then lets
 * them choose.
 */
public interface InputManifests {
  /** Whether a file, by its name, is a manifest: listed apart, never read as data. */
  boolean isManifest(String fileName);

  /**
   * The data files of one configured path to read, given the manifests found with them.
   *
   * @param fs the file system of the path
   * @param inputName the job's name of the input, for messages
   * @param dataFiles the data files found, in listing order
   * @param manifests the manifests found, never empty
   * @param manifestGivenDirectly whether the configured path is a single manifest file
   * @param skipped the files left out so far; the data files the manifests leave out are added,
   *     with the reason
   * @return the data files to read, in order
   * @throws io.fleetcost.error.FleetCostException a user error when a manifest cannot be read or
   *     names a file that is not there
   */
  List<FileStatus> select(
      FileSystem fs,
      String inputName,
      List<FileStatus> dataFiles,
      List<FileStatus> manifests,
      boolean manifestGivenDirectly,
      List<SkippedFile> skipped)
      throws IOException;
}
