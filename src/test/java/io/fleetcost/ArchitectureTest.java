package io.fleetcost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' layers. Spark stays at the edges: the packages that hold values, configuration,
 * errors, the command line and the catalog must not use the Spark API (STYLE.md, rule 1), so their
 * logic is testable without a session. The packages {@code io.fleetcost.*} depend on each other
 * without cycles; the report does not reach into the pipeline that feeds it; the job file's {@code
 * config} depends on nothing of FleetCost but its errors.
 *
 * <p>The rules read the main classes' bytecode with ArchUnit, so an inline fully-qualified name
 * counts as much as an import. The sample-fleet generator ({@code io.fleetcost.samplefleet}) is a
 * test-side tool, not a layer of the job: it is left out.
 */
class ArchitectureTest {
  static final List<String> SPARK_FREE =
      List.of("model", "config", "error", "cli", "catalog", "savings", "report", "scan", "quality");

  /** The packages whose classes may use the Spark API ({@code org.apache.spark}), and do. */
  static final List<String> SPARK_ALLOWED =
      List.of(
          "io.fleetcost.billing..",
          "io.fleetcost.export..",
          "io.fleetcost.history..",
          "io.fleetcost.pipeline..",
          "io.fleetcost.spark..",
          "io.fleetcost.telemetry..");

  /**
   * The packages whose classes may use Hadoop ({@code org.apache.hadoop}: file systems, paths,
   * configuration), and do: Spark's, and the file listing, the GCP catalog pull's landed Parquet
   * and two commands that read outputs.
   */
  static final List<String> HADOOP_ALLOWED =
      List.of(
          "io.fleetcost.billing..",
          "io.fleetcost.catalog.gcp..",
          "io.fleetcost.cli..",
          "io.fleetcost.files..",
          "io.fleetcost.history..",
          "io.fleetcost.pipeline..",
          "io.fleetcost.spark..",
          "io.fleetcost.telemetry..");

  /**
   * What {@code config} may depend on: itself, FleetCost's errors, the JDK and Jackson (it reads
   * YAML job files).
   */
  static final List<String> CONFIG_MAY_USE =
      List.of("io.fleetcost.config..", "io.fleetcost.error..", "java..", "com.fasterxml.jackson..");

  /** The main classes, without the sample-fleet generator (a test-side tool). */
  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("/io/fleetcost/samplefleet/"))
          .importPackages("io.fleetcost");

  @Test
  void mainClassesAreImported() {
    assertThat(MAIN.contain("io.fleetcost.cli.FleetCostMain")).isTrue();
    assertThat(MAIN.stream().map(JavaClass::getPackageName))
        .noneMatch(p -> p.startsWith("io.fleetcost.samplefleet"));
  }

  @Test
  void thePackagesHaveNoCycles() {
    slices()
        .matching("io.fleetcost.(*)..")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .check(MAIN);
  }

  @Test
  void sparkIsUsedOnlyInTheAllowedPackages() {
    noClasses()
        .that()
        .resideOutsideOfPackages(SPARK_ALLOWED.toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .because("Spark stays at the edges (STYLE.md, rule 1)")
        .check(MAIN);
  }

  @Test
  void hadoopIsUsedOnlyInTheAllowedPackages() {
    noClasses()
        .that()
        .resideOutsideOfPackages(HADOOP_ALLOWED.toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.hadoop..")
        .check(MAIN);
  }

  /**
   * The allowed lists name no package that has stopped using Spark or Hadoop: they stay as tight as
   * the code.
   */
  @Test
  void everyAllowedPackageUsesWhatItIsAllowed() {
    for (String allowed : SPARK_ALLOWED) {
      assertThat(uses(allowed, "org.apache.spark.."))
          .as("%s uses Spark (else drop it from SPARK_ALLOWED)", allowed)
          .isTrue();
    }
    for (String allowed : HADOOP_ALLOWED) {
      assertThat(uses(allowed, "org.apache.hadoop.."))
          .as("%s uses Hadoop (else drop it from HADOOP_ALLOWED)", allowed)
          .isTrue();
    }
  }

  @Test
  void theReportDoesNotReachIntoThePipeline() {
    noClasses()
        .that()
        .resideInAPackage("io.fleetcost.report..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fleetcost.pipeline..")
        .because(
            "the pipeline writes the summary and the history, the report reads them (io.fleetcost.summary, io.fleetcost.history)")
        .check(MAIN);
  }

  @Test
  void configIsALeaf() {
    classes()
        .that()
        .resideInAPackage("io.fleetcost.config..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(CONFIG_MAY_USE.toArray(String[]::new))
        .because("the job file's types are read by every layer and read none")
        .check(MAIN);
  }

  /**
   * Whether a class of the packages (an ArchUnit package identifier) depends on a class of the
   * library's packages.
   */
  private static boolean uses(String packages, String library) {
    PackageMatcher in = PackageMatcher.of(packages);
    PackageMatcher of = PackageMatcher.of(library);
    return MAIN.stream()
        .filter(c -> in.matches(c.getPackageName()))
        .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
        .anyMatch(d -> of.matches(d.getTargetClass().getPackageName()));
  }

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
