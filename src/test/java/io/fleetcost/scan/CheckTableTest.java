package io.fleetcost.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.scan.rule.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The check table of docs/security-checks.md is the catalogue of {@link Checks#all()}, rendered
 * here; so are the check counts that page and the README's diagram state. After changing a check,
 * run {@link #main} and paste its output over the table in docs/security-checks.md.
 */
class CheckTableTest {
  static final String HEADER =
      "| id | severity (weight) | category | applies to | Polaris | Kubescape | fix |\n| --- | --- | --- | --- | --- | --- | --- |\n";

  static String list(List<String> values) {
    return values.isEmpty() ? "–" : String.join(", ", values);
  }

  static String table() {
    return HEADER
        + Checks.all().stream()
            .map(Check::info)
            .map(
                c ->
                    "| `"
                        + c.id()
                        + "` | "
                        + c.severity().label()
                        + " ("
                        + c.weight()
                        + ") | "
                        + c.category()
                        + " | "
                        + list(c.kinds())
                        + " | "
                        + list(c.polaris())
                        + " | "
                        + list(c.kubescape())
                        + " | "
                        + c.fix()
                        + " |\n")
            .collect(Collectors.joining());
  }

  public static void main(String[] args) {
    System.out.print(table());
  }

  static final Path SECURITY_CHECKS = TestPaths.PROJECT.resolve("docs/security-checks.md");

  @Test
  void theDocsTableIsTheCatalogueOfTheChecks() throws IOException {
    String doc = Files.readString(SECURITY_CHECKS);
    int start = doc.indexOf(HEADER);
    assertThat(start).as("the check table header of docs/security-checks.md").isNotNegative();
    int end = doc.indexOf("\n\n", start);
    assertThat(doc.substring(start, end + 1)).isEqualTo(table());
  }

  @Test
  void theDocsAndTheReadmeStateTheNumberOfChecks() throws IOException {
    String readme = Files.readString(TestPaths.PROJECT.resolve("README.md"));
    String doc = Files.readString(SECURITY_CHECKS);
    int checks = Checks.all().size();
    assertThat(readme).as("the README's diagram").contains("→ " + checks + " checks");
    assertThat(doc).contains("`Checks.all()` lists them): " + checks + ",");
  }
}
