package io.fleetcost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where test inputs are: the project's sample data, and the shared real samples beside the checkout. */
public final class TestPaths {
  private TestPaths() {}

  public static final Path PROJECT = Path.of("").toAbsolutePath();
  public static final Path SAMPLE_DATA = PROJECT.resolve("sample-data");
  public static final Path SHARED_DATA = PROJECT.resolve("../shared/data").normalize();

  /** A file of the shared data folder; it is beside the checkout in CI, and these tests need it there. */
  public static Path shared(String relative) {
    Path path = SHARED_DATA.resolve(relative);
    assertThat(path)
        .as("shared test data (../shared/data beside the checkout) is needed: %s", path)
        .exists();
    return path;
  }

  public static Path sample(String relative) {
    Path path = SAMPLE_DATA.resolve(relative);
    assertThat(Files.exists(path)).as("sample data %s", path).isTrue();
    return path;
  }
}
