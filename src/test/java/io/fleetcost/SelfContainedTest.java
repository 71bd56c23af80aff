package io.fleetcost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user's clone has nothing beside it: no file of the project outside the documentation may point
 * at a folder beside the checkout. Walks the project's own files (not build output, the generated
 * sample fleet or version control).
 */
class SelfContainedTest {
  /** Built from parts so that this file does not match itself. */
  static final String BESIDE_THE_CHECKOUT = ".." + "/shared";

  static final Set<String> SKIPPED_FOLDERS =
      Set.of(
          ".git",
          "target",
          "out",
          "bench-work",
          "warehouse",
          "spark-warehouse",
          "metastore_db",
          ".idea",
          ".vscode");

  @Test
  void noProjectFileOutsideTheDocsReadsAFolderBesideTheCheckout() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(TestPaths.PROJECT)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !skipped(TestPaths.PROJECT.relativize(p)))
              .filter(p -> !p.getFileName().toString().endsWith(".md"))
              .toList();
    }
    assertThat(files).as("project files walked").hasSizeGreaterThan(200);
    List<String> offenders =
        files.stream()
            .filter(SelfContainedTest::mentionsTheFolderBeside)
            .map(p -> TestPaths.PROJECT.relativize(p).toString())
            .toList();
    assertThat(offenders)
        .as("files that mention %s (copy what they need into the repository)", BESIDE_THE_CHECKOUT)
        .isEmpty();
  }

  @Test
  void theGuardFindsAMention(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("Reader.java"), "Path p = Path.of(\"" + BESIDE_THE_CHECKOUT + "/data\");");
    assertThat(mentionsTheFolderBeside(file)).isTrue();
    assertThat(mentionsTheFolderBeside(Files.writeString(dir.resolve("ok.txt"), "../sample-data")))
        .isFalse();
  }

  private static boolean skipped(Path relative) {
    if (relative.startsWith(Path.of("sample-data", "fleet", "data"))) {
      return true;
    }
    for (Path part : relative) {
      if (SKIPPED_FOLDERS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsTheFolderBeside(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        String text =
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return text.contains(BESIDE_THE_CHECKOUT);
      } catch (CharacterCodingException binary) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(BESIDE_THE_CHECKOUT);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
