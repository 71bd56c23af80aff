package io.fleetcost.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetcost.TestPaths;
import io.fleetcost.history.HistoryDumps;
import io.fleetcost.history.HistoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a {@code local[*]} run of the sample job gives, in the form two runs of the same inputs are
 * compared in: {@code opportunities.json} as written, {@code summary.json} without what differs
 * between runs, and every history table's rows without {@code run_id}.
 *
 * <p>{@code SampleJobTest} runs the sample job locally anyway; it keeps its first run's reference
 * in {@code target/sample-run-reference/}, stamped with the build's id ({@code fleetcost.build.id},
 * Maven's build timestamp, set for surefire and failsafe alike), so that {@code
 * StandaloneClusterIT}, later in the same {@code mvn verify}, compares the cluster run with it
 * instead of running the sample job locally a second time. A reference of another build is never
 * used: the IT then runs the local run itself. The run's pages ({@link #PAGES}: {@code
 * summary.json}, {@code report.html}, {@code trends.html}) are kept beside it for {@code
 * BrowserPagesIT}, which opens them in Chromium.
 */
public record SampleRunReference(
    String opportunitiesJson, JsonNode figures, Map<String, List<String>> history) {
  public static final Path DIR = TestPaths.PROJECT.resolve("target/sample-run-reference");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUILD_ID = "build-id.txt";
  private static final String OPPORTUNITIES = "opportunities.json";
  private static final String FIGURES = "summary-figures.json";
  private static final String HISTORY = "history-rows.json";

  /** The files of a run's output folder kept with its reference, in {@code pages/}. */
  public static final List<String> PAGES = List.of("summary.json", "report.html", "trends.html");

  private static final String PAGES_DIR = "pages";

  /** The reference of a run whose outputs are in {@code out} and history in {@code warehouse}. */
  public static SampleRunReference of(Path out, Path warehouse) throws IOException {
    return new SampleRunReference(
        Files.readString(out.resolve(OPPORTUNITIES), StandardCharsets.UTF_8),
        figures(out.resolve("summary.json")),
        historyRows(warehouse));
  }

  /** This build's id, or empty outside Maven (an IDE run neither keeps nor uses a reference). */
  static Optional<String> buildId() {
    return Optional.ofNullable(System.getProperty("fleetcost.build.id"))
        .filter(id -> !id.isBlank());
  }

  /**
   * Keeps this reference for this build, with the {@link #PAGES} of the run whose outputs are in
   * {@code out} (written aside, then moved into place whole).
   */
  public void keepForThisBuild(Path out) throws IOException {
    Optional<String> build = buildId();
    if (build.isEmpty()) {
      return;
    }
    Path staging = DIR.resolveSibling(DIR.getFileName() + ".tmp");
    deleteTree(staging);
    Files.createDirectories(staging);
    Files.writeString(staging.resolve(OPPORTUNITIES), opportunitiesJson, StandardCharsets.UTF_8);
    JSON.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(FIGURES).toFile(), figures);
    JSON.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(HISTORY).toFile(), history);
    Path pages = Files.createDirectories(staging.resolve(PAGES_DIR));
    for (String page : PAGES) {
      Files.copy(out.resolve(page), pages.resolve(page));
    }
    Files.writeString(staging.resolve(BUILD_ID), build.get(), StandardCharsets.UTF_8);
    deleteTree(DIR);
    Files.move(staging, DIR, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The reference this build's {@code SampleJobTest} kept, if it ran in this build. */
  public static Optional<SampleRunReference> keptByThisBuild() throws IOException {
    if (!keptInThisBuild()) {
      return Optional.empty();
    }
    return Optional.of(
        new SampleRunReference(
            Files.readString(DIR.resolve(OPPORTUNITIES), StandardCharsets.UTF_8),
            JSON.readTree(DIR.resolve(FIGURES).toFile()),
            JSON.readValue(
                DIR.resolve(HISTORY).toFile(),
                new TypeReference<LinkedHashMap<String, List<String>>>() {})));
  }

  /**
   * The folder of the {@link #PAGES} this build's {@code SampleJobTest} kept, if it ran in this
   * build.
   */
  public static Optional<Path> pagesKeptByThisBuild() throws IOException {
    return keptInThisBuild() ? Optional.of(DIR.resolve(PAGES_DIR)) : Optional.empty();
  }

  private static boolean keptInThisBuild() throws IOException {
    Optional<String> build = buildId();
    Path id = DIR.resolve(BUILD_ID);
    return build.isPresent()
        && Files.isRegularFile(id)
        && Files.readString(id, StandardCharsets.UTF_8).equals(build.get());
  }

  /**
   * summary.json without what differs between two runs of the same inputs: ids, times, the master,
   * the output places.
   */
  public static JsonNode figures(Path summary) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(summary.toFile());
    json.remove(List.of("run_id", "started_at", "finished_at", "duration_seconds", "spark"));
    ((ObjectNode) json.get("history")).remove("warehouse");
    return json;
  }

  /** Every row of every history table (all runs' rows), as sorted text, without run_id. */
  public static Map<String, List<String>> historyRows(Path warehouse) {
    return HistoryDumps.dump(
        HistoryStore.open(SharedSpark.session(), warehouse.toString(), "fleetcost", line -> {}),
        HistoryDumps.RUN_ID);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
