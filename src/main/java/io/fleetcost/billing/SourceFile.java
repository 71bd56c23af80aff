package io.fleetcost.billing;

import io.fleetcost.billing.azure.AzureCostDataset;
import io.fleetcost.files.InputFile;
import java.util.Objects;
import org.apache.hadoop.fs.Path;

/**
 * A billing file ready to read: its layout is known and its format decided.
 *
 * @param azureCostDataset for Azure cost details, the dataset the file holds (never AUTO); ignored
 *     otherwise
 */
public record SourceFile(
    InputFile file, FileLayout layout, BillingFormat format, AzureCostDataset azureCostDataset) {
  public SourceFile {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(layout, "layout is null");
    Objects.requireNonNull(format, "format is null");
  }

  public String path() {
    return file.path();
  }

  /** The path as users write it: local files without the {@code file:} scheme. */
  public String displayPath() {
    return displayPath(file.path());
  }

  public static String displayPath(String hadoopPath) {
    Path path = new Path(hadoopPath);
    String scheme = path.toUri().getScheme();
    return scheme == null || scheme.equals("file") ? path.toUri().getPath() : hadoopPath;
  }
}
