package io.fleetcost.pipeline;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetcost.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The golden copy of the sample job's outputs ({@code src/test/resources/golden/}, its README says
 * what each file holds): {@code opportunities.json} byte for byte, the figures of {@code
 * summary.json}, and every history table's rows as a digest. {@code SampleJobTest} compares its
 * first run (the fixed clock) with it, so that a change of the code that is meant to keep the
 * behaviour (issue 14: packages moved, cycles broken) is seen to keep every output.
 *
 * <p>What differs from one checkout or one run to the next is left out or normalized, and nothing
 * else:
 *
 * <ul>
 *   <li>the absolute path of the checkout ({@link TestPaths#PROJECT}) is written {@value #PROJECT}
 *       in every output (the job reads its inputs by absolute path, and evidence rows and findings
 *       name their files): the path below it is kept;
 *   <li>{@link #EXCLUDED_SUMMARY_FIELDS}: the fields of {@code summary.json} that name the run
 *       rather than its figures;
 *   <li>{@link #EXCLUDED_HISTORY_COLUMNS}: the history columns that name the run. The tables hold
 *       no wall-clock time: every date and time in them is the data's or the run date's.
 * </ul>
 *
 * <p>Regenerate the copy on purpose, after a change that is meant to change the outputs, with
 * {@code mvn test -Dtest=SampleJobTest -Dfleetcost.golden.update=true} (the property {@value
 * #UPDATE}): the test then writes the run's outputs into {@code src/test/resources/golden/} instead
 * of comparing them; commit the files with the change. On a mismatch the run's outputs in the
 * golden form are written to {@code target/golden-actual/} (with every history table whole, which
 * the copy keeps only as digests) for a diff.
 */
final class GoldenOutputs {
  /** The system property that rewrites the golden copy instead of comparing with it. */
  static final String UPDATE = "fleetcost.golden.update";

  static final Path DIR = TestPaths.PROJECT.resolve("src/test/resources/golden");
  static final Path ACTUAL = TestPaths.PROJECT.resolve("target/golden-actual");
  static final String OPPORTUNITIES = "opportunities.json.gz";
  static final String FIGURES = "summary-figures.json.gz";
  static final String HISTORY = "history.txt";

  /** What the checkout's absolute path is written as. */
  static final String PROJECT = "<project>";

  /**
   * The fields of summary.json left out of its figures, as JSON pointers: each names the run, not
   * what it computed.
   *
   * <ul>
   *   <li>{@code /fleetcost_version}: the build's version, not the run's outputs;
   *   <li>{@code /run_id}: the run's id (its clock and a random part);
   *   <li>{@code /started_at}, {@code /finished_at}: the run's own timestamps (wall clock, or the
   *       test's clock);
   *   <li>{@code /duration_seconds}: its duration;
   *   <li>{@code /spark}: the Spark master as resolved on this machine ({@code local[*]} is the
   *       cores), Spark's version and the application id (a timestamp);
   *   <li>{@code /history/warehouse}: the warehouse the test gave the run (a temporary folder).
   * </ul>
   *
   * Everything else is kept, among it the run date, the window and the data's own times, the
   * inputs' sizes and sha256, the staleness of each input (counted from the end of the run date,
   * not from the clock), the artifacts' relative paths and the input paths below the checkout
   * ({@value #PROJECT}).
   */
  static final List<String> EXCLUDED_SUMMARY_FIELDS =
      List.of(
          "/fleetcost_version",
          "/run_id",
          "/started_at",
          "/finished_at",
          "/duration_seconds",
          "/spark",
          "/history/warehouse");

  /**
   * The history columns left out: the id of the run that wrote the row (a timestamp and a random
   * part).
   */
  static final List<String> EXCLUDED_HISTORY_COLUMNS = List.of("run_id");

  /**
   * A table whose canonical dump is no larger is kept whole in history.txt; a larger one as digests
   * and an excerpt.
   */
  static final int WHOLE_TABLE_MAX_CHARS = 16 * 1024;

  static final int EXCERPT_ROWS = 3;
  static final int EXCERPT_ROW_MAX_CHARS = 300;
  private static final int MAX_DIFFERENCES = 40;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] opportunities;
  private final JsonNode figures;
  private final Map<String, List<String>> history;

  private GoldenOutputs(byte[] opportunities, JsonNode figures, Map<String, List<String>> history) {
    this.opportunities = opportunities;
    this.figures = figures;
    this.history = history;
  }

  /**
   * The golden form of a run's outputs.
   *
   * @param out the run's output folder ({@code opportunities.json}, {@code summary.json})
   * @param historyRows every history table's rows, sorted, as text, without {@link
   *     #EXCLUDED_HISTORY_COLUMNS} ({@code SampleRunReference.historyRows}, which reads them back
   *     through {@code HistoryStore})
   */
  static GoldenOutputs of(Path out, Map<String, List<String>> historyRows) throws IOException {
    byte[] opportunities =
        normalized(
                new String(
                    Files.readAllBytes(out.resolve("opportunities.json")), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    JsonNode figures = figures(out.resolve("summary.json"));
    Map<String, List<String>> history = new LinkedHashMap<>();
    historyRows.forEach(
        (table, rows) -> {
          List<String> lines =
              new ArrayList<>(rows.stream().map(GoldenOutputs::normalized).toList());
          lines.sort(null);
          history.put(table, lines);
        });
    return new GoldenOutputs(opportunities, figures, history);
  }

  /**
   * summary.json without {@link #EXCLUDED_SUMMARY_FIELDS}, the checkout's path written {@value
   * #PROJECT}.
   */
  static JsonNode figures(Path summary) throws IOException {
    JsonNode json = JSON.readTree(normalized(Files.readString(summary, StandardCharsets.UTF_8)));
    for (String field : EXCLUDED_SUMMARY_FIELDS) {
      JsonPointer pointer = JsonPointer.compile(field);
      JsonNode parent = json.at(pointer.head());
      if (!(parent instanceof ObjectNode object)
          || !object.has(pointer.last().getMatchingProperty())) {
        throw new AssertionError(
            "summary.json has no field "
                + field
                + " any more: update GoldenOutputs.EXCLUDED_SUMMARY_FIELDS");
      }
      object.remove(pointer.last().getMatchingProperty());
    }
    return json;
  }

  /**
   * The text with the checkout's absolute path (as given and as resolved) written {@value
   * #PROJECT}.
   */
  static String normalized(String text) {
    Set<String> roots = new LinkedHashSet<>();
    roots.add(TestPaths.PROJECT.toString());
    try {
      roots.add(TestPaths.PROJECT.toRealPath().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String normalized = text;
    for (String root : roots) {
      normalized = normalized.replace(root, PROJECT);
    }
    return normalized;
  }

  /** Whether this test run rewrites the golden copy ({@code -Dfleetcost.golden.update=true}). */
  static boolean updating() {
    return Boolean.parseBoolean(System.getProperty(UPDATE, "false"));
  }

  /** Writes this run's outputs as the golden copy. */
  void writeGolden() throws IOException {
    writeGolden(DIR);
  }

  /** Writes this run's outputs as a golden copy in {@code dir}. */
  void writeGolden(Path dir) throws IOException {
    write(dir, false);
  }

  /**
   * The differences between this run and the golden copy, empty when it matches. On a mismatch the
   * run's outputs in golden form are written to {@link #ACTUAL}, every history table whole beside
   * them.
   */
  List<String> differencesFromGolden() throws IOException {
    return differencesFrom(DIR, ACTUAL);
  }

  /**
   * The differences from the golden copy in {@code golden}; on a mismatch the run's outputs go to
   * {@code actual}.
   */
  List<String> differencesFrom(Path golden, Path actual) throws IOException {
    for (String file : List.of(OPPORTUNITIES, FIGURES, HISTORY)) {
      if (!Files.isRegularFile(golden.resolve(file))) {
        throw new AssertionError(
            "no golden copy " + golden.resolve(file) + ": write it with -D" + UPDATE + "=true");
      }
    }
    List<String> differences = new ArrayList<>();
    byte[] goldenOpportunities = gunzip(golden.resolve(OPPORTUNITIES));
    if (!Arrays.equals(goldenOpportunities, opportunities)) {
      List<String> found = new ArrayList<>();
      jsonDifferences(JSON.readTree(goldenOpportunities), JSON.readTree(opportunities), "", found);
      if (found.isEmpty()) {
        found.add(
            "the same values, written differently: "
                + firstDifferentLine(goldenOpportunities, opportunities));
      }
      differences.add(
          "opportunities.json differs from the golden copy (" + found.size() + " differences):");
      found.stream().limit(MAX_DIFFERENCES).forEach(d -> differences.add("  " + d));
    }
    List<String> found = new ArrayList<>();
    jsonDifferences(JSON.readTree(gunzip(golden.resolve(FIGURES))), figures, "", found);
    if (!found.isEmpty()) {
      differences.add(
          "the figures of summary.json differ from the golden copy ("
              + found.size()
              + " differences):");
      found.stream().limit(MAX_DIFFERENCES).forEach(d -> differences.add("  " + d));
    }
    List<String> goldenHistory =
        Files.readAllLines(golden.resolve(HISTORY), StandardCharsets.UTF_8);
    List<String> history = historyText().lines().toList();
    if (!goldenHistory.equals(history)) {
      List<String> tables = historyDifferences(goldenHistory, history);
      if (tables.isEmpty()) {
        tables =
            List.of("the tables are the same; the text around them differs (its comment lines)");
      }
      differences.add("the history tables differ from the golden copy (history.txt):");
      tables.stream().limit(MAX_DIFFERENCES).forEach(d -> differences.add("  " + d));
    }
    if (!differences.isEmpty()) {
      write(actual, true);
      differences.add(
          "this run's outputs in golden form: " + actual + " (history/ holds every table whole)");
      differences.add(
          "if the change is meant, regenerate the copy: mvn test -Dtest=SampleJobTest -D"
              + UPDATE
              + "=true");
    }
    return differences;
  }

  private void write(Path dir, boolean wholeTables) throws IOException {
    Files.createDirectories(dir);
    gzip(opportunities, dir.resolve(OPPORTUNITIES));
    gzip(
        (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n")
            .getBytes(StandardCharsets.UTF_8),
        dir.resolve(FIGURES));
    Files.writeString(dir.resolve(HISTORY), historyText(), StandardCharsets.UTF_8);
    if (wholeTables) {
      Path tables = Files.createDirectories(dir.resolve("history"));
      for (Map.Entry<String, List<String>> table : history.entrySet()) {
        Files.writeString(
            tables.resolve(table.getKey() + ".txt"),
            dump(table.getValue()),
            StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * Every history table as its row count and the sha256 of its canonical dump (its rows sorted, one
   * a line, each ending with a line feed), the same for each run date's rows, then the table whole
   * if it is small, else its first rows cut to {@value #EXCERPT_ROW_MAX_CHARS} characters.
   */
  String historyText() {
    StringBuilder text = new StringBuilder();
    text.append(
            "# The sample job's history tables after SampleJobTest's first run, read back through HistoryStore.\n")
        .append("# Canonical dump of a table: its rows as text (Spark's Row.toString), without ")
        .append(String.join(", ", EXCLUDED_HISTORY_COLUMNS))
        .append(", the checkout's path written ")
        .append(PROJECT)
        .append(", sorted, one a line ending with a line feed; sha256 over its UTF-8 bytes.\n")
        .append("# Written by SampleJobTest with -D")
        .append(UPDATE)
        .append("=true (GoldenOutputs); do not edit.\n");
    for (Map.Entry<String, List<String>> table : history.entrySet()) {
      List<String> rows = table.getValue();
      String dump = dump(rows);
      text.append("\ntable ")
          .append(table.getKey())
          .append(": ")
          .append(rows.size())
          .append(" rows, sha256 ")
          .append(sha256(dump))
          .append('\n');
      Map<String, List<String>> byDate = new TreeMap<>();
      for (String row : rows) {
        byDate.computeIfAbsent(runDate(row), d -> new ArrayList<>()).add(row);
      }
      byDate.forEach(
          (date, dateRows) ->
              text.append("  run_date ")
                  .append(date)
                  .append(": ")
                  .append(dateRows.size())
                  .append(" rows, sha256 ")
                  .append(sha256(dump(dateRows)))
                  .append('\n'));
      if (dump.length() <= WHOLE_TABLE_MAX_CHARS) {
        text.append("  whole:\n");
        rows.forEach(row -> text.append("    ").append(row).append('\n'));
      } else {
        text.append("  excerpt, the first ")
            .append(Math.min(EXCERPT_ROWS, rows.size()))
            .append(" rows:\n");
        rows.stream()
            .limit(EXCERPT_ROWS)
            .forEach(
                row ->
                    text.append("    ")
                        .append(
                            row.length() <= EXCERPT_ROW_MAX_CHARS
                                ? row
                                : row.substring(0, EXCERPT_ROW_MAX_CHARS) + " …")
                        .append('\n'));
      }
    }
    return text.toString();
  }

  /** The run date of a dumped row: its first column ({@code [2026-11-07,…}). */
  private static String runDate(String row) {
    int comma = row.indexOf(',');
    return row.startsWith("[") && comma > 0 ? row.substring(1, comma) : "?";
  }

  private static String dump(List<String> rows) {
    StringBuilder dump = new StringBuilder();
    rows.forEach(row -> dump.append(row).append('\n'));
    return dump.toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each JSON pointer at which the two trees differ, with both values. */
  static void jsonDifferences(JsonNode golden, JsonNode actual, String pointer, List<String> out) {
    if (golden.equals(actual)) {
      return;
    }
    if (golden.isObject() && actual.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      golden.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String at = pointer + "/" + name;
        if (!actual.has(name)) {
          out.add(at + ": only in the golden copy: " + cut(golden.get(name)));
        } else if (!golden.has(name)) {
          out.add(at + ": only in this run: " + cut(actual.get(name)));
        } else {
          jsonDifferences(golden.get(name), actual.get(name), at, out);
        }
      }
    } else if (golden.isArray() && actual.isArray()) {
      if (golden.size() != actual.size()) {
        out.add(
            pointer
                + ": "
                + golden.size()
                + " elements in the golden copy, "
                + actual.size()
                + " in this run");
      }
      for (int i = 0; i < Math.min(golden.size(), actual.size()); i++) {
        jsonDifferences(golden.get(i), actual.get(i), pointer + "/" + i, out);
      }
    } else {
      out.add(
          (pointer.isEmpty() ? "/" : pointer)
              + ": golden "
              + cut(golden)
              + ", this run "
              + cut(actual));
    }
  }

  /**
   * history.txt's lines of one table: its header's figures, each run date's figures, the rows it
   * keeps.
   */
  private record TableText(String figures, Map<String, String> dates, List<String> rows) {}

  /** The tables of history.txt by name. */
  private static Map<String, TableText> tables(List<String> lines) {
    Map<String, TableText> tables = new LinkedHashMap<>();
    TableText table = null;
    for (String line : lines) {
      if (line.startsWith("table ")) {
        int colon = line.indexOf(": ");
        table = new TableText(line.substring(colon + 2), new LinkedHashMap<>(), new ArrayList<>());
        tables.put(line.substring("table ".length(), colon), table);
      } else if (table != null && line.startsWith("  run_date ")) {
        int colon = line.indexOf(": ");
        table.dates().put(line.substring("  run_date ".length(), colon), line.substring(colon + 2));
      } else if (table != null && line.startsWith("    ")) {
        table.rows().add(line.substring(4));
      }
    }
    return tables;
  }

  /**
   * Each table whose digest differs: its figures on both sides, the run dates whose rows differ,
   * and the kept rows (the whole table, or the excerpt) that only one side has.
   */
  private static List<String> historyDifferences(List<String> golden, List<String> actual) {
    Map<String, TableText> before = tables(golden);
    Map<String, TableText> after = tables(actual);
    Set<String> names = new LinkedHashSet<>(before.keySet());
    names.addAll(after.keySet());
    List<String> out = new ArrayList<>();
    for (String name : names) {
      TableText g = before.get(name);
      TableText a = after.get(name);
      if (g == null || a == null) {
        out.add("table " + name + ": only in " + (g == null ? "this run" : "the golden copy"));
        continue;
      }
      if (g.equals(a)) {
        continue;
      }
      out.add("table " + name + ": golden " + g.figures() + "; this run " + a.figures());
      Set<String> dates = new TreeSet<>(g.dates().keySet());
      dates.addAll(a.dates().keySet());
      List<String> changed = new ArrayList<>();
      for (String date : dates) {
        String x = g.dates().get(date);
        String y = a.dates().get(date);
        if (!Objects.equals(x, y)) {
          changed.add(date + " (" + rowCount(x) + " → " + rowCount(y) + ")");
        }
      }
      if (!changed.isEmpty()) {
        out.add(
            "  run dates whose rows differ (rows golden → this run): "
                + String.join(", ", changed));
      }
      g.rows().stream()
          .filter(row -> !a.rows().contains(row))
          .forEach(row -> out.add("  golden:   " + cut(row, 600)));
      a.rows().stream()
          .filter(row -> !g.rows().contains(row))
          .forEach(row -> out.add("  this run: " + cut(row, 600)));
    }
    return out;
  }

  /** {@code 50 rows, sha256 …} → {@code 50}; none → 0. */
  private static String rowCount(String figures) {
    return figures == null ? "0" : figures.substring(0, figures.indexOf(' '));
  }

  private static String firstDifferentLine(byte[] golden, byte[] actual) {
    List<String> a = new String(golden, StandardCharsets.UTF_8).lines().toList();
    List<String> b = new String(actual, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "(end)";
      String y = i < b.size() ? b.get(i) : "(end)";
      if (!x.equals(y)) {
        return "line " + (i + 1) + ": golden " + cut(x) + ", this run " + cut(y);
      }
    }
    return "the line ends differ";
  }

  private static String cut(Object value) {
    return cut(value, 200);
  }

  private static String cut(Object value, int max) {
    String text = String.valueOf(value);
    return text.length() <= max ? text : text.substring(0, max) + " …";
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  /**
   * Gzip without a timestamp in the header (GZIPOutputStream writes none): the same bytes give the
   * same file.
   */
  private static void gzip(byte[] bytes, Path file) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(buffer)) {
      out.write(bytes);
    }
    Files.write(file, buffer.toByteArray());
  }
}
