package io.fleetcost.samplefleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetFilesDeterminismTest {
  @TempDir Path dir;

  @Test
  void theSameFleetGivesByteIdenticalFiles() throws IOException {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    FleetFiles.Written first = FleetFiles.write(TestFleets.small(), dir.resolve("first"), zone);
    FleetFiles.Written second = FleetFiles.write(TestFleets.small(), dir.resolve("second"), zone);

    assertThat(second).isEqualTo(first);
    assertThat(first.files()).isNotEmpty();
    List<Path> files = listed(dir.resolve("first"));
    assertThat(files).isEqualTo(listed(dir.resolve("second"))).hasSize(first.files().size());
    assertThat(files).containsExactlyInAnyOrderElementsOf(first.files());
    for (Path file : files) {
      assertThat(Files.readAllBytes(dir.resolve("second").resolve(file)))
          .as("%s", file)
          .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
    }
  }

  @Test
  void writingAgainIntoTheSameFolderReplacesTheFilesWithTheSameBytes() throws IOException {
    ZoneId zone = ZoneId.of("UTC");
    FleetFiles.Written written = FleetFiles.write(TestFleets.small(), dir, zone);
    List<byte[]> before = contents(dir);
    assertThat(before).hasSize(written.files().size()).isNotEmpty();
    Files.writeString(dir.resolve(written.files().get(0)), "a file the second write must replace");
    FleetFiles.write(TestFleets.small(), dir, zone);
    assertThat(contents(dir)).containsExactlyElementsOf(before);
  }

  private static List<Path> listed(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  private static List<byte[]> contents(Path root) throws IOException {
    List<Path> files = listed(root);
    return files.stream()
        .map(
            f -> {
              try {
                return Files.readAllBytes(root.resolve(f));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }
}
