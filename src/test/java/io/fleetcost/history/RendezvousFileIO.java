package io.fleetcost.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * Iceberg's {@link HadoopFileIO} for {@link ConcurrentHistoryWriter}: a commit that its writer has
 * armed (a file {@code armed-<writer>-<table>} in the rendezvous folder, made by the writer's
 * {@link TableCommitHook}) waits, when it writes the table's next {@code metadata.json}, until the
 * other writer has reached the same commit of the same table. Each has then built its new table
 * metadata on what it read before either swapped the catalog's pointer, so exactly one of the two
 * pointer swaps fails and is retried on the newer table: the collision every such commit would
 * otherwise only risk.
 *
 * <p>Every {@code metadata.json} written after a table's creation is counted in {@code
 * writes-<writer>} (one line per write, the table's name), so that the test tells the commits that
 * landed from the attempts that were retried.
 *
 * <p>Catalog properties: {@value #FOLDER}, {@value #WRITER}, {@value #OTHER}.
 */
public class RendezvousFileIO extends HadoopFileIO {
  static final String FOLDER = "fleetcost-test.rendezvous";
  static final String WRITER = "fleetcost-test.writer";
  static final String OTHER = "fleetcost-test.other";
  private static final long WAIT_MINUTES = 3;

  private String folder;
  private String writer;
  private String other;

  public RendezvousFileIO() {}

  @Override
  public void initialize(Map<String, String> properties) {
    super.initialize(properties);
    this.folder = properties.get(FOLDER);
    this.writer = properties.get(WRITER);
    this.other = properties.get(OTHER);
  }

  @Override
  public OutputFile newOutputFile(String path) {
    OutputFile file = super.newOutputFile(path);
    if (!path.endsWith(".metadata.json")) {
      return file;
    }
    return new OutputFile() {
      @Override
      public PositionOutputStream create() {
        meet(path);
        return file.create();
      }

      @Override
      public PositionOutputStream createOrOverwrite() {
        meet(path);
        return file.createOrOverwrite();
      }

      @Override
      public String location() {
        return file.location();
      }

      @Override
      public InputFile toInputFile() {
        return file.toInputFile();
      }
    };
  }

  /** {@code <warehouse>/<namespace>/<table>/metadata/<version>-<uuid>.metadata.json}. */
  private void meet(String metadataFile) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(metadataFile);
    if (path.getName().startsWith("00000-")) {
      return; // the table's creation, in the open: not a commit of the write protocol
    }
    String table = path.getParent().getParent().getName();
    Path rendezvous = Path.of(folder);
    try {
      Files.writeString(
          rendezvous.resolve("writes-" + writer),
          table + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (!Files.deleteIfExists(rendezvous.resolve("armed-" + writer + "-" + table))) {
        return; // not an armed commit: a retry of one, or a write outside the protocol
      }
      int round;
      try (var arrived = Files.list(rendezvous)) {
        round =
            (int)
                arrived
                    .filter(
                        p ->
                            p.getFileName()
                                .toString()
                                .startsWith("arrived-" + writer + "-" + table + "-"))
                    .count();
      }
      Files.writeString(rendezvous.resolve("arrived-" + writer + "-" + table + "-" + round), "");
      Path theirs = rendezvous.resolve("arrived-" + other + "-" + table + "-" + round);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
      while (!Files.exists(theirs)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              writer + " waited " + WAIT_MINUTES + " minutes for " + theirs);
        }
        Thread.sleep(5);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the rendezvous of " + table, e);
    }
  }
}
