package io.fleetcost.pipeline;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's output folder, written so that nothing half-written is ever visible: every artifact is
 * first written under {@code .staging-<run id>/} and then renamed into place, replacing the
 * previous one, only when all of them are complete. A failed run leaves the previous outputs as
 * they were. The last artifact of a commit ({@code summary.json}) is its marker: the previous
 * marker is moved aside before anything else is replaced and the new one is moved in last, so
 * whenever the marker is there, every artifact it lists is complete and of its run. On a local or
 * HDFS file system each rename is atomic; on an object store ({@code s3a://}, {@code gs://}, {@code
 * abfss://} without hierarchical namespace) a rename is a copy and a delete, so while a commit runs
 * a folder such as {@code billing/normalized/} can be partly copied: readers key on the marker, and
 * a commit that fails half-way leaves no marker rather than a mix of two runs under one.
 */
public final class OutputDirectory implements AutoCloseable {
  private final FileSystem fs;
  private final Path root;
  private final Path staging;
  private final Path trash;

  public OutputDirectory(Configuration conf, String root, String runId) {
    try {
      Path rootPath = new Path(root);
      this.fs = rootPath.getFileSystem(conf);
      this.root = fs.makeQualified(rootPath);
      this.staging = new Path(this.root, ".staging-" + runId);
      this.trash = new Path(this.root, ".replaced-" + runId);
      if (fs.exists(this.root) && !fs.getFileStatus(this.root).isDirectory()) {
        throw FleetCostException.userError(
            "Cannot write outputs to %s: it is a file, not a folder", root);
      }
      fs.mkdirs(staging);
    } catch (IOException e) {
      throw new FleetCostException(
          ErrorCode.USER_ERROR, "Cannot write outputs to " + root + ": " + e.getMessage(), e);
    }
  }

  /** Where to write an artifact before it is committed. */
  public String staged(String name) {
    return new Path(staging, name).toString();
  }

  /** The artifact's final location. */
  public String finalPath(String name) {
    return new Path(root, name).toString();
  }

  public String root() {
    return root.toString();
  }

  public void writeText(String name, String content) {
    writeBytes(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public void writeBytes(String name, byte[] content) {
    Path target = new Path(staging, name);
    // the local file system's checksum wrapper would leave a .crc file beside every summary
    FileSystem writer = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    try (OutputStream out = writer.create(target, true)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Removes a staged artifact that will be written again (nothing when it was not written). */
  public void discard(String name) {
    try {
      fs.delete(new Path(staging, name), true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot remove " + new Path(staging, name) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves the named artifacts into place, in order, replacing what was there; the last one is the
   * marker.
   */
  public void commit(List<String> names) {
    try {
      for (String name : names) {
        if (!fs.exists(new Path(staging, name))) {
          throw new FleetCostException(
              ErrorCode.INTERNAL, "Cannot commit " + name + ": it was not written");
        }
      }
      if (!names.isEmpty()) {
        moveAside(names.get(names.size() - 1));
      }
      for (String name : names) {
        Path source = new Path(staging, name);
        Path target = new Path(root, name);
        fs.mkdirs(target.getParent());
        moveAside(name);
        if (!fs.rename(source, target)) {
          throw new IOException("cannot move " + source + " to " + target);
        }
      }
      fs.delete(trash, true);
    } catch (IOException e) {
      throw new FleetCostException(
          ErrorCode.EXTERNAL, "Cannot commit outputs in " + root + ": " + e.getMessage(), e);
    }
  }

  private void moveAside(String name) throws IOException {
    Path target = new Path(root, name);
    if (fs.exists(target)) {
      Path old = new Path(trash, name);
      fs.mkdirs(old.getParent());
      if (!fs.rename(target, old)) {
        throw new IOException("cannot move aside " + target);
      }
    }
  }

  /**
   * Removes the staging folder: after a commit it is empty; after a failure it holds the incomplete
   * outputs.
   */
  @Override
  public void close() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + staging + ": " + e.getMessage(), e);
    }
  }
}
