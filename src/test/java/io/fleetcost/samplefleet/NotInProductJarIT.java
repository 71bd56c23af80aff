package io.fleetcost.samplefleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code fleetcost.jar} is the product only: the sample fleet's generator is not in it
 * (failsafe, after {@code package}).
 */
class NotInProductJarIT {
  @Test
  void theJarHoldsNoGeneratorClass() throws IOException {
    try (JarFile jar = new JarFile(TestPaths.PROJECT.resolve("target/fleetcost.jar").toFile())) {
      // files, not folders: a build from before the move may leave the package's emptied folder in
      // target/classes
      List<String> names = jar.stream().map(ZipEntry::getName).toList();
      assertThat(names)
          .as("the jar's entries")
          .contains("io/fleetcost/cli/FleetCostMain.class")
          .noneMatch(
              name ->
                  name.startsWith(NotInProductTest.PACKAGE.replace('.', '/') + "/")
                      && !name.endsWith("/"));
    }
  }
}
