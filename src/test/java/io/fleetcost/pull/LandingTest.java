package io.fleetcost.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingTest {
  @TempDir Path output;

  private Path pull(Landing landing, String date, String... months) throws Exception {
    Path staging = landing.stage("aws", LocalDate.parse(date));
    for (String month : months) {
      Files.writeString(
          Files.createDirectories(staging.resolve(Landing.periodFolderName(YearMonth.parse(month))))
              .resolve("part-0.parquet"),
          date);
    }
    return landing.publish(staging, "aws", LocalDate.parse(date));
  }

  @Test
  void aRunReadsEachMonthFromTheNewestPullOnOrBeforeItsDate() throws Exception {
    Landing landing = new Landing(output);
    pull(landing, "2026-10-31", "2026-09", "2026-10");
    pull(landing, "2026-11-01", "2026-10", "2026-11");
    pull(landing, "2026-11-02", "2026-10", "2026-11");

    assertThat(landing.periodFolders("aws", LocalDate.parse("2026-11-01")))
        .containsExactly(
            output.resolve("landing/aws/2026-10-31/period=2026-09"),
            output.resolve("landing/aws/2026-11-01/period=2026-10"),
            output.resolve("landing/aws/2026-11-01/period=2026-11"));
    assertThat(landing.periodFolders("aws", LocalDate.parse("2026-11-05")))
        .as("a later run: October and November restated by the pull of 2 Nov")
        .containsExactly(
            output.resolve("landing/aws/2026-10-31/period=2026-09"),
            output.resolve("landing/aws/2026-11-02/period=2026-10"),
            output.resolve("landing/aws/2026-11-02/period=2026-11"));
    assertThat(landing.periodFolders("aws", LocalDate.parse("2026-10-30"))).isEmpty();
    assertThat(landing.periodFolders("gcp", LocalDate.parse("2026-11-05"))).isEmpty();
  }

  @Test
  void aPullInProgressOrDiscardedIsNeverReadAndARepublishReplacesTheDate() throws Exception {
    Landing landing = new Landing(output);
    pull(landing, "2026-11-01", "2026-11");
    Path unfinished = landing.stage("aws", LocalDate.parse("2026-11-02"));
    Files.writeString(
        Files.createDirectories(unfinished.resolve("period=2026-11")).resolve("part-0.parquet"),
        "half");
    assertThat(landing.hasPull("aws", LocalDate.parse("2026-11-02"))).isFalse();
    assertThat(landing.periodFolders("aws", LocalDate.parse("2026-11-02")))
        .containsExactly(output.resolve("landing/aws/2026-11-01/period=2026-11"));
    landing.discard(unfinished);
    assertThat(unfinished).doesNotExist();

    Path again = pull(landing, "2026-11-01", "2026-10");
    assertThat(again.resolve("period=2026-10/part-0.parquet")).hasContent("2026-11-01");
    assertThat(again.resolve("period=2026-11"))
        .as("the replaced pull's files are gone")
        .doesNotExist();
    try (Stream<Path> left = Files.list(output.resolve("landing/aws"))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("2026-11-01");
    }
  }
}
