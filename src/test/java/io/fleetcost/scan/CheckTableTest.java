package io.fleetcost.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.scan.rule.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's check table (section "Security posture") is the catalogue of {@link Checks#all()}, rendered here; so
 * are the check counts the README states. After changing a check, run {@link #main} and paste its output over the
 * table.
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
                c -> "| `" + c.id() + "` | " + c.severity().label() + " (" + c.weight() + ") | " + c.category() + " | "
                    + list(c.kinds()) + " | " + list(c.polaris()) + " | " + list(c.kubescape()) + " | " + c.fix() + " |\n")
            .collect(Collectors.joining());
  }

  public static void main(String[] args) {
    System.out.print(table());
  }

  @Test
  void theReadmeTableIsTheCatalogueOfTheChecks() throws IOException {
    String readme = Files.readString(TestPaths.PROJECT.resolve("README.md"));
    int start = readme.indexOf(HEADER);
    assertThat(start).as("the README's check table header").isNotNegative();
    int end = readme.indexOf("\n\n", start);
    assertThat(readme.substring(start, end + 1)).isEqualTo(table());
  }

  @Test
  void theReadmeStatesTheNumberOfChecks() throws IOException {
    String readme = Files.readString(TestPaths.PROJECT.resolve("README.md"));
    int checks = Checks.all().size();
    assertThat(readme).contains("→ " + checks + " checks").contains("`Checks.all()` lists them): " + checks + ",");
  }
}
