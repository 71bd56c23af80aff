package io.fleetcost;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Package-private by default (docs/development.md, Visibility): a top-level main type is public
 * only if main code of another package refers to it, or it is on one of the two lists below, each
 * with its reason. A reference is one in the bytecode, read with ArchUnit like {@link
 * ArchitectureTest}'s rules (a reference to a nested type counts for its top-level type), or an
 * import in the sources: javac inlines compile-time constants, so a type whose constants alone
 * another package uses leaves no trace in that package's bytecode.
 */
class VisibilityTest {
  /**
   * Public because something reaches them by name or by reflection, not by a reference in main
   * code: the main class (spark-submit, the Spark operator, the jar's manifest), the class the
   * pom's exec plugin runs while building, and the report's model that the Thymeleaf templates
   * ({@code templates/}) read through its accessors.
   */
  static final Set<String> REACHED_BY_NAME =
      Set.of(
          "io.fleetcost.cli.FleetCostMain",
          "io.fleetcost.spark.ExecutorJars",
          "io.fleetcost.report.ChartImage",
          "io.fleetcost.report.CloudRecommendationLine",
          "io.fleetcost.report.CloudRecommendations",
          "io.fleetcost.report.Computation",
          "io.fleetcost.report.ComputationInput",
          "io.fleetcost.report.ComputationStep",
          "io.fleetcost.report.FindingLine",
          "io.fleetcost.report.MigPlan",
          "io.fleetcost.report.Opportunities",
          "io.fleetcost.report.OpportunityLine",
          "io.fleetcost.report.PlanTarget",
          "io.fleetcost.report.Realized",
          "io.fleetcost.report.RealizedLine",
          "io.fleetcost.report.ReportText",
          "io.fleetcost.report.ScorePoint",
          "io.fleetcost.report.SeverityCount",
          "io.fleetcost.report.TableRows",
          "io.fleetcost.report.VerdictCount",
          "io.fleetcost.report.Waterfall",
          "io.fleetcost.report.WaterfallStep");

  /**
   * Public only because a test of another package uses them (the tests were not moved for it). Main
   * code alone would let them be package-private.
   */
  static final Set<String> USED_BY_TESTS_OF_OTHER_PACKAGES =
      Set.of(
          "io.fleetcost.billing.gcp.GcpBillingExportSchema",
          "io.fleetcost.cli.ExitCodes",
          "io.fleetcost.cli.FleetCostCommand",
          "io.fleetcost.history.HistoryTables",
          "io.fleetcost.pipeline.BillingIngestJob",
          "io.fleetcost.pipeline.OutputDirectory",
          "io.fleetcost.pipeline.ProviderTotals",
          "io.fleetcost.pipeline.TelemetryIngestJob",
          "io.fleetcost.pipeline.TelemetryIngestResult",
          "io.fleetcost.scan.rule.MemoryLimitsMissing",
          "io.fleetcost.scan.rule.NamespaceWithoutDefaultDeny",
          "io.fleetcost.scan.rule.PrivilegedContainer",
          "io.fleetcost.scan.rule.RunsAsRoot",
          "io.fleetcost.scan.rule.ServiceExposedOutsideCluster",
          "io.fleetcost.spark.SparkSessions");

  private static final Path MAIN_SOURCES = TestPaths.PROJECT.resolve("src/main/java");
  private static final Path TEST_SOURCES = TestPaths.PROJECT.resolve("src/test/java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?([\\w.]+?)(?:\\.\\*)?;");

  @Test
  void aPublicMainTypeIsUsedFromAnotherPackageOrListed() throws IOException {
    Set<String> usedElsewhere = usedByMainOfOtherPackages();
    Set<String> notNeeded = new TreeSet<>(publicTopLevelMainTypes());
    notNeeded.removeAll(usedElsewhere);
    notNeeded.removeAll(REACHED_BY_NAME);
    notNeeded.removeAll(USED_BY_TESTS_OF_OTHER_PACKAGES);
    assertThat(notNeeded)
        .as(
            "public main types that no main class of another package uses: make them"
                + " package-private, or list them in VisibilityTest with the reason")
        .isEmpty();
  }

  /** The lists name only public types that need them: they stay as short as the code allows. */
  @Test
  void theListsAreTight() throws IOException {
    Set<String> publicTypes = publicTopLevelMainTypes();
    Set<String> usedByMain = usedByMainOfOtherPackages();
    Set<String> usedByTests = namedByTestsOfOtherPackages(USED_BY_TESTS_OF_OTHER_PACKAGES);
    for (String name : REACHED_BY_NAME) {
      assertThat(publicTypes).as("REACHED_BY_NAME: %s is a public main type", name).contains(name);
      assertThat(usedByMain)
          .as("REACHED_BY_NAME: %s is used by main code of another package", name)
          .doesNotContain(name);
    }
    for (String name : USED_BY_TESTS_OF_OTHER_PACKAGES) {
      assertThat(publicTypes)
          .as("USED_BY_TESTS_OF_OTHER_PACKAGES: %s is a public main type", name)
          .contains(name);
      assertThat(usedByMain)
          .as("USED_BY_TESTS_OF_OTHER_PACKAGES: %s is used by main code of another package", name)
          .doesNotContain(name);
      assertThat(usedByTests)
          .as("USED_BY_TESTS_OF_OTHER_PACKAGES: %s is used by a test of another package", name)
          .contains(name);
    }
  }

  private static Set<String> publicTopLevelMainTypes() {
    Set<String> names = new TreeSet<>();
    for (JavaClass c : ArchitectureTest.MAIN) {
      if (c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC)) {
        names.add(c.getName());
      }
    }
    return names;
  }

  /** The top-level main types that main code of another package refers to. */
  private static Set<String> usedByMainOfOtherPackages() throws IOException {
    Set<String> names = new TreeSet<>();
    for (JavaClass origin : ArchitectureTest.MAIN) {
      for (Dependency d : origin.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        if (target.isArray()) {
          target = target.getBaseComponentType();
        }
        if (!target.getPackageName().equals(origin.getPackageName())) {
          names.add(topLevelName(target.getName()));
        }
      }
    }
    for (Path file : javaSources(MAIN_SOURCES)) {
      String source = Files.readString(file);
      String pkg = packageOf(source);
      Matcher imported = IMPORT.matcher(source);
      while (imported.find()) {
        String type = topLevelType(imported.group(1));
        if (type != null && !packageOfType(type).equals(pkg)) {
          names.add(type);
        }
      }
    }
    return names;
  }

  /**
   * Which of the names the test sources of another package than the name's write out (in an import
   * or inline).
   */
  private static Set<String> namedByTestsOfOtherPackages(Set<String> names) throws IOException {
    Set<String> named = new TreeSet<>();
    for (Path file : javaSources(TEST_SOURCES)) {
      String source = Files.readString(file);
      String pkg = packageOf(source);
      for (String name : names) {
        if (!packageOfType(name).equals(pkg)
            && Pattern.compile(Pattern.quote(name) + "\\b").matcher(source).find()) {
          named.add(name);
        }
      }
    }
    return named;
  }

  private static List<Path> javaSources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }

  private static String packageOf(String source) {
    Matcher m = PACKAGE.matcher(source);
    return m.find() ? m.group(1) : "";
  }

  /**
   * The FleetCost top-level type an import names (its segments up to the first capitalized one), or
   * null for another library's.
   */
  private static String topLevelType(String imported) {
    if (!imported.startsWith("io.fleetcost.")) {
      return null;
    }
    String[] segments = imported.split("\\.");
    StringBuilder name = new StringBuilder();
    for (String segment : segments) {
      name.append(name.length() == 0 ? "" : ".").append(segment);
      if (Character.isUpperCase(segment.charAt(0))) {
        return name.toString();
      }
    }
    return null;
  }

  private static String packageOfType(String typeName) {
    return typeName.substring(0, typeName.lastIndexOf('.'));
  }

  private static String topLevelName(String className) {
    int nested = className.indexOf('$');
    return nested < 0 ? className : className.substring(0, nested);
  }
}
