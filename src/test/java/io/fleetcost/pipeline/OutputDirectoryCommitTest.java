package io.fleetcost.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last artifact of a commit is its marker: it is moved aside before anything is replaced and
 * moved in last, so a commit that fails half-way (as a copy can on an object store) leaves no
 * marker over a mix of two runs.
 */
class OutputDirectoryCommitTest {
  @TempDir Path dir;

  @Test
  void aCommitReplacesEveryArtifactAndTheMarkerLast() throws IOException {
    Path root = dir.resolve("out");
    Files.createDirectories(root.resolve("billing"));
    Files.writeString(root.resolve("billing/a.json"), "old a");
    Files.writeString(root.resolve("summary.json"), "old summary");
    try (OutputDirectory output =
        new OutputDirectory(new Configuration(), root.toString(), "run-2")) {
      output.writeText("billing/a.json", "new a");
      output.writeText("summary.json", "new summary");
      output.commit(List.of("billing/a.json", "summary.json"));
    }
    assertThat(Files.readString(root.resolve("billing/a.json"))).isEqualTo("new a");
    assertThat(Files.readString(root.resolve("summary.json"))).isEqualTo("new summary");
    try (var children = Files.list(root)) {
      assertThat(children.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("billing", "summary.json");
    }
  }

  @Test
  void aCommitThatFailsHalfWayLeavesNoMarker() throws IOException {
    Path root = dir.resolve("out");
    Files.createDirectories(root);
    Files.writeString(root.resolve("a.json"), "old a");
    Files.writeString(root.resolve("summary.json"), "old summary");
    // a file where the commit needs a folder: the second artifact cannot be moved into place
    Files.writeString(root.resolve("reports"), "in the way");
    try (OutputDirectory output =
        new OutputDirectory(new Configuration(), root.toString(), "run-2")) {
      output.writeText("a.json", "new a");
      output.writeText("reports/b.json", "new b");
      output.writeText("summary.json", "new summary");
      assertThatThrownBy(() -> output.commit(List.of("a.json", "reports/b.json", "summary.json")))
          .isInstanceOf(FleetCostException.class)
          .hasMessageStartingWith("Cannot commit outputs in ");
    }
    assertThat(Files.readString(root.resolve("a.json")))
        .as("replaced before the failure")
        .isEqualTo("new a");
    assertThat(root.resolve("summary.json")).as("no marker over a mix of two runs").doesNotExist();
  }
}
