package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.TestPaths;
import io.fleetcost.model.MoneyText;
import io.fleetcost.spark.SampleRunReference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample job's {@code report.html} and {@code trends.html} as a reader's browser shows them:
 * Debian's {@code chromium}, headless, opens each page from disk; the page reports no console
 * error, exception or failed load; every chart image is loaded; the totals its tables show are
 * {@code summary.json}'s exact figures as the pages write money ({@link MoneyText}); and a
 * screenshot of each is written to {@code target/browser/} (the whole page, and its first screen
 * for the previews in docs/reports.md, {@code templates/preview/regenerate.sh}).
 *
 * <p>The pages are those of {@code SampleJobTest}'s run earlier in this build ({@link
 * SampleRunReference}), else of a run of the packaged jar here; {@code
 * -Dfleetcost.browser.pages=out/sample} opens a run's output folder instead.
 */
class BrowserPagesIT {
  private static final Path TARGET = TestPaths.PROJECT.resolve("target");
  private static final Path SCREENSHOTS = TARGET.resolve("browser");
  private static final int WIDTH = 800;
  private static final int FIRST_SCREEN = 1200;
  private static final String CURRENCY = "USD";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * Every table of the page, with the heading above it, its class and its rows' cells as the
   * browser renders them.
   */
  private static final String TABLES =
      """
      (() => {
        let heading = '';
        const tables = [];
        for (const e of document.querySelectorAll('h1, h2, h3, table')) {
          if (e.tagName !== 'TABLE') { heading = e.innerText.trim(); continue; }
          tables.push({heading, className: e.className, rows: Array.from(e.rows, r => ({
            className: r.className, cells: Array.from(r.cells, c => c.innerText.trim())}))});
        }
        return tables;
      })()""";

  private static final String IMAGES =
      """
      Array.from(document.images, i => ({src: i.getAttribute('src').slice(0, 30), complete: i.complete,
        width: i.naturalWidth, height: i.naturalHeight, alt: i.alt}))""";

  @TempDir static Path dir;
  static Path pages;
  static JsonNode summary;
  static HeadlessChromium chromium;

  record Row(String className, List<String> cells) {}

  record Table(String heading, String className, List<Row> rows) {
    Row totalRow() {
      List<Row> totals = rows.stream().filter(r -> r.className().equals("total")).toList();
      assertThat(totals).as("the total row of table '%s'", heading).hasSize(1);
      return totals.get(0);
    }

    /** The body rows' cells (the header row left out). */
    List<List<String>> body() {
      return rows.subList(1, rows.size()).stream().map(Row::cells).toList();
    }
  }

  @BeforeAll
  static void openChromium() throws Exception {
    Optional<Path> binary = HeadlessChromium.installed();
    if (binary.isEmpty()) {
      fail(
          "Cannot test the pages in a browser: no '"
              + HeadlessChromium.BINARY
              + "' on the PATH. Install Debian's chromium "
              + "(apt-get install --no-install-recommends chromium), or run bash .ci/run, which installs it when missing.");
    }
    pages = samplePages();
    summary = JSON.readTree(pages.resolve("summary.json").toFile());
    Files.createDirectories(SCREENSHOTS);
    chromium =
        HeadlessChromium.launch(
            binary.get(), Files.createDirectories(dir.resolve("profile")), WIDTH, 900);
  }

  @AfterAll
  static void closeChromium() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theMonthlyReportLoadsWholeAndShowsTheSummarysFigures() throws IOException {
    List<Table> tables = open("report.html");
    JsonNode report = summary.get("report");
    JsonNode analysis = summary.get("cost_analysis");

    Table figures = table(tables, "figures", "Executive summary");
    assertThat(valueOf(figures, "Spend this month"))
        .isEqualTo(money(report.get("spend_month_to_date_usd")));
    assertThat(valueOf(figures, "Previous month"))
        .isEqualTo(money(report.get("previous_month_usd")));
    assertThat(valueOf(figures, "Identified savings"))
        .isEqualTo(money(report.get("identified_monthly_usd")));
    assertThat(valueOf(figures, "Realized savings"))
        .isEqualTo(money(report.get("realized_monthly_usd")));
    assertThat(valueOf(figures, "In progress"))
        .isEqualTo(money(report.get("in_progress_monthly_usd")));
    assertThat(valueOf(figures, "Projected month"))
        .isEqualTo(money(report.get("projected_month_usd")));

    List<Table> spend = tables.stream().filter(t -> t.className().equals("spend")).toList();
    assertThat(spend)
        .extracting(Table::heading)
        .containsExactly(
            "Spend by provider", "Spend by account", "Spend by service", "Spend by team");
    for (Table breakdown : spend) {
      assertThat(breakdown.totalRow().cells().get(1))
          .as("%s: total this month", breakdown.heading())
          .isEqualTo(money(report.get("spend_month_to_date_usd")));
    }

    Table waterfall = table(tables, "waterfall", "Savings waterfall");
    assertThat(last(waterfall.body().get(0)))
        .as("GPU monthly cost")
        .isEqualTo(money(analysis.get("gpu_monthly_cost_usd")));
    assertThat(last(waterfall.totalRow().cells()))
        .as("projected GPU monthly cost")
        .isEqualTo(money(analysis.get("projected_gpu_monthly_cost_usd")));
  }

  @Test
  void theTrendsPageLoadsWholeAndShowsTheSummarysFigures() throws IOException {
    List<Table> tables = open("trends.html");
    JsonNode report = summary.get("report");
    List<List<String>> months = table(tables, "savings", "Per month").body();
    String month = report.get("month").asText();
    List<String> reportMonth =
        months.stream()
            .filter(row -> row.get(0).equals(month))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no row of " + month + " in the monthly savings: " + months));
    assertThat(reportMonth.get(2))
        .as("identified in %s", month)
        .isEqualTo(money(report.get("identified_monthly_usd")));
    assertThat(reportMonth.get(3))
        .as("realized in %s", month)
        .isEqualTo(money(report.get("realized_monthly_usd")));
    assertThat(reportMonth.get(4))
        .as("in progress in %s", month)
        .isEqualTo(money(report.get("in_progress_monthly_usd")));

    // each team's figure is rounded to the cent on its own (the table has no total row), so the
    // shown cents add up to
    // the rounded total within half a cent per row plus half a cent for the total's own rounding
    List<List<String>> teams = table(tables, "teams", "Teams").body();
    assertThat(teams).isNotEmpty();
    long slack = (teams.size() + 1) / 2;
    assertThat(sumOfCents(teams, 1))
        .as("the teams' spend this month, in cents")
        .isCloseTo(cents(report.get("spend_month_to_date_usd")), within(slack));
    assertThat(sumOfCents(teams, 2))
        .as("the teams' identified savings, in cents")
        .isCloseTo(cents(report.get("identified_monthly_usd")), within(slack));
    assertThat(teams.stream().mapToInt(row -> Integer.parseInt(row.get(3))).sum())
        .as("the teams' opportunities")
        .isEqualTo(summary.get("cost_analysis").get("opportunity_count").asInt());
    assertThat(sumOfCents(teams, 4))
        .as("the teams' realized savings, in cents")
        .isCloseTo(cents(report.get("realized_monthly_usd")), within(slack));
    assertThat(sumOfCents(teams, 5))
        .as("the teams' savings in progress, in cents")
        .isCloseTo(cents(report.get("in_progress_monthly_usd")), within(slack));
  }

  /** What each check above rests on: a broken page's problems and unloaded images are seen. */
  @Test
  void aPageWithAMissingImageAConsoleErrorAndAnExceptionIsCaught() throws IOException {
    Path page = dir.resolve("broken.html");
    Files.writeString(
        page,
        """
        <!DOCTYPE html>
        <html lang="en"><head><title>broken</title></head><body>
        <img src="missing-chart.png" alt="missing" />
        <img src="data:image/png;base64,AAAA" alt="corrupt" />
        <script>console.error('a chart failed'); notDefined();</script>
        </body></html>
        """,
        StandardCharsets.UTF_8);
    chromium.open(page);
    assertThat(chromium.evaluate(IMAGES))
        .hasSize(2)
        .allSatisfy(image -> assertThat(image.get("width").asInt()).isZero());
    assertThat(chromium.problems())
        .anySatisfy(p -> assertThat(p).startsWith("console.error: a chart failed"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("uncaught exception: ReferenceError: notDefined is not defined"))
        .anySatisfy(p -> assertThat(p).contains("missing-chart.png"));
  }

  /**
   * Opens a page, checks that it loaded without a problem and with every image, writes its
   * screenshots and returns its tables.
   */
  private static List<Table> open(String page) throws IOException {
    Path file = pages.resolve(page);
    assertThat(file).isRegularFile();
    chromium.open(file);
    List<String> problems = chromium.problems();

    JsonNode images = chromium.evaluate(IMAGES);
    assertThat(images)
        .as("the chart images of %s, one per <img> of the file", page)
        .isNotEmpty()
        .hasSize(Files.readString(file, StandardCharsets.UTF_8).split("<img ", -1).length - 1);
    for (JsonNode image : images) {
      assertThat(image.get("src").asText())
          .as("%s: image '%s' is embedded", page, image.get("alt").asText())
          .startsWith("data:image/png;base64,");
      assertThat(
              image.get("complete").asBoolean()
                  && image.get("width").asInt() > 0
                  && image.get("height").asInt() > 0)
          .as("%s: image '%s' loaded: %s", page, image.get("alt").asText(), image)
          .isTrue();
    }

    String name = page.substring(0, page.lastIndexOf('.'));
    BufferedImage whole =
        write(chromium.screenshot(Integer.MAX_VALUE), SCREENSHOTS.resolve(name + ".png"));
    BufferedImage firstScreen =
        write(chromium.screenshot(FIRST_SCREEN), SCREENSHOTS.resolve(name + "-preview.png"));
    assertThat(whole.getWidth()).as("%s: the screenshot's width", page).isEqualTo(WIDTH);
    assertThat(whole.getHeight())
        .as("%s: the whole page is longer than its first screen", page)
        .isGreaterThan(FIRST_SCREEN);
    assertThat(firstScreen.getHeight()).isEqualTo(FIRST_SCREEN);
    assertThat(problems).as("console errors, exceptions and failed loads of %s", page).isEmpty();

    List<Table> tables = new ArrayList<>();
    for (JsonNode t : chromium.evaluate(TABLES)) {
      List<Row> rows = new ArrayList<>();
      for (JsonNode r : t.get("rows")) {
        List<String> cells = new ArrayList<>();
        r.get("cells").forEach(c -> cells.add(c.asText()));
        rows.add(new Row(r.get("className").asText(), cells));
      }
      tables.add(new Table(t.get("heading").asText(), t.get("className").asText(), rows));
    }
    return tables;
  }

  /** Writes a screenshot and reads it back (it must be a PNG). */
  private static BufferedImage write(byte[] png, Path file) throws IOException {
    Files.write(file, png);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("%s is a PNG", file).isNotNull();
    return image;
  }

  private static Table table(List<Table> tables, String className, String heading) {
    return tables.stream()
        .filter(t -> t.className().equals(className) && t.heading().equals(heading))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no table '"
                        + className
                        + "' under '"
                        + heading
                        + "' in "
                        + tables.stream().map(t -> t.heading() + "/" + t.className()).toList()));
  }

  private static String valueOf(Table figures, String label) {
    return figures.body().stream()
        .filter(row -> row.get(0).equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row '" + label + "' in " + figures.body()))
        .get(1);
  }

  private static String last(List<String> cells) {
    return cells.get(cells.size() - 1);
  }

  /** An exact decimal of summary.json as the pages write it: {@code USD 306,989.66}. */
  private static String money(JsonNode exact) {
    return MoneyText.money(exact.decimalValue(), CURRENCY);
  }

  private static long cents(JsonNode exact) {
    return exact
        .decimalValue()
        .setScale(2, RoundingMode.HALF_EVEN)
        .movePointRight(2)
        .longValueExact();
  }

  /** The sum of a money column as shown ({@code USD 1,234.56}), in cents. */
  private static long sumOfCents(List<List<String>> rows, int column) {
    long sum = 0;
    for (List<String> row : rows) {
      String text = row.get(column);
      assertThat(text).as("a money cell").matches(CURRENCY + " -?[0-9,]+\\.[0-9]{2}");
      sum +=
          Long.parseLong(text.substring(CURRENCY.length() + 1).replace(",", "").replace(".", ""));
    }
    return sum;
  }

  /**
   * The output folder whose pages are opened: {@code -Dfleetcost.browser.pages}, else {@code
   * SampleJobTest}'s run of this build, else a run of the packaged jar (the Quick start's command)
   * here.
   */
  private static Path samplePages() throws Exception {
    String given = System.getProperty("fleetcost.browser.pages", "");
    if (!given.isBlank()) {
      System.out.println(
          "browser pages test: the pages of " + given + " (-Dfleetcost.browser.pages)");
      return TestPaths.PROJECT.resolve(given);
    }
    Optional<Path> kept = SampleRunReference.pagesKeptByThisBuild();
    if (kept.isPresent()) {
      System.out.println(
          "browser pages test: SampleJobTest's pages, earlier in this build (" + kept.get() + ")");
      return kept.get();
    }
    System.out.println(
        "browser pages test: no pages kept by SampleJobTest in this build, running the sample job");
    Path out = dir.resolve("out");
    Path log = dir.resolve("run.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx2g",
            "-jar",
            TARGET.resolve("fleetcost.jar").toString(),
            "run",
            TestPaths.PROJECT.resolve("jobs/sample.yaml").toString(),
            "--out",
            out.toString(),
            "--warehouse",
            dir.resolve("history").toString());
    Process run =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // a test JVM that is ended (a fork timeout, SIGTERM) runs no finally block, but it runs its
    // shutdown hooks
    Thread endOnExit = new Thread(run::destroyForcibly, "sample-run-end");
    Runtime.getRuntime().addShutdownHook(endOnExit);
    try {
      if (!run.waitFor(15, TimeUnit.MINUTES)) {
        fail(
            "The sample job did not finish within 15 minutes: "
                + command
                + "\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } finally {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
      Runtime.getRuntime().removeShutdownHook(endOnExit);
    }
    assertThat(run.exitValue())
        .as(
            String.format(
                Locale.ROOT, "%s%n%s", command, Files.readString(log, StandardCharsets.UTF_8)))
        .isZero();
    return out;
  }
}
