package io.fleetcost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spark stays at the edges: the packages that hold values, configuration, errors, the command line and the catalog
 * must not use the Spark API (STYLE.md, rule 1), so their logic is testable without a session.
 */
class ArchitectureTest {
  static final List<String> SPARK_FREE = List.of("model", "config", "error", "cli", "catalog", "savings", "report", "scan", "quality");

  @Test
  void sparkFreePackagesDoNotImportSpark() throws IOException {
    Path main = TestPaths.PROJECT.resolve("src/main/java/io/fleetcost");
    for (String pkg : SPARK_FREE) {
      List<Path> sources;
      try (Stream<Path> files = Files.walk(main.resolve(pkg))) {
        sources = files.filter(f -> f.toString().endsWith(".java")).toList();
      }
      assertThat(sources).as("Java sources of package %s", pkg).isNotEmpty();
      for (Path file : sources) {
        assertThat(Files.readString(file))
            .as("%s must not use the Spark API", TestPaths.PROJECT.relativize(file))
            .doesNotContain("import org.apache.spark")
            .doesNotContain("import static org.apache.spark");
      }
    }
  }

  @Test
  void everyBillingFormatHasAReader() {
    for (io.fleetcost.billing.BillingFormat format : io.fleetcost.billing.BillingFormat.values()) {
      assertThat(io.fleetcost.billing.BillingSources.forFormat(format).format()).isEqualTo(format);
    }
  }
}
