package io.fleetcost.samplefleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.cli.FleetCostMain;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample fleet's generator is test code: no class of the product ({@code src/main/java},
 * compiled into {@code target/classes} and so into {@code fleetcost.jar}) is in its package or uses
 * it. {@code NotInProductJarIT} checks the packaged jar.
 */
class NotInProductTest {
  static final String PACKAGE = "io.fleetcost.samplefleet";

  @Test
  void theProductsClassesHoldNoGeneratorClass() throws URISyntaxException, IOException {
    Path productClasses =
        Path.of(FleetCostMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path generatorClasses =
        Path.of(
            SampleFleetGenerator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(productClasses).as("the product's classes (target/classes)").isDirectory();
    assertThat(generatorClasses)
        .as("where the generator is loaded from: the test classes")
        .isNotEqualTo(productClasses);
    // a build from before the move may have left the package's folder, emptied by the compiler:
    // files count, not folders
    Path leftover = productClasses.resolve(PACKAGE.replace('.', '/'));
    if (Files.exists(leftover)) {
      try (Stream<Path> files = Files.walk(leftover)) {
        assertThat(files.filter(Files::isRegularFile).toList())
            .as("files of the generator's package in the product's classes")
            .isEmpty();
      }
    }
  }

  @Test
  void noProductSourceUsesTheGenerator() throws IOException {
    Path main = TestPaths.PROJECT.resolve("src/main/java");
    assertThat(main.resolve(PACKAGE.replace('.', '/'))).doesNotExist();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(main)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    assertThat(sources).as("the product's Java sources").hasSizeGreaterThan(100);
    for (Path file : sources) {
      assertThat(Files.readString(file))
          .as(
              "%s must not use the sample fleet's generator (test code)",
              TestPaths.PROJECT.relativize(file))
          .doesNotContain(PACKAGE);
    }
  }
}
