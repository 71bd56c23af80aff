package io.fleetcost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where test inputs are: the project's sample data ({@code sample-data/}) and the real third-party
 * samples copied into {@code src/test/resources/real-samples/} (each folder with its source and
 * licence; that folder's README lists them).
 */
public final class TestPaths {
  private TestPaths() {}

  public static final Path PROJECT = Path.of("").toAbsolutePath();
  public static final Path SAMPLE_DATA = PROJECT.resolve("sample-data");
  public static final Path REAL_SAMPLES = PROJECT.resolve("src/test/resources/real-samples");

  /**
   * A file or folder of the real samples (billing exports, an nvidia-smi log, Polaris' fixtures).
   */
  public static Path realSample(String relative) {
    Path path = REAL_SAMPLES.resolve(relative);
    assertThat(path).as("real sample %s (src/test/resources/real-samples)", path).exists();
    return path;
  }

  public static Path sample(String relative) {
    Path path = SAMPLE_DATA.resolve(relative);
    assertThat(Files.exists(path)).as("sample data %s", path).isTrue();
    return path;
  }
}
